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

/// <summary>
/// Decides whether something has been behind its target continuously (moving or not) for longer than the
/// allowed time: a forwarder that keeps publishing but never catches up makes consumers wait. Pure.
/// </summary>
public sealed class LagDetector(TimeSpan degradedAfter)
{
    private readonly Dictionary<string, DateTimeOffset> _behindSince = new();

    /// <summary>Records a sample; returns how long it has been behind without a break, or null while that is within the allowed time.</summary>
    public TimeSpan? Observe(string name, long position, long target, DateTimeOffset now)
    {
        if (position >= target)
        {
            _behindSince.Remove(name);
            return null;
        }
        if (!_behindSince.TryGetValue(name, out var since)) _behindSince[name] = since = now;
        var behind = now - since;
        return behind > degradedAfter ? behind : null;
    }
}
