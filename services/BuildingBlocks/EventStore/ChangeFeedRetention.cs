using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// How much of the change feed is still served: feed readers asking for anything before
/// <see cref="PurgedThrough"/> get 410 Gone and must re-sync from the snapshot. Written by
/// <see cref="ChangeFeedRetentionJob"/> as events age out of the configured window; the events themselves
/// stay in the store (they are the record), only the feed stops serving them.
/// </summary>
public sealed record ChangeFeedRetention(string Id, long PurgedThrough)
{
    public const string SingletonId = "change-feed";
}

/// <summary><c>EventStore:FeedRetention</c>: how many days of events the change feed keeps serving.</summary>
public sealed class ChangeFeedRetentionOptions
{
    /// <summary>Days of events the feed serves; null (the default) keeps every event in the feed.</summary>
    public int? KeepDays { get; set; }

    /// <summary>How often the window moves on.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where a reader whose position is gone starts over (the service's bulk snapshot, with
    /// <c>X-Feed-Position</c>); null for a service that has none. Set by the service, not by configuration.</summary>
    public string? Snapshot { get; set; }
}

/// <summary>
/// Moves the feed's retention mark: the newest position older than <see cref="ChangeFeedRetentionOptions.KeepDays"/>
/// (by the event's commit time), never past the high-water mark (a reader cannot have seen more) and never back.
/// Every replica may run it: the mark only grows, and two rounds computing it at once compute the same value.
/// </summary>
public sealed partial class ChangeFeedRetentionJob(IDocumentStore store, TimeProvider clock, IOptions<ChangeFeedRetentionOptions> options,
    ILogger<ChangeFeedRetentionJob> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.KeepDays is null
            ? Task.CompletedTask
            : PeriodicRounds.RunAsync(options.Value.CheckInterval, clock, ApplyAsync, ex => LogRoundFailed(logger, ex), stoppingToken);

    /// <summary>One round; returns the mark as it now stands (0: nothing is purged).</summary>
    public async Task<long> ApplyAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<ChangeFeedRetention>(ChangeFeedRetention.SingletonId, ct);
        if (options.Value.KeepDays is not { } days) return current?.PurgedThrough ?? 0;
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, days));
        var aged = await session.Events.QueryAllRawEvents().Where(e => e.Timestamp < cutoff)
            .OrderByDescending(e => e.Sequence).Select(e => e.Sequence).Take(1).ToListAsync(ct);
        var mark = Math.Min(aged.FirstOrDefault(), await Http.ChangeFeed.HighWaterMarkAsync(store, ct));
        if (mark <= (current?.PurgedThrough ?? 0)) return current?.PurgedThrough ?? 0;
        session.Store(new ChangeFeedRetention(ChangeFeedRetention.SingletonId, mark));
        await session.SaveChangesAsync(ct);
        LogMoved(logger, mark, days);
        return mark;
    }

    [LoggerMessage(LogLevel.Information, "Change feed retention: positions up to {Mark} are no longer served (older than {Days} days)")]
    private static partial void LogMoved(ILogger logger, long mark, int days);

    [LoggerMessage(LogLevel.Error, "Change feed retention round failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}
