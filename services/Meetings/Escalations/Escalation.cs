using Platform.BuildingBlocks.Domain;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Escalations;

public sealed record CoveredDifficulty(Guid MeetingId, Guid DifficultyId, string EnterpriseName, string Text);

public sealed record IssueEscalated(Guid EscalationId, EscalationBody To, string Summary, IReadOnlyList<CoveredDifficulty> Difficulties, DateOnly EscalatedOn);
public sealed record EscalationAnswered(Guid EscalationId, string Response, DateOnly RespondedOn);

/// <summary>A summary sent to the Provincial People's Committee or the Ministry, covering difficulties raised at
/// meetings, and its answer when it comes.</summary>
public sealed record Escalation(
    Guid Id, EscalationBody To, string Summary, IReadOnlyList<CoveredDifficulty> Difficulties, DateOnly EscalatedOn,
    string? Response, DateOnly? RespondedOn, long Version)
{
    public bool IsAnswered => Response is not null;

    /// <summary>Days waiting for an answer (or waited, once answered).</summary>
    public int AgeDays(DateOnly today) => (RespondedOn ?? today).DayNumber - EscalatedOn.DayNumber;

    public static Escalation? When(Escalation? state, object @event) => (state, @event) switch
    {
        (null, IssueEscalated e) => new Escalation(e.EscalationId, e.To, e.Summary, e.Difficulties, e.EscalatedOn, null, null, 0),
        (null, _) => null,
        (_, EscalationAnswered e) => state with { Response = e.Response, RespondedOn = e.RespondedOn },
        _ => state,
    };
}
