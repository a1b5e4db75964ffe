using System.Security.Claims;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Actions;

public sealed record ProgressRequest(string? Note, int? Percent);
public sealed record CompleteRequest(string? Evidence, DateOnly? CompletedOn);
public sealed record CancelActionRequest(string? Reason);

/// <summary>An open task's progress, completion with evidence, or cancellation; a representative acts on its own enterprise's tasks only.</summary>
public static class ActionItemLifecycle
{
    public static Decision NoteProgress(ActionItem item, ProgressRequest r, DateOnly today, string source = "api")
    {
        var errors = new FieldErrors().Require(r.Note, "note", 2000).When(r.Percent is < 0 or > 100, "percent", "must be between 0 and 100");
        if (errors.Any) return errors.ToRejection();
        return RequireOpen(item) ?? Decision.Append(item.Id, new ActionItemProgressNoted(item.Id, today, VietnameseText.Clean(r.Note), r.Percent, source));
    }

    public static Decision Complete(ActionItem item, CompleteRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Evidence, "evidence", 4000);
        if (errors.Any) return errors.ToRejection();
        if (RequireOpen(item) is { } closed) return closed;
        var on = r.CompletedOn ?? today;
        if (on > today) return Rejection.Unprocessable("completed-in-future", $"Completion on {on:yyyy-MM-dd} is after today.");
        if (on < item.AssignedOn) return Rejection.Unprocessable("completed-before-assigned", $"The task was assigned on {item.AssignedOn:yyyy-MM-dd}.");
        return Decision.Append(item.Id, new ActionItemCompleted(item.Id, on, VietnameseText.Clean(r.Evidence), item.Deadline, item.Assignee));
    }

    public static Decision Cancel(ActionItem item, CancelActionRequest r)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason");
        if (errors.Any) return errors.ToRejection();
        return RequireOpen(item) ?? Decision.Append(item.Id, new ActionItemCancelled(item.Id, VietnameseText.Clean(r.Reason)));
    }

    public static void Map(RouteGroupBuilder items)
    {
        items.MapPost("/{id:guid}/progress", (Guid id, ProgressRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<ActionItem>(id, a => NoteProgress(a, body, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: a => MayActOn(http.User, a)))
            .WithSummary("Add a progress note (and optionally the percentage done). A representative reports on its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/completion", (Guid id, CompleteRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<ActionItem>(id, a => Complete(a, body, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: a => MayActOn(http.User, a)))
            .WithSummary("Mark the task done, with evidence. A representative completes its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/cancellation", (Guid id, CancelActionRequest body, HttpContext http) =>
                http.RunAsync<ActionItem>(id, a => Cancel(a, body), NotFound(id)))
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
