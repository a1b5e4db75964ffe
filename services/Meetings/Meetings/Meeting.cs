using Platform.BuildingBlocks.Domain;

namespace Platform.Meetings.Meetings;

/// <summary>scheduled → held → minutes-published; a scheduled meeting may instead be cancelled (or rescheduled, staying scheduled).</summary>
public enum MeetingStatus { Scheduled, Held, MinutesPublished, Cancelled }

/// <summary>What the Department did about a difficulty: pending until resolved at the meeting, turned into an action item, or escalated.</summary>
public enum DifficultyResponse { Pending, ResolvedAtMeeting, ActionItem, Escalated }

public sealed record InvitedEnterprise(Guid Id, string Name);
public sealed record InvitedOfficial(Guid Id, string Name, string Title, string Organisation);
public sealed record AttendanceEntry(Guid InviteeId, string Name, bool IsEnterprise, Presence Presence, string? DelegateName);
public sealed record Difficulty(
    Guid Id, Guid EnterpriseId, string EnterpriseName, DifficultyTopic Topic, string Text,
    DifficultyResponse Response, string? Resolution, Guid? ActionItemId, Guid? EscalationId);
public sealed record Conclusion(Guid Id, string Text);
public sealed record Amendment(string Reason, string Change, DateTimeOffset AmendedAt);
public sealed record WithdrawnInvitation(Guid EnterpriseId, string Name, string Reason);

// Domain events of the meeting stream; MeetingsIntegrationEvents maps some of them to public contracts.
public sealed record MeetingScheduled(
    Guid MeetingId, MeetingKind Kind, string Title, DateOnly Date, string Place, string Chair, IReadOnlyList<string> Agenda,
    IReadOnlyList<InvitedEnterprise> Enterprises, IReadOnlyList<InvitedOfficial> Officials);
public sealed record MeetingRescheduled(Guid MeetingId, DateOnly Date, string Place, string Reason);
public sealed record MeetingCancelled(Guid MeetingId, string Reason);
public sealed record MeetingHeld(Guid MeetingId, DateOnly HeldOn, IReadOnlyList<AttendanceEntry> Attendance);
public sealed record DifficultyRaised(Guid MeetingId, Guid DifficultyId, Guid EnterpriseId, string EnterpriseName, DifficultyTopic Topic, string Text);
public sealed record DifficultyResolvedAtMeeting(Guid MeetingId, Guid DifficultyId, string Resolution);
public sealed record DifficultyTurnedIntoActionItem(Guid MeetingId, Guid DifficultyId, Guid ActionItemId);
public sealed record DifficultyEscalated(Guid MeetingId, Guid DifficultyId, Guid EscalationId);
public sealed record ConclusionRecorded(Guid MeetingId, Guid ConclusionId, string Text);
public sealed record MinutesPublished(Guid MeetingId, DateOnly PublishedOn, string? Summary, int ConclusionCount);
public sealed record MinutesAmended(Guid MeetingId, string Reason, string Change, DateTimeOffset AmendedAt);
public sealed record InvitationWithdrawn(Guid MeetingId, Guid EnterpriseId, string Name, string Reason);

