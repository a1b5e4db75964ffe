using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Actions;

public sealed record AssignActionItemRequest(
    Guid? MeetingId, Guid? DifficultyId, Guid? EscalationId, string? Title,
    string? AssigneeKind, Guid? AssigneeEnterpriseId, string? AssigneeName, DateOnly? Deadline);
public sealed record ProgressRequest(string? Note, int? Percent);
public sealed record CompleteRequest(string? Evidence, DateOnly? CompletedOn);
public sealed record CancelActionRequest(string? Reason);

public static class ActionItemDecisions
{
    /// <summary>Assigns a task. When it answers a difficulty, the meeting records that too, on its own stream. The People's Committee or the Ministry is assigned only through an escalation to it.</summary>
    public static Decision Assign(AssignActionItemRequest r, Guid id, Meeting? meeting, Escalation? escalation, KnownEnterprise? enterprise, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Title, "title", 1000).When(r.Deadline is null, "deadline", "is required (yyyy-MM-dd)")
            .When(r.DifficultyId is not null && r.MeetingId is null, "meetingId", "is required with difficultyId");
        if (!Codes.TryParse<AssigneeKind>(r.AssigneeKind, out var kind))
            errors.Add("assigneeKind", $"must be one of: {string.Join(", ", Codes.All<AssigneeKind>())}");
        else if (kind == AssigneeKind.Enterprise) errors.When(r.AssigneeEnterpriseId is null, "assigneeEnterpriseId", "is required for an enterprise");
        else if (kind == AssigneeKind.DepartmentUnit) errors.Require(r.AssigneeName, "assigneeName", 200);
        if (errors.Any) return errors.ToRejection();

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
                assignee = new Assignee(kind, null, VietnameseText.Clean(r.AssigneeName));
                break;
        }
        if (r.EscalationId is { } escalationId && escalation is null) return Rejection.Unprocessable("unknown-escalation", $"No escalation with id {escalationId}.");

        var assigned = new ActionItemAssigned(id, meeting?.Id, r.DifficultyId, r.EscalationId, VietnameseText.Clean(r.Title), assignee, today, r.Deadline!.Value);
        var decision = Decision.Start<ActionItem>(id, assigned);
        return r.DifficultyId is { } difficultyId ? decision.And(MeetingDecisions.TurnIntoActionItem(meeting!, difficultyId, id)) : decision;
    }

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

    /// <summary>Records, once, that an open item's deadline has passed. Deciding again yields nothing, so repeated
    /// or concurrent job rounds are harmless.</summary>
    public static Decision RecordOverdue(ActionItem item, DateOnly today) =>
        item.IsOverdue(today) && item.OverdueRecordedOn is null
            ? Decision.Append(item.Id, new ActionItemBecameOverdue(item.Id, item.Deadline, today, item.Assignee, item.MeetingId))
            : Decision.Nothing;

    private static Rejection? RequireOpen(ActionItem item) => item.Status == ActionStatus.Open
        ? null
        : Rejection.Conflict($"action-item-{Codes.Of(item.Status)}", $"The task is {Codes.Of(item.Status)}; only an open task changes.");
}
