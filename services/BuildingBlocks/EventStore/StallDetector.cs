namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// Decides whether something that should follow a moving target (a projection or the forwarder
/// following the store's high-water mark; the high-water mark following the newest event) has
/// stalled: it is behind and has not moved for longer than the allowed time. Pure, so it is tested
/// without a daemon.
/// </summary>
public sealed class StallDetector(TimeSpan stallAfter)
{
    private readonly Dictionary<string, (long Position, DateTimeOffset Since)> _last = new();

    public TimeSpan StallAfter => stallAfter;

    /// <summary>Records a sample; returns how long it has been stuck behind, or null when it is not.</summary>
    public TimeSpan? Observe(string name, long position, long target, DateTimeOffset now)
    {
        if (!_last.TryGetValue(name, out var last) || last.Position != position) _last[name] = last = (position, now);
        if (position >= target) return null;
        var stuck = now - last.Since;
        return stuck > stallAfter ? stuck : null;
    }
}
