using System.Security.Claims;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Actions;

public sealed record ProgressRequest(string? Note, int? Percent);
public sealed record CompleteRequest(string? Evidence, DateOnly? CompletedOn);
public sealed record CancelActionRequest(string? Reason);

public sealed record ActionItemProgress(string Note, int? Percent);
public sealed record ActionItemCompletion(string Evidence, DateOnly? CompletedOn);
public sealed record ActionItemCancellation(string Reason);

/// <summary>An open task's progress, completion with evidence, or cancellation; a representative acts on its own enterprise's tasks only.</summary>
public static class ActionItemLifecycle
{
    public static Parsed<ActionItemProgress> Parse(ProgressRequest r)
    {
        var errors = new FieldErrors();
        var note = errors.Text(r.Note, "note", 2000);
        errors.When(r.Percent is < 0 or > 100, "percent", "must be between 0 and 100");
        return Parsed<ActionItemProgress>.Unless(errors, () => new ActionItemProgress(note, r.Percent));
    }

    public static Parsed<ActionItemCompletion> Parse(CompleteRequest r)
    {
        var errors = new FieldErrors();
        var evidence = errors.Text(r.Evidence, "evidence", 4000);
        return Parsed<ActionItemCompletion>.Unless(errors, () => new ActionItemCompletion(evidence, r.CompletedOn));
    }

    public static Parsed<ActionItemCancellation> Parse(CancelActionRequest r)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(r.Reason, "reason");
        return Parsed<ActionItemCancellation>.Unless(errors, () => new ActionItemCancellation(reason));
    }

    public static Decision NoteProgress(ActionItem item, ActionItemProgress c, DateOnly today, string source = "api") =>
        RequireOpen(item) ?? Decision.Append(item.Id, new ActionItemProgressNoted(item.Id, today, c.Note, c.Percent, source));

    /// <summary>Completed today unless a day is given; never in the future nor before the task was assigned.</summary>
    public static Decision Complete(ActionItem item, ActionItemCompletion c, DateOnly today)
    {
        if (RequireOpen(item) is { } closed) return closed;
        var on = c.CompletedOn ?? today;
        if (on > today) return Rejection.Unprocessable("completed-in-future", $"Completion on {on:yyyy-MM-dd} is after today.");
        if (on < item.AssignedOn) return Rejection.Unprocessable("completed-before-assigned", $"The task was assigned on {item.AssignedOn:yyyy-MM-dd}.");
        return Decision.Append(item.Id, new ActionItemCompleted(item.Id, on, c.Evidence, item.Deadline, item.Assignee));
    }

    public static Decision Cancel(ActionItem item, ActionItemCancellation c) =>
        RequireOpen(item) ?? Decision.Append(item.Id, new ActionItemCancelled(item.Id, c.Reason));

    public static void Map(RouteGroupBuilder items)
    {
        items.MapPost("/{id:guid}/progress", (Guid id, ProgressRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<ActionItem, ActionItemProgress>(id, Parse(body), (a, c) => NoteProgress(a, c, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: a => MayActOn(http.User, a)))
            .WithSummary("Add a progress note (and optionally the percentage done). A representative reports on its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/completion", (Guid id, CompleteRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<ActionItem, ActionItemCompletion>(id, Parse(body), (a, c) => Complete(a, c, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: a => MayActOn(http.User, a)))
            .WithSummary("Mark the task done, with evidence. A representative completes its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/cancellation", (Guid id, CancelActionRequest body, HttpContext http) =>
                http.RunAsync<ActionItem, ActionItemCancellation>(id, Parse(body), Cancel, NotFound(id)))
            .WithSummary("Cancel the task, with a reason (a Department manager).")
            .Writes(PlatformPolicies.DepartmentManager);
    }

    /// <summary>Department staff act on any task; a representative only on a task assigned to its own enterprise
    /// (not a Department unit's, the People's Committee's or the Ministry's).</summary>
    internal static bool MayActOn(ClaimsPrincipal user, ActionItem item) =>
        user.IsDepartment() || item.Assignee.EnterpriseId is { } enterprise && user.MayActFor(enterprise);

    /// <summary>Department staff and auditors read every task; a representative only its own enterprise's.</summary>
    internal static bool MayRead(ClaimsPrincipal user, ActionItem item) =>
        user.ReadsEverything() || item.Assignee.EnterpriseId is { } enterprise && user.MayReadFor(enterprise);

    internal static string NotFound(Guid id) => $"No action item with id {id}.";

    private static Rejection? RequireOpen(ActionItem item) => item.Status == ActionStatus.Open
        ? null
        : Rejection.Conflict($"action-item-{Codes.Of(item.Status)}", $"The task is {Codes.Of(item.Status)}; only an open task changes.");
}
