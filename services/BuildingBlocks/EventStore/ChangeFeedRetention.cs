namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// How much of the change feed is still served. Nothing is purged by default (PurgedThrough = 0);
/// when an operator archives or purges old events they record the last purged position here, and
/// feed readers asking for anything at or before it get 410 Gone and must re-sync from the snapshot.
/// </summary>
public sealed record ChangeFeedRetention(string Id, long PurgedThrough)
{
    public const string SingletonId = "change-feed";
}
