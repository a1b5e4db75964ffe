using Platform.Contracts.Api;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Escalations;

public sealed record EscalationRegisterEntry(Guid Id, EscalationBody To, string Summary, DateOnly EscalatedOn, int AgeDays, bool Answered,
    string? Response, DateOnly? RespondedOn, IReadOnlyList<CoveredDifficulty> Difficulties, long Version)
{
    public static EscalationRegisterEntry Of(Escalation e, DateOnly today) =>
        new(e.Id, e.To, e.Summary, e.EscalatedOn, e.AgeDays(today), e.IsAnswered, e.Response, e.RespondedOn, e.Difficulties, e.Version);
}

/// <summary>The escalation register and one escalation.</summary>
public static class EscalationRegister
{
    /// <summary>The register's columns in a download.</summary>
    public static readonly IReadOnlyList<Column<EscalationRegisterEntry>> Columns =
    [
        new("Ngày chuyển", "Escalated on", e => e.EscalatedOn),
        new("Cơ quan nhận", "To", e => Codes.Of(e.To)),
        new("Nội dung", "Summary", e => e.Summary),
        new("Số khó khăn, kiến nghị", "Difficulties", e => e.Difficulties.Count),
        new("Doanh nghiệp nêu", "Raised by", e => string.Join("; ", e.Difficulties.Select(d => d.EnterpriseName).Distinct())),
        new("Số ngày", "Age (days)", e => e.AgeDays),
        new("Đã trả lời", "Answered", e => e.Answered),
        new("Ngày trả lời", "Answered on", e => e.RespondedOn),
        new("Nội dung trả lời", "Answer", e => e.Response),
        new("Mã định danh", "Id", e => e.Id.ToString()),
    ];

    public static void Map(RouteGroupBuilder escalations)
    {
        escalations.MapGet("/", async (IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct, string? to = null, bool? answered = null,
                string? format = null, int page = 1, int pageSize = Pages.DefaultPageSize) =>
            {
                var form = TableExport.Choose(http.Request, format);
                var errors = new FieldErrors().Check(page, pageSize)
                    .When(to is not null && !Codes.TryParse<EscalationBody>(to, out _), "to", $"must be one of: {string.Join(", ", Codes.All<EscalationBody>())}")
                    .When(form is null, "format", "must be json, csv or xlsx");
                if (errors.Any) return Problems.From(errors.ToRejection());
                var query = session.Query<Escalation>().AsQueryable();
                if (Codes.TryParse<EscalationBody>(to, out var body)) query = query.Where(e => e.To == body);
                var today = DepartmentClock.Today(clock);
                var entries = (await query.ToListAsync(ct)).Select(e => EscalationRegisterEntry.Of(e, today));
                if (answered is { } a) entries = entries.Where(e => e.Answered == a);
                // Waiting longest first; answered ones after.
                var ordered = entries.OrderBy(e => e.Answered).ThenByDescending(e => e.AgeDays).ToList();
                return form == TableFormat.Json
                    ? Results.Ok(Pages.Of(ordered, page, pageSize))
                    : TableExport.File(http.Request, form!.Value, "kien-nghi-vuot-cap", Table.Of("Kiến nghị vượt cấp", Columns, ordered));
            })
            .WithSummary("The escalation register: awaiting an answer first, oldest first, with age in days, paged (page, pageSize up to 200); filters: to, answered. As CSV or XLSX (format=csv|xlsx or Accept) with the same filters, every matching escalation; Vietnamese headers (English with Accept-Language: en).")
            .Produces<PageOf<EscalationRegisterEntry>>()
            .ProducesValidationProblem()
            .ProducesTables()
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
        escalations.MapGet("/{id:guid}", async (Guid id, IQuerySession session, TimeProvider clock, HttpContext http) =>
            {
                if (await session.LoadAsync<Escalation>(id, http.RequestAborted) is not { } e) return Problems.From(Rejection.NotFound(NotFound(id)));
                StreamVersion.SetETag(http.Response, e.Version);
                return Results.Ok(EscalationRegisterEntry.Of(e, DepartmentClock.Today(clock)));
            })
            .WithSummary("One escalation; the ETag is its version.").Produces<EscalationRegisterEntry>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    internal static string NotFound(Guid id) => $"No escalation with id {id}.";
}
