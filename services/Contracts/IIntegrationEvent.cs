namespace Platform.Contracts;

/// <summary>
/// What every integration event carries. Integration events are the Platform's public, versioned
/// contract: they are published to RabbitMQ and served by each service's HTTP change feed.
/// A breaking change to a contract is a new type with the next version suffix (…V2), published
/// beside the old one until every consumer has moved.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique id of this event. The same event delivered twice (at-least-once delivery, or read
    /// again from the change feed) has the same id: consumers de-duplicate by it.</summary>
    Guid EventId { get; }

    /// <summary>Version of the source stream (the enterprise, site, meeting…) after this event; it grows by one
    /// per change of that stream, so a consumer can ignore anything at or below the version it has applied.</summary>
    long StreamVersion { get; }

    /// <summary>When the change was committed, UTC.</summary>
    DateTimeOffset OccurredAt { get; }
}
