using Platform.Contracts.Api;
using Marten;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Actions;

public sealed record ActionItemView(
    Guid Id, Guid? MeetingId, Guid? DifficultyId, Guid? EscalationId, string Title, Assignee Assignee, DateOnly AssignedOn, DateOnly Deadline,
    TrackedStatus Status, int DaysOverdue, int Percent, DateOnly? CompletedOn, bool? CompletedOnTime, string? Evidence, string? CancellationReason,
    IReadOnlyList<ProgressNote> Notes, long Version)
{
    public static ActionItemView Of(ActionItem a, DateOnly today) => new(
        a.Id, a.MeetingId, a.DifficultyId, a.EscalationId, a.Title, a.Assignee, a.AssignedOn, a.Deadline, StatusOf(a, today),
        a.IsOverdue(today) ? today.DayNumber - a.Deadline.DayNumber : 0, a.Percent, a.CompletedOn,
        a.CompletedOn is { } c ? c <= a.Deadline : null, a.Evidence, a.CancellationReason, a.Notes, a.Version);

    public static TrackedStatus StatusOf(ActionItem a, DateOnly today) => a.Status switch
    {
        ActionStatus.Done => TrackedStatus.Done,
        ActionStatus.Cancelled => TrackedStatus.Cancelled,
        _ => a.IsOverdue(today) ? TrackedStatus.Overdue : TrackedStatus.Open,
    };
}

