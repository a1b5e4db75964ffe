using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Actions;

public sealed record AssignActionItemRequest(
    Guid? MeetingId, Guid? DifficultyId, Guid? EscalationId, string? Title,
    string? AssigneeKind, Guid? AssigneeEnterpriseId, string? AssigneeName, DateOnly? Deadline);

/// <summary>A task as assigned: optional links to the meeting and difficulty it answers or the escalation it comes from.</summary>
public sealed record ActionItemAssignment(Guid? MeetingId, Guid? DifficultyId, Guid? EscalationId, string Title, AssigneeKind AssigneeKind,
    Guid? AssigneeEnterpriseId, string? AssigneeName, DateOnly Deadline);

public static class AssignActionItem
{
    public static Parsed<ActionItemAssignment> Parse(AssignActionItemRequest r)
    {
        var errors = new FieldErrors();
        var title = errors.Text(r.Title, "title", 1000);
        var deadline = errors.Date(r.Deadline, "deadline");
        errors.When(r.DifficultyId is not null && r.MeetingId is null, "meetingId", "is required with difficultyId");
        var kind = errors.Code<AssigneeKind>(r.AssigneeKind, "assigneeKind");
        var kindOk = Codes.TryParse<AssigneeKind>(r.AssigneeKind, out _);
        if (kindOk && kind == AssigneeKind.Enterprise) errors.When(r.AssigneeEnterpriseId is null, "assigneeEnterpriseId", "is required for an enterprise");
        else if (kindOk && kind == AssigneeKind.DepartmentUnit) errors.Require(r.AssigneeName, "assigneeName", 200);
        return Parsed<ActionItemAssignment>.Unless(errors, () => new ActionItemAssignment(r.MeetingId, r.DifficultyId, r.EscalationId, title, kind,
            kind == AssigneeKind.Enterprise ? r.AssigneeEnterpriseId : null, kind == AssigneeKind.DepartmentUnit ? VietnameseText.Clean(r.AssigneeName) : null, deadline));
    }

    /// <summary>Assigns a task. When it answers a difficulty, the meeting records that too, on its own stream. The People's Committee or the Ministry is assigned only through an escalation to it.</summary>
    public static Decision Decide(ActionItemAssignment r, Guid id, Meeting? meeting, Escalation? escalation, KnownEnterprise? enterprise, DateOnly today)
    {
        var kind = r.AssigneeKind;
        if (r.Deadline < today) return Rejection.Unprocessable("deadline-in-past", $"The deadline {r.Deadline:yyyy-MM-dd} is before {today:yyyy-MM-dd}.");
        if (r.MeetingId is { } meetingId && meeting is null) return Rejection.Unprocessable("unknown-meeting", $"No meeting with id {meetingId}.");
        if (meeting is not null && meeting.Status is not (MeetingStatus.Held or MeetingStatus.MinutesPublished))
            return Rejection.Conflict($"meeting-{Codes.Of(meeting.Status)}", $"The meeting is {Codes.Of(meeting.Status)}; tasks are concluded at a meeting that was held.");

        Assignee assignee;
        switch (kind)
        {
            case AssigneeKind.Enterprise:
                if (KnownEnterprise.RequireActive(enterprise, r.AssigneeEnterpriseId!.Value, "assigneeEnterpriseId") is { } inactive) return inactive;
                assignee = new Assignee(kind, enterprise!.Id, enterprise.ShortName);
                break;
            case AssigneeKind.PeoplesCommittee or AssigneeKind.Ministry:
                if (r.EscalationId is null || escalation is null)
                    return Rejection.Unprocessable("not-escalated", "A task goes to the People's Committee or the Ministry only through an escalation to it (escalationId).");
                if (escalation.To != (kind == AssigneeKind.Ministry ? EscalationBody.Ministry : EscalationBody.PeoplesCommittee))
                    return Rejection.Unprocessable("escalated-elsewhere", $"Escalation {escalation.Id} went to {Codes.Of(escalation.To)}, not {Codes.Of(kind)}.");
                assignee = new Assignee(kind, null, kind == AssigneeKind.Ministry ? "Bộ Thông tin và Truyền thông" : "Ủy ban nhân dân tỉnh");
                break;
            default:
                assignee = new Assignee(kind, null, r.AssigneeName!);
                break;
        }
        if (r.EscalationId is { } escalationId && escalation is null) return Rejection.Unprocessable("unknown-escalation", $"No escalation with id {escalationId}.");

        var assigned = new ActionItemAssigned(id, meeting?.Id, r.DifficultyId, r.EscalationId, r.Title, assignee, today, r.Deadline);
        var decision = Decision.Start<ActionItem>(id, assigned);
        return r.DifficultyId is { } difficultyId ? decision.And(MeetingRecord.TurnIntoActionItem(meeting!, difficultyId, id)) : decision;
    }

    public static void Map(RouteGroupBuilder items) =>
        items.MapPost("/", AssignAsync)
            .WithSummary("Assign a task with a deadline: to a Department unit, an enterprise, or (through an escalation) the People's Committee or the Ministry. With difficultyId it answers that difficulty.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentWrite);

    /// <summary>The new item's stream and, when it answers a difficulty, the meeting's stream (at the version
    /// read, so two answers to one difficulty cannot both commit), in one transaction.</summary>
    private static Task<Started> AssignAsync(AssignActionItemRequest body, TimeProvider clock, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/action-items/{id}", Parse(body), async (command, streams) =>
        {
            var (session, ct) = (streams.Query, streams.Cancellation);
            var meeting = command.MeetingId is { } meetingId ? await streams.LoadAsync<Meeting>(meetingId) : null;
            var escalation = command.EscalationId is { } escalationId ? await session.LoadAsync<Escalation>(escalationId, ct) : null;
            var enterprise = command.AssigneeEnterpriseId is { } enterpriseId ? await session.LoadAsync<KnownEnterprise>(enterpriseId, ct) : null;
            return Decide(command, id, meeting, escalation, enterprise, DepartmentClock.Today(clock));
        });
    }
}
