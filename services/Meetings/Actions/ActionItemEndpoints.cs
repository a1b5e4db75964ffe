using System.Security.Claims;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Actions;

public static class ActionItemEndpoints
{
    public static void Map(RouteGroupBuilder items)
    {
        items.MapPost("/", AssignAsync)
            .WithSummary("Assign a task with a deadline: to a Department unit, an enterprise, or (through an escalation) the People's Committee or the Ministry. With difficultyId it answers that difficulty.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentWrite);
        items.MapPost("/{id:guid}/progress", (Guid id, ProgressRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<ActionItem>(id, a => ActionItemDecisions.NoteProgress(a, body, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: a => MayActOn(http.User, a)))
            .WithSummary("Add a progress note (and optionally the percentage done). A representative reports on its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/completion", (Guid id, CompleteRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<ActionItem>(id, a => ActionItemDecisions.Complete(a, body, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: a => MayActOn(http.User, a)))
            .WithSummary("Mark the task done, with evidence. A representative completes its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/cancellation", (Guid id, CancelActionRequest body, HttpContext http) =>
                http.RunAsync<ActionItem>(id, a => ActionItemDecisions.Cancel(a, body), NotFound(id)))
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

    /// <summary>The new item's stream and, when it answers a difficulty, the meeting's stream (at the version
    /// read, so two answers to one difficulty cannot both commit), in one transaction.</summary>
    private static Task<Started> AssignAsync(AssignActionItemRequest body, TimeProvider clock, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/action-items/{id}", async streams =>
        {
            var (session, ct) = (streams.Query, streams.Cancellation);
            var meeting = body.MeetingId is { } meetingId ? await streams.LoadAsync<Meeting>(meetingId) : null;
            var escalation = body.EscalationId is { } escalationId ? await session.LoadAsync<Escalation>(escalationId, ct) : null;
            var enterprise = body.AssigneeEnterpriseId is { } enterpriseId ? await session.LoadAsync<KnownEnterprise>(enterpriseId, ct) : null;
            return ActionItemDecisions.Assign(body, id, meeting, escalation, enterprise, DepartmentClock.Today(clock));
        });
    }

    internal static string NotFound(Guid id) => $"No action item with id {id}.";
}
