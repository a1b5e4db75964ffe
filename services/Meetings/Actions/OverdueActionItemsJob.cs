using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.EventStore;

namespace Platform.Meetings.Actions;

public sealed class OverdueCheckOptions
{
    /// <summary>How often to look for open action items whose deadline has passed.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Records <see cref="ActionItemBecameOverdue"/> once per open item whose deadline is behind us (Vietnam time), so
/// ActionItemOverdueV1 is published once. Views do not wait for it: they derive overdue from the date. Every replica
/// runs it; each append uses the version it read, so of two racing replicas one commits and the other finds nothing
/// left to do next round.
/// </summary>
public sealed partial class OverdueActionItemsJob(
    IDocumentStore store, ISessionFactory sessions, TimeProvider clock, IOptions<OverdueCheckOptions> options, ILogger<OverdueActionItemsJob> logger) : BackgroundService
{
    /// <summary>Records, once, that an open item's deadline has passed. Deciding again yields nothing, so repeated
    /// or concurrent job rounds are harmless.</summary>
    public static Decision RecordOverdue(ActionItem item, DateOnly today) =>
        item.IsOverdue(today) && item.OverdueRecordedOn is null
            ? Decision.Append(item.Id, new ActionItemBecameOverdue(item.Id, item.Deadline, today, item.Assignee, item.MeetingId))
            : Decision.Nothing;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Value.CheckInterval, clock, RecordOverdueAsync, ex => LogRoundFailed(logger, ex), stoppingToken);

    public async Task<int> RecordOverdueAsync(CancellationToken ct)
    {
        var today = DepartmentClock.Today(clock);
        await using var query = store.QuerySession();
        var due = await query.Query<ActionItem>()
            .Where(a => a.Status == ActionStatus.Open && a.Deadline < today && a.OverdueRecordedOn == null)
            .Select(a => a.Id)
            .ToListAsync(ct);

        var recorded = 0;
        using var actor = SystemActor.ActAs("job:overdue-action-items");
        foreach (var id in due)
        {
            // Audited as the job (SystemActor). A conflict (someone changed the item first) is left to the next round, which decides again.
            var outcome = await CommandRunner.RunAsync(sessions.OpenSession,
                CommandRunner.On<ActionItem>(id, ActionItemLifecycle.NotFound(id), item => RecordOverdue(item, today)), ct);
            if (outcome.Appended > 0) recorded++;
        }
        if (recorded > 0) LogRecorded(logger, recorded, today);
        return recorded;
    }

    [LoggerMessage(LogLevel.Information, "Recorded {Count} overdue action items as of {Today}")]
    private static partial void LogRecorded(ILogger logger, int count, DateOnly today);

    [LoggerMessage(LogLevel.Error, "Overdue action item round failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}
