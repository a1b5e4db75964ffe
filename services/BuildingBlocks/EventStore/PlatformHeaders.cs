namespace Platform.BuildingBlocks.EventStore;

/// <summary>Message headers the Platform adds beside MassTransit's own.</summary>
public static class PlatformHeaders
{
    /// <summary>The event's position in its service's change feed (Marten's global sequence).</summary>
    public const string FeedPosition = "platform-feed-position";

    /// <summary>The correlation id of the change that caused the event (the trace id of the request), so a
    /// consumer can quote it and operators can follow it across services.</summary>
    public const string CorrelationId = "platform-correlation-id";
}
