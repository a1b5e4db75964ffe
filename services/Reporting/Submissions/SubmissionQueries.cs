using Platform.Contracts.Api;
using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

public sealed record SubmissionRow(
    Guid Id, Guid EnterpriseId, string EnterpriseName, string Template, string Period, DateOnly DueOn, string Status,
    int Versions, bool Late, bool Overdue, bool Locked, long Version);

public sealed record SubmissionDetail(Submission Submission, ReportTemplate Template, IReadOnlyList<TimelineEntry> History);

/// <summary>Reads of obligations and submissions; the commands are SaveDraft, SubmitReport and ReviewReport.</summary>
public static class SubmissionQueries
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder submissions)
    {
        api.MapGet("/obligations", ListAsync).WithTags("Submissions").Produces<PageOf<SubmissionRow>>().ProducesValidationProblem()
            .WithSummary("Obligations and their submission status, with late/overdue, soonest due first, paged (page, pageSize up to 200); filters: enterpriseId, template, period, status. Representatives see their own.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);
        submissions.MapGet("/{id:guid}", DetailAsync).Produces<SubmissionDetail>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A submission with every version, its warnings and return reasons, and its timeline; the ETag is its stream version.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);
    }

    /// <summary>The template version a report is entered and checked under: the one it was drafted or submitted under, or,
    /// while nothing is entered, the one effective for its period now (a version published since the obligation opened).</summary>
    public static ReportTemplate TemplateOf(Submission s, TemplateSeries? series)
    {
        var effective = s.Untouched && ReportingPeriod.TryParse(s.Period, out var period) ? series?.EffectiveFor(period) : null;
        return effective ?? series?.Get(s.TemplateVersion) ?? throw new InvalidOperationException($"Template {s.TemplateCode} v{s.TemplateVersion} is not in the store");
    }

    public static async Task<ReportTemplate> TemplateOfAsync(TemplateCache templates, IQuerySession session, Submission s, CancellationToken ct) =>
        TemplateOf(s, await templates.SeriesAsync(session, s.TemplateCode, ct));

    private static async Task<IResult> ListAsync(IQuerySession session, TimeProvider clock, IOptions<ReportingOptions> options, HttpContext http,
        Guid? enterpriseId = null, string? template = null, string? period = null, string? status = null, int page = 1, int pageSize = Pages.DefaultPageSize)
    {
        if (http.User.RepresentedEnterprise() is { } own) enterpriseId = own; // a representative sees its own obligations
        var errors = new FieldErrors().Check(page, pageSize)
            .When(status is not null && !Codes.TryParse<SubmissionStatus>(status, out _) && status is not ("overdue" or "late"),
                "status", $"must be one of: {string.Join(", ", Codes.All<SubmissionStatus>())}, overdue, late");
        if (errors.Any) return Problems.From(errors.ToRejection());
        var query = session.Query<Submission>().AsQueryable();
        if (enterpriseId is { } e) query = query.Where(s => s.EnterpriseId == e);
        if (template is not null) query = query.Where(s => s.TemplateCode == template);
        if (period is not null) query = query.Where(s => s.Period == period);
        if (Codes.TryParse<SubmissionStatus>(status, out var st)) query = query.Where(s => s.Status == st);
        var ordered = query.OrderBy(s => s.DueOn).ThenBy(s => s.Id);
        var ct = http.RequestAborted;
        if (status is not ("overdue" or "late"))
        {
            var paged = await Pages.OfAsync(ordered, page, pageSize, ct);
            return Results.Ok(new PageOf<SubmissionRow>(await RowsAsync(session, paged.Items, clock, options.Value, ct), paged.Total, page, pageSize));
        }
        // Overdue is decided on today's date and late on the first version: chosen here, then the page cut from them.
        var today = DepartmentClock.Today(clock);
        var chosen = (await ordered.ToListAsync(ct))
            .Where(s => status == "overdue" ? s.IsOverdue(today) : s.Versions.FirstOrDefault()?.Late ?? false).ToList();
        var one = Pages.Of(chosen, page, pageSize);
        return Results.Ok(new PageOf<SubmissionRow>(await RowsAsync(session, one.Items, clock, options.Value, ct), one.Total, page, pageSize));
    }

    public static async Task<List<SubmissionRow>> RowsAsync(IQuerySession session, IReadOnlyList<Submission> submissions, TimeProvider clock, ReportingOptions options, CancellationToken ct)
    {
        var today = DepartmentClock.Today(clock);
        var names = await KnownEnterprise.ShortNamesAsync(session, submissions.Select(s => s.EnterpriseId), ct);
        return submissions.Select(s => new SubmissionRow(s.Id, s.EnterpriseId, names.GetValueOrDefault(s.EnterpriseId, ""), s.TemplateCode, s.Period, s.DueOn,
            Codes.Of(s.Status), s.Versions.Count, s.Versions.FirstOrDefault()?.Late ?? false, s.IsOverdue(today), s.IsLocked(today, options.LockDaysAfterDue), s.Version)).ToList();
    }

    private static async Task<IResult> DetailAsync(Guid id, IQuerySession session, TemplateCache templates, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (await session.LoadAsync<Submission>(id, ct) is not { } submission) return Problems.From(Rejection.NotFound(NotFound(id)));
        if (!http.User.MayReadFor(submission.EnterpriseId)) return Results.Forbid();
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        StreamVersion.SetETag(http.Response, submission.Version);
        return Results.Ok(new SubmissionDetail(submission, await TemplateOfAsync(templates, session, submission, ct), Timeline.Of(events)));
    }

    internal static string NotFound(Guid id) => $"No submission with id {id}.";
}
