namespace Platform.Contracts.Meetings;

/// <summary>The Department scheduled a meeting with enterprises (briefing, dialogue, review conference, Ministry visit).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="MeetingId">The meeting's id in the Meetings service.</param>
/// <param name="StreamVersion">The meeting stream's version after this event (1).</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="Kind">One of <c>quarterly-briefing</c>, <c>six-monthly-briefing</c>, <c>dialogue</c>, <c>annual-review-conference</c>, <c>ministry-working-visit</c>.</param>
/// <param name="Title">Title, Vietnamese, Unicode NFC.</param>
/// <param name="Date">The day of the meeting (a calendar date, no time zone).</param>
/// <param name="Place">Where it takes place.</param>
/// <param name="InvitedEnterpriseIds">Registry ids of the invited enterprises.</param>
public sealed record MeetingScheduledV1(
    Guid EventId, Guid MeetingId, long StreamVersion, DateTimeOffset OccurredAt,
    [property: CodeList(typeof(MeetingKind))] string Kind, string Title, DateOnly Date, string Place, IReadOnlyList<Guid> InvitedEnterpriseIds) : IIntegrationEvent;

/// <summary>A meeting took place and its attendance was recorded.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="MeetingId">The meeting.</param>
/// <param name="StreamVersion">The meeting stream's version after this event.</param>
/// <param name="OccurredAt">When the attendance was recorded, UTC.</param>
/// <param name="HeldOn">The day it was held.</param>
/// <param name="AttendingEnterpriseIds">Invited enterprises present in person or by a delegate.</param>
/// <param name="AbsentEnterpriseIds">Invited enterprises that did not attend.</param>
public sealed record MeetingHeldV1(
    Guid EventId, Guid MeetingId, long StreamVersion, DateTimeOffset OccurredAt,
    DateOnly HeldOn, IReadOnlyList<Guid> AttendingEnterpriseIds, IReadOnlyList<Guid> AbsentEnterpriseIds) : IIntegrationEvent;

/// <summary>The minutes of a meeting were published; from now on the record changes only by amendment.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="MeetingId">The meeting.</param>
/// <param name="StreamVersion">The meeting stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="PublishedOn">The day of publication.</param>
/// <param name="ConclusionCount">How many conclusions the minutes record.</param>
/// <param name="MinutesPath">Path of the printable minutes page on the Meetings service, e.g. <c>/api/meetings/meetings/{id}/minutes</c>.</param>
public sealed record MinutesPublishedV1(
    Guid EventId, Guid MeetingId, long StreamVersion, DateTimeOffset OccurredAt,
    DateOnly PublishedOn, int ConclusionCount, string MinutesPath) : IIntegrationEvent;
