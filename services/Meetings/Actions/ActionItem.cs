using Platform.BuildingBlocks.Domain;

namespace Platform.Meetings.Actions;

/// <summary>Stored status. "Overdue" is not stored: it is an open item whose deadline has passed (<see cref="ActionItem.IsOverdue"/>).</summary>
public enum ActionStatus { Open, Done, Cancelled }

public sealed record Assignee(AssigneeKind Kind, Guid? EnterpriseId, string Name)
{
    /// <summary>Groups the tracker and the statistics: one key per assignee.</summary>
    public string Key => EnterpriseId is { } id ? $"enterprise:{id}" : $"{Codes.Of(Kind)}:{VietnameseText.Fold(Name)}";
}

public sealed record ProgressNote(DateOnly On, string Note, int? Percent, string Source);

// Domain events of the action-item stream.
public sealed record ActionItemAssigned(
    Guid ActionItemId, Guid? MeetingId, Guid? DifficultyId, Guid? EscalationId, string Title, Assignee Assignee, DateOnly AssignedOn, DateOnly Deadline);
public sealed record ActionItemProgressNoted(Guid ActionItemId, DateOnly On, string Note, int? Percent, string Source);
public sealed record ActionItemCompleted(Guid ActionItemId, DateOnly CompletedOn, string Evidence, DateOnly Deadline, Assignee Assignee);
public sealed record ActionItemCancelled(Guid ActionItemId, string Reason);
/// <summary>Recorded once by <see cref="OverdueActionItemsJob"/> so the overdue integration event is published once;
/// views never need it (they derive overdue from the date).</summary>
public sealed record ActionItemBecameOverdue(Guid ActionItemId, DateOnly Deadline, DateOnly RecordedOn, Assignee Assignee, Guid? MeetingId);

/// <summary>A task concluded at a meeting (or set after an escalation) with a deadline. Immutable; rebuilt by
/// <see cref="When"/> and stored inline as the tracker's document.</summary>
public sealed record ActionItem(
    Guid Id, Guid? MeetingId, Guid? DifficultyId, Guid? EscalationId, string Title, Assignee Assignee, string AssigneeKey,
    DateOnly AssignedOn, DateOnly Deadline, ActionStatus Status, int Percent, IReadOnlyList<ProgressNote> Notes,
    DateOnly? CompletedOn, string? Evidence, string? CancellationReason, DateOnly? OverdueRecordedOn, string SearchKey, long Version)
{
    public bool IsOverdue(DateOnly today) => Status == ActionStatus.Open && Deadline < today;

    public static ActionItem? When(ActionItem? state, object @event) => (state, @event) switch
    {
        (null, ActionItemAssigned e) => new ActionItem(e.ActionItemId, e.MeetingId, e.DifficultyId, e.EscalationId, e.Title, e.Assignee, e.Assignee.Key,
            e.AssignedOn, e.Deadline, ActionStatus.Open, 0, [], null, null, null, null, VietnameseText.Fold($"{e.Title} | {e.Assignee.Name}"), 0),
        (null, _) => null,
        (_, ActionItemProgressNoted e) => state with
        {
            Notes = [.. state.Notes, new ProgressNote(e.On, e.Note, e.Percent, e.Source)],
            Percent = e.Percent ?? state.Percent,
        },
        (_, ActionItemCompleted e) => state with { Status = ActionStatus.Done, CompletedOn = e.CompletedOn, Evidence = e.Evidence, Percent = 100 },
        (_, ActionItemCancelled e) => state with { Status = ActionStatus.Cancelled, CancellationReason = e.Reason },
        (_, ActionItemBecameOverdue e) => state with { OverdueRecordedOn = e.RecordedOn },
        _ => state,
    };
}
