using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Obligations;

/// <summary>
/// Opens an enterprise's reporting obligations from the Registry's event itself, in the command that keeps
/// Reporting's copy of the enterprise: a newly registered enterprise sees what it owes as soon as the event
/// arrives, instead of at the next <see cref="ObligationScheduler"/> round (which now only opens the periods that
/// start as the calendar moves on). Also runs for amendments (new kinds may bring new templates) and
/// reinstatements. Idempotent: obligations already opened, or already decided in this command (a change-feed
/// page may carry several events of one enterprise), are left alone; a replica or the scheduler opening the same
/// one at the same moment makes the commit fail with a stream collision, and the message is retried, by which
/// time the copy and the obligation are both there.
/// </summary>
public sealed class ObligationOpener(TimeProvider clock, IOptions<ReportingOptions> options, TemplateCache templates) : IKnownEnterpriseReaction
{
    public async Task<Decision> DecideAsync(IQuerySession query, KnownEnterprise enterprise, Decision sofar, CancellationToken ct)
    {
        var due = ObligationScheduler.Due(enterprise, DepartmentClock.Today(clock), options.Value.DueDates, await templates.CatalogAsync(query, ct)).ToList();
        if (due.Count == 0) return Decision.Nothing;
        var existing = (await query.LoadManyAsync<Submission>(ct, due.Select(d => d.SubmissionId).ToArray())).Select(s => s.Id).ToHashSet();
        return ObligationScheduler.Open(due.Where(d => !existing.Contains(d.SubmissionId) && !sofar.NewStreams.ContainsKey(d.SubmissionId)));
    }
}