/// <summary>One event of the task's stream with its audit trail: who (token subject; "system" for background work), in
/// which role, for whom (the represented enterprise's id, or "department"), and the correlation (trace) id.</summary>
public sealed record ActionItemDetail(ActionItemView Item, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Follow-up counts as the Government Office reports them (Decision 42/2014/QĐ-TTg).</summary>
public sealed record FollowUpStatistics(string Key, string Name, int Total, int CompletedOnTime, int CompletedLate, int InProgressWithinTerm,
    int Overdue, int Cancelled, decimal CompletedPercent);

public static class ActionTracker
{
    /// <summary>Overdue first (most overdue on top), then open by deadline, then done and cancelled.</summary>
    public static IEnumerable<ActionItemView> Order(IEnumerable<ActionItemView> items) => items
        .OrderBy(v => v.Status switch { TrackedStatus.Overdue => 0, TrackedStatus.Open => 1, TrackedStatus.Done => 2, _ => 3 })
        .ThenBy(v => v.Deadline);

    public static FollowUpStatistics Statistics(string key, string name, IReadOnlyCollection<ActionItem> items, DateOnly today)
    {
        var onTime = items.Count(a => a.Status == ActionStatus.Done && a.CompletedOn <= a.Deadline);
        var late = items.Count(a => a.Status == ActionStatus.Done && a.CompletedOn > a.Deadline);
        var overdue = items.Count(a => a.IsOverdue(today));
        var inTerm = items.Count(a => a.Status == ActionStatus.Open && !a.IsOverdue(today));
        var cancelled = items.Count(a => a.Status == ActionStatus.Cancelled);
        var counted = items.Count - cancelled;
        return new(key, name, items.Count, onTime, late, inTerm, overdue, cancelled,
            counted == 0 ? 0 : Math.Round(100m * (onTime + late) / counted, 1));
    }

    /// <summary>The tracker's columns in a download.</summary>
    public static readonly IReadOnlyList<Column<ActionItemView>> Columns =
    [
        new("Nhiệm vụ", "Task", a => a.Title),
        new("Đơn vị thực hiện", "Assignee", a => a.Assignee.Name),
        new("Loại đơn vị", "Assignee kind", a => Codes.Of(a.Assignee.Kind)),
        new("Ngày giao", "Assigned on", a => a.AssignedOn),
        new("Hạn hoàn thành", "Deadline", a => a.Deadline),
        new("Trạng thái", "Status", a => Codes.Of(a.Status)),
        new("Số ngày quá hạn", "Days overdue", a => a.DaysOverdue),
        new("Tiến độ (%)", "Progress (%)", a => a.Percent),
        new("Ngày hoàn thành", "Completed on", a => a.CompletedOn),
        new("Hoàn thành đúng hạn", "Completed on time", a => a.CompletedOnTime),
        new("Mã hội nghị", "Meeting id", a => a.MeetingId?.ToString()),
        new("Mã định danh", "Id", a => a.Id.ToString()),
    ];

    public static void Map(RouteGroupBuilder items)
    {
        items.MapGet("/", async (IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct,
                string? assignee = null, string? assigneeKind = null, string? status = null, Guid? meetingId = null, Guid? escalationId = null, string? q = null, string? format = null,
                int page = 1, int pageSize = Pages.DefaultPageSize) =>
            {
                var form = TableExport.Choose(http.Request, format);
                var errors = new FieldErrors().Check(page, pageSize)
                    .When(form is null, "format", "must be json, csv or xlsx")
                    .When(status is not null && !Codes.TryParse<TrackedStatus>(status, out _), "status", $"must be one of: {string.Join(", ", Codes.All<TrackedStatus>())}")
                    .When(assigneeKind is not null && !Codes.TryParse<AssigneeKind>(assigneeKind, out _), "assigneeKind", $"must be one of: {string.Join(", ", Codes.All<AssigneeKind>())}");
                if (errors.Any) return Problems.From(errors.ToRejection());
                var query = session.Query<ActionItem>().AsQueryable();
                if (meetingId is { } m) query = query.Where(a => a.MeetingId == m);
                if (escalationId is { } e) query = query.Where(a => a.EscalationId == e);
                if (assignee is not null) query = query.Where(a => a.AssigneeKey == assignee);
                if (Codes.TryParse<AssigneeKind>(assigneeKind, out var kind)) query = query.Where(a => a.Assignee.Kind == kind);
                if (!string.IsNullOrWhiteSpace(q)) { var key = VietnameseText.Fold(q); query = query.Where(a => a.SearchKey.Contains(key)); }
                // A representative sees its own enterprise's tasks, whatever filter it sends.
                if (!http.User.ReadsEverything())
                {
                    var own = $"enterprise:{http.User.RepresentedEnterprise()}";
                    query = query.Where(a => a.AssigneeKey == own);
                }
                var today = DepartmentClock.Today(clock);
                var views = (await query.ToListAsync(ct)).Select(a => ActionItemView.Of(a, today));
                if (Codes.TryParse<TrackedStatus>(status, out var s)) views = views.Where(v => v.Status == s);
                var ordered = Order(views).ToList();
                // Overdue is decided on today's date, so the order (and the page cut from it) is made here, not in the query.
                return form == TableFormat.Json
                    ? Results.Ok(Pages.Of(ordered, page, pageSize))
                    : TableExport.File(http.Request, form!.Value, "theo-doi-nhiem-vu", Table.Of("Nhiệm vụ", Columns, ordered));
            })
            .WithSummary("The action-item tracker, overdue first, paged (page, pageSize up to 200); filters: assignee (key from the statistics), assigneeKind, status (open, overdue, done, cancelled), meetingId, escalationId (the tasks assigned from an escalation's answer), q. A representative sees its own enterprise's tasks only. As CSV or XLSX (format=csv|xlsx or Accept) with the same filters and rule, every matching task; Vietnamese headers (English with Accept-Language: en).")
            .Produces<PageOf<ActionItemView>>()
            .ProducesValidationProblem()
            .ProducesTables()
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        items.MapGet("/{id:guid}", async (Guid id, IQuerySession session, TimeProvider clock, HttpContext http) =>
            {
                var ct = http.RequestAborted;
                if (await session.LoadAsync<ActionItem>(id, ct) is not { } item) return Problems.From(Rejection.NotFound(ActionItemLifecycle.NotFound(id)));
                if (!ActionItemLifecycle.MayRead(http.User, item)) return Results.Forbid();
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                StreamVersion.SetETag(http.Response, item.Version);
                return Results.Ok(new ActionItemDetail(ActionItemView.Of(item, DepartmentClock.Today(clock)), Timeline.Of(events)));
            })
            .Produces<ActionItemDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One action item with the timeline of its updates (who, in which role, for whom, correlation id); the ETag is its version.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        items.MapGet("/statistics", async (IQuerySession session, TimeProvider clock, CancellationToken ct, string by = "assignee") =>
            {
                if (by is not ("assignee" or "meeting")) return Problems.From(Rejection.Invalid("by", "must be assignee or meeting"));
                var today = DepartmentClock.Today(clock);
                var all = (await session.Query<ActionItem>().ToListAsync(ct)).ToList();
                var rows = by == "assignee"
                    ? all.GroupBy(a => a.AssigneeKey).Select(g => Statistics(g.Key, g.First().Assignee.Name, g.ToList(), today))
                    : await ByMeetingAsync(session, all, today, ct);
                return Results.Ok(rows.OrderByDescending(r => r.Overdue).ThenBy(r => r.Name).ToList());
            })
            .WithSummary("Follow-up statistics (Decision 42/2014): per assignee or per meeting, completed on time, completed late, in progress within term, overdue, percentage completed.")
            .Produces<IEnumerable<FollowUpStatistics>>()
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    private static async Task<IEnumerable<FollowUpStatistics>> ByMeetingAsync(IQuerySession session, List<ActionItem> all, DateOnly today, CancellationToken ct)
    {
        var ids = all.Where(a => a.MeetingId is not null).Select(a => a.MeetingId!.Value).Distinct().ToArray();
        var meetings = (await session.LoadManyAsync<Meetings.Meeting>(ct, ids)).ToDictionary(m => m.Id);
        return all.GroupBy(a => a.MeetingId).Select(g => Statistics(g.Key?.ToString() ?? "none",
            g.Key is { } id && meetings.TryGetValue(id, out var m) ? $"{m.Title} ({m.Date:dd/MM/yyyy})" : "Không gắn với hội nghị", g.ToList(), today));
    }
}