/// <summary>
/// A meeting with the enterprises (briefing, dialogue, conference, Ministry visit) and its record:
/// attendance, difficulties raised and how each was answered, conclusions, minutes and amendments.
/// Rebuilt by <see cref="When"/> (not "Evolve": Marten's source generator claims that name); also
/// stored inline as the meeting detail read model.
/// </summary>
public sealed record Meeting(
    Guid Id, MeetingKind Kind, string Title, DateOnly Date, string Place, string Chair, IReadOnlyList<string> Agenda,
    IReadOnlyList<InvitedEnterprise> Enterprises, IReadOnlyList<InvitedOfficial> Officials,
    MeetingStatus Status, string? CancellationReason, IReadOnlyList<string> Reschedulings,
    IReadOnlyList<AttendanceEntry> Attendance, IReadOnlyList<Difficulty> Difficulties, IReadOnlyList<Conclusion> Conclusions,
    DateOnly? MinutesPublishedOn, string? MinutesSummary, IReadOnlyList<Amendment> Amendments,
    IReadOnlyList<WithdrawnInvitation> Withdrawn, string SearchKey, long Version)
{
    public bool IsInvitee(Guid id) => Enterprises.Any(e => e.Id == id) || Officials.Any(o => o.Id == id);

    /// <summary>Is this enterprise a party to the meeting: invited (or its invitation withdrawn since), or it raised a
    /// difficulty there. Its representative may read the meeting and its minutes; nobody else's may.</summary>
    public bool Concerns(Guid enterpriseId) =>
        Enterprises.Any(e => e.Id == enterpriseId) || Withdrawn.Any(w => w.EnterpriseId == enterpriseId) || Difficulties.Any(d => d.EnterpriseId == enterpriseId);

    public Difficulty? FindDifficulty(Guid id) => Difficulties.FirstOrDefault(d => d.Id == id);

    public static Meeting? When(Meeting? state, object @event) => (state, @event) switch
    {
        (null, MeetingScheduled e) => new Meeting(e.MeetingId, e.Kind, e.Title, e.Date, e.Place, e.Chair, e.Agenda, e.Enterprises, e.Officials,
            MeetingStatus.Scheduled, null, [], [], [], [], null, null, [], [], VietnameseText.Fold($"{e.Title} | {e.Place} | {e.Chair}"), 0),
        (null, _) => null,
        (_, MeetingRescheduled e) => state with { Date = e.Date, Place = e.Place, Reschedulings = [.. state.Reschedulings, e.Reason] },
        (_, MeetingCancelled e) => state with { Status = MeetingStatus.Cancelled, CancellationReason = e.Reason },
        (_, MeetingHeld e) => state with { Status = MeetingStatus.Held, Attendance = e.Attendance },
        (_, DifficultyRaised e) => state with
        {
            Difficulties = [.. state.Difficulties, new Difficulty(e.DifficultyId, e.EnterpriseId, e.EnterpriseName, e.Topic, e.Text, DifficultyResponse.Pending, null, null, null)],
        },
        (_, DifficultyResolvedAtMeeting e) => state.WithDifficulty(e.DifficultyId, d => d with { Response = DifficultyResponse.ResolvedAtMeeting, Resolution = e.Resolution }),
        (_, DifficultyTurnedIntoActionItem e) => state.WithDifficulty(e.DifficultyId, d => d with { Response = DifficultyResponse.ActionItem, ActionItemId = e.ActionItemId }),
        (_, DifficultyEscalated e) => state.WithDifficulty(e.DifficultyId, d => d with { Response = DifficultyResponse.Escalated, EscalationId = e.EscalationId }),
        (_, ConclusionRecorded e) => state with { Conclusions = [.. state.Conclusions, new Conclusion(e.ConclusionId, e.Text)] },
        (_, MinutesPublished e) => state with { Status = MeetingStatus.MinutesPublished, MinutesPublishedOn = e.PublishedOn, MinutesSummary = e.Summary },
        (_, MinutesAmended e) => state with { Amendments = [.. state.Amendments, new Amendment(e.Reason, e.Change, e.AmendedAt)] },
        (_, InvitationWithdrawn e) => state with
        {
            Enterprises = state.Enterprises.Where(x => x.Id != e.EnterpriseId).ToList(),
            Withdrawn = [.. state.Withdrawn, new WithdrawnInvitation(e.EnterpriseId, e.Name, e.Reason)],
        },
        _ => state,
    };

    private Meeting WithDifficulty(Guid id, Func<Difficulty, Difficulty> change) =>
        this with { Difficulties = Difficulties.Select(d => d.Id == id ? change(d) : d).ToList() };
}

/// <summary>What the meeting's use cases share.</summary>
public static class MeetingRules
{
    internal static string NotFound(Guid id) => $"No meeting with id {id}.";

    internal static Rejection? RequireStatus(Meeting m, MeetingStatus required, string verb) => m.Status == required
        ? null
        : Rejection.Conflict($"meeting-{Codes.Of(m.Status)}", $"The meeting is {Codes.Of(m.Status)}; only a {Codes.Of(required)} meeting can be {verb}.");
}
