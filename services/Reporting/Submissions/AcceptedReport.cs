using Marten;
using Platform.BuildingBlocks.Commands;

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

/// <summary>
/// Fills the read model for reports accepted before it existed (a store upgraded to this version): every submission with an
/// accepted version and no <see cref="AcceptedReport"/> gets one, once, at start. Inserted, never overwritten: a document the
/// projection wrote meanwhile is newer, and the batch is then read again.
/// </summary>
public sealed partial class AcceptedReportBackfill(IDocumentStore store, ILogger<AcceptedReportBackfill> logger) : IHostedService
{
    private const int Batch = 500;

    public async Task StartAsync(CancellationToken ct)
    {
        var filled = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                filled += await FillAsync(store, ct);
                if (filled > 0) LogFilled(logger, filled);
                return;
            }
            catch (Exception ex) when (ex is JasperFx.DocumentAlreadyExistsException || CommandRunner.IsConcurrencyConflict(ex)) { }
        }
    }

    /// <summary>One pass over the accepted submissions; how many documents it added.</summary>
    public static async Task<int> FillAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
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
        return missing.Count;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Accepted-report read model: {Count} reports accepted before it existed added")]
    private static partial void LogFilled(ILogger logger, int count);
}
