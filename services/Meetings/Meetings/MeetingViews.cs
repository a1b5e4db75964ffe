using System.Security.Claims;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;
using Platform.Contracts.Api;
using Platform.Meetings.Actions;

namespace Platform.Meetings.Meetings;

public sealed record CalendarEntry(Guid Id, MeetingKind Kind, string Title, DateOnly Date, string Place, string Chair, MeetingStatus Status,
    int InvitedEnterprises, int Difficulties, int Conclusions, long Version);

public sealed record MeetingDetailView(Meeting Meeting, IReadOnlyList<ActionItemView> ActionItems);

public static class MeetingViews
{
    public static void Map(RouteGroupBuilder meetings)
    {
        meetings.MapGet("/", async (IQuerySession session, HttpContext http, CancellationToken ct, DateOnly? from = null, DateOnly? to = null, string? kind = null,
                string? status = null, string? q = null, string? format = null, int page = 1, int pageSize = Pages.DefaultPageSize) =>
            {
                var form = TableExport.Choose(http.Request, format);
                var errors = new FieldErrors().Check(page, pageSize)
                    .When(kind is not null && !Codes.TryParse<MeetingKind>(kind, out _), "kind", $"must be one of: {string.Join(", ", Codes.All<MeetingKind>())}")
                    .When(status is not null && !Codes.TryParse<MeetingStatus>(status, out _), "status", $"must be one of: {string.Join(", ", Codes.All<MeetingStatus>())}")
                    .When(from > to, "to", "must not be before from")
                    .When(form is null, "format", "must be json, csv or xlsx");
                if (errors.Any) return Problems.From(errors.ToRejection());
                var query = session.Query<Meeting>().AsQueryable();
                if (from is { } f) query = query.Where(m => m.Date >= f);
                if (to is { } t) query = query.Where(m => m.Date <= t);
                if (Codes.TryParse<MeetingKind>(kind, out var k)) query = query.Where(m => m.Kind == k);
                if (Codes.TryParse<MeetingStatus>(status, out var s)) query = query.Where(m => m.Status == s);
                if (!string.IsNullOrWhiteSpace(q)) { var key = VietnameseText.Fold(q); query = query.Where(m => m.SearchKey.Contains(key)); }
                if (!http.User.ReadsEverything())
                {
                    // A representative sees only the meetings its enterprise is a party to: Meeting.Concerns, said in the
                    // query, so a page reads its own rows rather than every meeting of the filter.
                    var own = http.User.RepresentedEnterprise() ?? Guid.Empty;
                    query = query.Where(m => m.Enterprises.Any(e => e.Id == own) || m.Withdrawn.Any(w => w.EnterpriseId == own)
                        || m.Difficulties.Any(d => d.EnterpriseId == own));
                }
                query = query.OrderBy(m => m.Date).ThenBy(m => m.Id);
                static CalendarEntry Entry(Meeting m) => new(m.Id, m.Kind, m.Title, m.Date, m.Place, m.Chair, m.Status,
                    m.Enterprises.Count, m.Difficulties.Count, m.Conclusions.Count, m.Version);
                if (form != TableFormat.Json)
                    return TableExport.File(http.Request, form!.Value, "lich-hoi-nghi", Table.Of("Hội nghị", Columns, (await query.ToListAsync(ct)).Select(Entry)));
                var shown = await Pages.OfAsync(query, page, pageSize, ct);
                return Results.Ok(new PageOf<CalendarEntry>(shown.Items.Select(Entry).ToList(), shown.Total, page, pageSize));
            })
            .WithSummary("The meeting calendar, by date, paged (page, pageSize up to 200); filters: from, to, kind, status, q (title, place, chair; with or without diacritics). A representative sees the meetings its enterprise is a party to. As CSV or XLSX (format=csv|xlsx or Accept) with the same filters, every matching meeting; Vietnamese headers (English with Accept-Language: en).")
            .Produces<PageOf<CalendarEntry>>()
            .ProducesTables()
            .ProducesValidationProblem()
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        meetings.MapGet("/{id:guid}", async (Guid id, IQuerySession session, TimeProvider clock, HttpContext http) =>
            {
                var ct = http.RequestAborted;
                if (await session.LoadAsync<Meeting>(id, ct) is not { } meeting) return Problems.From(Rejection.NotFound(MeetingRules.NotFound(id)));
                if (!MayRead(http.User, meeting)) return Results.Forbid();
                IEnumerable<ActionItem> items = await session.Query<ActionItem>().Where(a => a.MeetingId == id).OrderBy(a => a.Deadline).ToListAsync(ct);
                // A representative follows its own enterprise's tasks, never another enterprise's progress and evidence.
                if (http.User.RepresentedEnterprise() is { } own && !http.User.ReadsEverything()) items = items.Where(a => a.Assignee.EnterpriseId == own);
                var today = DepartmentClock.Today(clock);
                StreamVersion.SetETag(http.Response, meeting.Version);
                return Results.Ok(new MeetingDetailView(meeting, items.Select(a => ActionItemView.Of(a, today)).ToList()));
            })
            .WithSummary("A meeting with attendance, difficulties and their answers, conclusions, amendments and its action items (for a representative: its own enterprise's); the ETag is its version.")
            .Produces<MeetingDetailView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        meetings.MapGet("/{id:guid}/minutes", async (Guid id, IQuerySession session, TimeProvider clock, HttpContext http) =>
            {
                var ct = http.RequestAborted;
                if (await session.LoadAsync<Meeting>(id, ct) is not { } meeting) return Problems.From(Rejection.NotFound(MeetingRules.NotFound(id)));
                if (!MayRead(http.User, meeting)) return Results.Forbid();
                if (meeting.Status != MeetingStatus.MinutesPublished)
                    return Problems.From(Rejection.Conflict("minutes-not-published", "The minutes of this meeting are not published yet."));
                var items = await session.Query<ActionItem>().Where(a => a.MeetingId == id).OrderBy(a => a.Deadline).ToListAsync(ct);
                StreamVersion.SetETag(http.Response, meeting.Version);
                return Results.Content(MinutesPage.Render(meeting, items), "text/html; charset=utf-8");
            })
            .WithSummary("The published minutes as a printable HTML page in Vietnamese (the official record, for the Department and the meeting's parties).")
            .Produces<string>(contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);
    }

    /// <summary>The calendar's columns in a download.</summary>
    public static readonly IReadOnlyList<Column<CalendarEntry>> Columns =
    [
        new("Ngày", "Date", m => m.Date),
        new("Loại hội nghị", "Kind", m => Codes.Of(m.Kind)),
        new("Tên hội nghị", "Title", m => m.Title),
        new("Địa điểm", "Place", m => m.Place),
        new("Chủ trì", "Chair", m => m.Chair),
        new("Trạng thái", "Status", m => Codes.Of(m.Status)),
        new("Số doanh nghiệp mời", "Invited enterprises", m => m.InvitedEnterprises),
        new("Số khó khăn, kiến nghị", "Difficulties", m => m.Difficulties),
        new("Số kết luận", "Conclusions", m => m.Conclusions),
        new("Mã định danh", "Id", m => m.Id.ToString()),
    ];

    /// <summary>Department staff and auditors read every meeting; a representative only one its enterprise is a party to.</summary>
    internal static bool MayRead(ClaimsPrincipal user, Meeting meeting) =>
        user.ReadsEverything() || user.RepresentedEnterprise() is { } own && meeting.Concerns(own);
}
