namespace Platform.Contracts.Meetings;

/// <summary>A task with a deadline was assigned (concluded at a meeting, or set after an escalation).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="ActionItemId">The action item's id.</param>
/// <param name="StreamVersion">The action item stream's version after this event (1).</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="MeetingId">The meeting that concluded it, if any.</param>
/// <param name="Title">What must be done, Vietnamese, NFC.</param>
/// <param name="AssigneeKind">One of <c>department-unit</c>, <c>enterprise</c>, <c>peoples-committee</c>, <c>ministry</c>.</param>
/// <param name="AssigneeEnterpriseId">The enterprise's Registry id when the assignee is an enterprise; otherwise null.</param>
/// <param name="AssigneeName">The assignee's name (unit, enterprise short name, or body).</param>
/// <param name="Deadline">The last day to complete it.</param>
public sealed record ActionItemAssignedV1(
    Guid EventId, Guid ActionItemId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid? MeetingId, string Title, [property: CodeList(typeof(Meetings.AssigneeKind))] string AssigneeKind, Guid? AssigneeEnterpriseId, string AssigneeName, DateOnly Deadline) : IIntegrationEvent;

/// <summary>A task was done, with evidence.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="ActionItemId">The action item.</param>
/// <param name="StreamVersion">The action item stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="CompletedOn">The day it was completed.</param>
/// <param name="Deadline">Its deadline.</param>
/// <param name="OnTime">True when completed on or before the deadline.</param>
/// <param name="Evidence">The evidence given, as text.</param>
public sealed record ActionItemCompletedV1(
    Guid EventId, Guid ActionItemId, long StreamVersion, DateTimeOffset OccurredAt,
    DateOnly CompletedOn, DateOnly Deadline, bool OnTime, string Evidence) : IIntegrationEvent;

/// <summary>An open task's deadline passed (published once per task, shortly after the day ends in Vietnam time).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="ActionItemId">The action item.</param>
/// <param name="StreamVersion">The action item stream's version after this event.</param>
/// <param name="OccurredAt">When it was recorded, UTC.</param>
/// <param name="MeetingId">The meeting that concluded it, if any.</param>
/// <param name="Deadline">The deadline that passed.</param>
/// <param name="AssigneeKind">One of <c>department-unit</c>, <c>enterprise</c>, <c>peoples-committee</c>, <c>ministry</c>.</param>
/// <param name="AssigneeEnterpriseId">The enterprise's Registry id when the assignee is an enterprise; otherwise null.</param>
/// <param name="AssigneeName">The assignee's name.</param>
public sealed record ActionItemOverdueV1(
    Guid EventId, Guid ActionItemId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid? MeetingId, DateOnly Deadline, [property: CodeList(typeof(Meetings.AssigneeKind))] string AssigneeKind, Guid? AssigneeEnterpriseId, string AssigneeName) : IIntegrationEvent;

/// <summary>Difficulties beyond the Department's authority were summarised and sent to the Provincial People's
/// Committee or the Ministry.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EscalationId">The escalation's id.</param>
/// <param name="StreamVersion">The escalation stream's version after this event (1).</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="To"><c>peoples-committee</c> or <c>ministry</c>.</param>
/// <param name="Summary">The summary sent, Vietnamese, NFC.</param>
/// <param name="EscalatedOn">The day it was sent.</param>
/// <param name="MeetingIds">The meetings whose difficulties it covers.</param>
/// <param name="DifficultyCount">How many difficulties it covers.</param>
public sealed record IssueEscalatedV1(
    Guid EventId, Guid EscalationId, long StreamVersion, DateTimeOffset OccurredAt,
    [property: CodeList(typeof(EscalationBody))] string To, string Summary, DateOnly EscalatedOn, IReadOnlyList<Guid> MeetingIds, int DifficultyCount) : IIntegrationEvent;
