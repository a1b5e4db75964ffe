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
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem();
        items.MapPost("/{id:guid}/progress", (Guid id, ProgressRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                session.ExecuteAsync<ActionItem>(http, id, a => ActionItemDecisions.NoteProgress(a, body, DepartmentClock.Today(clock)), NotFound(id)))
            .WithSummary("Add a progress note (and optionally the percentage done).");
        items.MapPost("/{id:guid}/completion", (Guid id, CompleteRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                session.ExecuteAsync<ActionItem>(http, id, a => ActionItemDecisions.Complete(a, body, DepartmentClock.Today(clock)), NotFound(id)))
            .WithSummary("Mark the task done, with evidence.");
        items.MapPost("/{id:guid}/cancellation", (Guid id, CancelActionRequest body, IDocumentSession session, HttpContext http) =>
                session.ExecuteAsync<ActionItem>(http, id, a => ActionItemDecisions.Cancel(a, body), NotFound(id)))
            .WithSummary("Cancel the task, with a reason.");
    }

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
