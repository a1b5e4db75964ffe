using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Commands;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.EventStore;

namespace Platform.Reporting.Obligations;

/// <summary>
/// Opens reporting obligations and records overdue reports. Obligations follow the Registry: every
/// active enterprise owes, for each template its kinds require, every period from the one it was
/// registered in up to the current one (opened as soon as the period starts, so the enterprise sees
/// what it will owe; due after it ends); once suspended or ceased, no period ending after that date is
/// opened (the reason is kept on the enterprise). A newly known enterprise gets its obligations from the
/// Registry's event (<see cref="ObligationOpener"/>, in the transaction that saves the copy); the rounds here
/// open what the calendar brings (a new period starting) and catch up after a start, so the scan of every
/// enterprise runs once per department day, not every round. Each obligation is a submission stream with an id derived from
/// (enterprise, template, period), so running this on several replicas, or twice, opens it once.
/// </summary>
public sealed partial class ObligationScheduler(IDocumentStore store, TimeProvider clock, IOptions<ReportingOptions> options, TemplateCache templateCache,
    ILogger<ObligationScheduler> logger)
    : BackgroundService
{
    public static Guid SubmissionIdFor(Guid enterpriseId, string templateCode, string period) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"{enterpriseId:N}|{templateCode}|{period}")));

    /// <summary>The obligations an enterprise has as of <paramref name="today"/>: pure, so it is tested without a database.</summary>
    public static IEnumerable<ObligationOpened> Due(KnownEnterprise enterprise, DateOnly today, DueDateRules rules, TemplateCatalog templates)
    {
        // A copy made before registration dates were kept has none: owe from now on, not since year 1.
        if (enterprise.RegisteredAt == default) enterprise = enterprise with { RegisteredAt = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), DepartmentClock.Offset) };
        var registeredOn = DateOnly.FromDateTime(enterprise.RegisteredAt.ToOffset(DepartmentClock.Offset).DateTime);
        var stoppedOn = enterprise.IsActive ? (DateOnly?)null : DateOnly.FromDateTime(enterprise.StatusChangedAt.ToOffset(DepartmentClock.Offset).DateTime);
        // Each period under the version effective for it (from the template's first version on): its kinds, its deadline.
        foreach (var series in templates.All)
        {
            var from = series.Versions[0].FirstPeriod.Start > registeredOn ? series.Versions[0].FirstPeriod.Start : registeredOn;
            foreach (var period in ReportingPeriod.Between(series.PeriodType, from, today))
            {
                if (stoppedOn is { } stop && period.End >= stop) break;
                if (series.EffectiveFor(period) is not { } template || !template.EnterpriseKinds.Intersect(enterprise.Kinds).Any()) continue;
                yield return new ObligationOpened(SubmissionIdFor(enterprise.Id, template.Code, period.Key), enterprise.Id, template.Code, template.Version,
                    period.Key, period.Start, period.End, template.DueOn(period, rules));
            }
        }
    }

    /// <summary>Records the overdue transition once (the event other systems use to send reminders).</summary>
    public static Decision RecordOverdue(Submission s, DateOnly today) =>
        s.IsOverdue(today) && !s.OverdueRecorded ? Decision.Append(s.Id, new ReportBecameOverdue(s.Id, s.EnterpriseId, s.DueOn)) : Decision.Nothing;

    /// <summary>Opening obligations: each one a new submission stream, owed by the calendar (no state to decide on).</summary>
    public static Decision Open(IEnumerable<ObligationOpened> obligations) =>
        obligations.Aggregate(Decision.Nothing, (decision, o) => decision.And(Decision.Start<Submission>(o.SubmissionId, o)));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Value.ScheduleInterval, clock, RoundAsync, ex => LogRoundFailed(logger, ex), stoppingToken);

    // The department day whose obligations have all been opened by a round (null until the first round succeeds).
    private DateOnly? _openedThrough;

    private async Task RoundAsync(CancellationToken ct)
    {
        var today = DepartmentClock.Today(clock);
        var opened = 0;
        if (_openedThrough != today)
        {
            (opened, var complete) = await OpenAsync(ct);
            if (complete) _openedThrough = today;
        }
        var overdue = await RecordOverdueAsync(ct);
        if (opened + overdue > 0) LogRound(logger, opened, overdue);
    }

    public async Task<int> OpenObligationsAsync(CancellationToken ct) => (await OpenAsync(ct)).Opened;

    /// <summary>Complete: every obligation due was found or opened (false when another writer collided with a batch).</summary>
    private async Task<(int Opened, bool Complete)> OpenAsync(CancellationToken ct)
    {
        var complete = true;
        var today = DepartmentClock.Today(clock);
        await using var query = store.QuerySession();
        var enterprises = await query.Query<KnownEnterprise>().ToListAsync(ct);
        var templates = await templateCache.CatalogAsync(query, ct);
        if (templates.All.Count == 0) return (0, false); // the templates are not loaded yet: the next round opens what is due
        var due = enterprises.SelectMany(e => Due(e, today, options.Value.DueDates, templates)).ToList();
        var existing = (await query.LoadManyAsync<Submission>(ct, due.Select(d => d.SubmissionId).ToArray())).Select(s => s.Id).ToHashSet();
        var opened = 0;
        foreach (var batch in due.Where(d => !existing.Contains(d.SubmissionId)).Chunk(200))
        {
            // A batch of new streams, one command: all open together, or (a collision) none does.
            try
            {
                await CommandRunner.RunAsync(OpenSession, _ => Task.FromResult(Open(batch)), ct);
                opened += batch.Length;
            }
            catch (Marten.Exceptions.ExistingStreamIdCollisionException)
            {
                // Another replica (or the opener) opened some of these first; the next round opens the rest.
                complete = false;
            }
        }
        return (opened, complete);
    }

    public async Task<int> RecordOverdueAsync(CancellationToken ct)
    {
        var today = DepartmentClock.Today(clock);
        await using var query = store.QuerySession();
        var candidates = await OverdueCandidatesAsync(query, today, ct);
        var recorded = 0;
        foreach (var candidate in candidates.Where(c => c.IsOverdue(today)))
        {
            // A conflict (submitted or recorded by someone else meanwhile) is left to the next round, which decides again.
            var outcome = await CommandRunner.RunAsync(OpenSession,
                CommandRunner.On<Submission>(candidate.Id, SubmissionQueries.NotFound(candidate.Id), s => RecordOverdue(s, today)), ct);
            if (outcome.Appended > 0) recorded++;
        }
        return recorded;
    }

    /// <summary>The reports a round checks for overdue: past due, not recorded, and nothing submitted (due or drafted; a draft after a
    /// return has versions and is left out by <see cref="Submission.IsOverdue"/>). Without the status filter every round read every
    /// report ever submitted on time, whose due date passed too and which is never recorded overdue.</summary>
    public static async Task<IReadOnlyList<Submission>> OverdueCandidatesAsync(IQuerySession query, DateOnly today, CancellationToken ct) =>
        await query.Query<Submission>()
            .Where(s => s.DueOn < today && !s.OverdueRecorded && (s.Status == SubmissionStatus.Due || s.Status == SubmissionStatus.Draft))
            .ToListAsync(ct);

    private IDocumentSession OpenSession()
    {
        return SystemActor.Stamp(store.LightweightSession(), "job:obligations"); // the audit trail names the job, not a person
    }

    [LoggerMessage(LogLevel.Information, "Reporting obligations: opened {Opened}, recorded {Overdue} overdue")]
    private static partial void LogRound(ILogger logger, int opened, int overdue);

    [LoggerMessage(LogLevel.Error, "Reporting schedule round failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}
