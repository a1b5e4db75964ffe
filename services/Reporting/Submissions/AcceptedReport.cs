using Marten;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Hosting;

namespace Platform.Reporting.Submissions;

/// <summary>
/// The read model the indicators and the trend aggregate: one document per report (enterprise × template × period) holding
/// only its accepted figures, written with the submission whenever a version is accepted (<see cref="SubmissionProjection"/>),
/// so a query reads a few hundred small documents instead of every submission with all its versions. A report returned for
/// correction keeps its accepted figures here until the corrected version is accepted, as the submission does. The as-of
/// indicators do not read it: they rebuild the reports from their events up to that moment.
/// </summary>
public sealed record AcceptedReport(Guid Id, Guid EnterpriseId, string TemplateCode, string Period, DateOnly PeriodStart, int AcceptedVersion, int? TemplateVersion,
    IReadOnlyDictionary<string, decimal> Values, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Breakdown = null)
{
    /// <summary>Pure: the accepted figures of a submission as it stands, or null when no version was accepted yet.</summary>
    public static AcceptedReport? Of(Submission s) =>
        s.AcceptedVersion is { } number && s.Versions.FirstOrDefault(v => v.Number == number) is { } accepted
            ? new AcceptedReport(s.Id, s.EnterpriseId, s.TemplateCode, s.Period, s.PeriodStart, number, accepted.TemplateVersion ?? s.TemplateVersion, accepted.Values, accepted.Breakdown)
            : null;
}

/// <summary>Written when <see cref="AcceptedReportBackfill"/> has filled the read model once: later starts read this one document
/// and nothing else (every acceptance since writes its report itself).</summary>
public sealed record AcceptedReportBackfillDone(string Id, DateTimeOffset At)
{
    public const string Key = "accepted-report-backfill";
}

/// <summary>
/// Fills the read model for reports accepted before it existed (a store upgraded to this version): every submission with an
/// accepted version and no <see cref="AcceptedReport"/> gets one, once. Inserted, never overwritten: a document the
/// projection wrote meanwhile is newer, and the batch is then read again. A start-up job (<see cref="StartupJobsSetup"/>): the
/// service is not ready until it is done, so no indicator is served from a half-filled read model. When done it leaves
/// <see cref="AcceptedReportBackfillDone"/>, and every later start reads only that.
/// </summary>
public static partial class AcceptedReportBackfill
{
    public const string JobName = "accepted-reports";
    private const int Batch = 500;

    public static async Task RunAsync(IDocumentStore store, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var filled = await FillAsync(store, clock, ct);
                if (filled > 0) LogFilled(logger, filled);
                return;
            }
            // Another replica filling at the same moment: read again.
            catch (Exception ex) when (attempt < 4 && (ex is JasperFx.DocumentAlreadyExistsException || CommandRunner.IsConcurrencyConflict(ex))) { }
        }
    }

    /// <summary>One pass over the accepted submissions, unless one was completed before; how many documents it added.</summary>
    public static async Task<int> FillAsync(IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        if (await query.LoadAsync<AcceptedReportBackfillDone>(AcceptedReportBackfillDone.Key, ct) is not null) return 0;
        var known = (await query.Query<AcceptedReport>().Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        var missing = (await query.Query<Submission>().Where(s => s.AcceptedVersion != null).Select(s => s.Id).ToListAsync(ct))
            .Where(id => !known.Contains(id)).ToList();
        foreach (var chunk in missing.Chunk(Batch))
        {
            await using var session = store.LightweightSession();
            var submissions = await session.LoadManyAsync<Submission>(ct, chunk);
            foreach (var report in submissions.Select(AcceptedReport.Of).OfType<AcceptedReport>()) session.Insert(report);
            await session.SaveChangesAsync(ct);
        }
        await using (var done = store.LightweightSession())
        {
            done.Store(new AcceptedReportBackfillDone(AcceptedReportBackfillDone.Key, clock.GetUtcNow()));
            await done.SaveChangesAsync(ct);
        }
        return missing.Count;
    }

    [LoggerMessage(LogLevel.Information, "Accepted-report read model: {Count} reports accepted before it existed added")]
    private static partial void LogFilled(ILogger logger, int count);
}
