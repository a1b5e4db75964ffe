namespace Platform.BuildingBlocks.EventStore;

/// <summary>Message headers the Platform adds beside MassTransit's own.</summary>
public static class PlatformHeaders
{
    /// <summary>The event's position in its service's change feed (Marten's global sequence).</summary>
    public const string FeedPosition = "platform-feed-position";
}
