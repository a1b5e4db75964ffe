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
        items.MapPost("/{id:guid}/progress", (Guid id, ProgressRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                AsAssigneeAsync(session, http, id, () =>
                    session.ExecuteAsync<ActionItem>(http, id, a => ActionItemDecisions.NoteProgress(a, body, DepartmentClock.Today(clock)), NotFound(id))))
            .WithSummary("Add a progress note (and optionally the percentage done). A representative reports on its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/completion", (Guid id, CompleteRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                AsAssigneeAsync(session, http, id, () =>
                    session.ExecuteAsync<ActionItem>(http, id, a => ActionItemDecisions.Complete(a, body, DepartmentClock.Today(clock)), NotFound(id))))
            .WithSummary("Mark the task done, with evidence. A representative completes its own enterprise's tasks only.")
            .Writes(PlatformPolicies.EnterpriseAct);
        items.MapPost("/{id:guid}/cancellation", (Guid id, CancelActionRequest body, IDocumentSession session, HttpContext http) =>
                session.ExecuteAsync<ActionItem>(http, id, a => ActionItemDecisions.Cancel(a, body), NotFound(id)))
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

    /// <summary>Runs the change only if the caller may act for the task's assignee; refused before anything is written.
    /// (The assignee never changes, so checking the task as read is enough.) An unknown id falls through to 404.</summary>
    private static async Task<IResult> AsAssigneeAsync(IDocumentSession session, HttpContext http, Guid id, Func<Task<IResult>> change) =>
        await session.LoadAsync<ActionItem>(id, http.RequestAborted) is { } item && !MayActOn(http.User, item)
            ? Results.Forbid()
            : await change();

    /// <summary>The new item's stream and, when it answers a difficulty, the meeting's stream (at the version
    /// read, so two answers to one difficulty cannot both commit), in one transaction.</summary>
    private static async Task<IResult> AssignAsync(AssignActionItemRequest body, IDocumentSession session, TimeProvider clock, HttpContext http)
    {
        var ct = http.RequestAborted;
        var meeting = body.MeetingId is { } meetingId ? await session.Events.FetchForWriting<Meeting>(meetingId, ct) : null;
        var escalation = body.EscalationId is { } escalationId ? await session.LoadAsync<Escalation>(escalationId, ct) : null;
        var enterprise = body.AssigneeEnterpriseId is { } enterpriseId ? await session.LoadAsync<KnownEnterprise>(enterpriseId, ct) : null;
        var id = Guid.CreateVersion7();
        var decision = ActionItemDecisions.Assign(body, id, meeting?.Aggregate, escalation, enterprise, DepartmentClock.Today(clock));
        if (decision.Rejection is { } rejection) return Problems.From(rejection);

        session.Events.StartStream<ActionItem>(id, decision.Events.OfType<ActionItemAssigned>().ToArray());
        var links = decision.Events.OfType<DifficultyTurnedIntoActionItem>().ToArray();
        if (links.Length > 0) meeting!.AppendMany(links);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (EventStoreCommands.IsConcurrencyConflict(ex))
        {
            return Problems.StaleVersion(null);
        }
        StreamVersion.SetETag(http.Response, 1);
        return Results.Created($"/api/meetings/action-items/{id}", new StreamChanged(id, 1));
    }

    internal static string NotFound(Guid id) => $"No action item with id {id}.";
}
