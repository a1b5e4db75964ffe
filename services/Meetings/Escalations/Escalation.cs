using Platform.BuildingBlocks.Domain;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Escalations;

/// <summary>Where a matter beyond the Department's authority goes.</summary>
public enum EscalationBody { PeoplesCommittee, Ministry }

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

public sealed record DifficultyReference(Guid? MeetingId, Guid? DifficultyId);
public sealed record EscalateRequest(string? To, string? Summary, DifficultyReference[]? Difficulties, DateOnly? EscalatedOn);
public sealed record AnswerEscalationRequest(string? Response, DateOnly? RespondedOn);

public static class EscalationDecisions
{
    /// <summary>Escalates difficulties still pending; each meeting records, on its own stream, that its difficulty was escalated.</summary>
    public static Decision Escalate(EscalateRequest r, Guid id, IReadOnlyDictionary<Guid, Meeting> meetings, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Summary, "summary", 8000)
            .When(!Codes.TryParse<EscalationBody>(r.To, out var to), "to", $"must be one of: {string.Join(", ", Codes.All<EscalationBody>())}")
            .When(r.Difficulties is null || r.Difficulties.Length == 0, "difficulties", "at least one difficulty is required");
        foreach (var (d, i) in (r.Difficulties ?? []).Select((d, i) => (d, i)))
            errors.When(d?.MeetingId is null, $"difficulties[{i}].meetingId", "is required").When(d?.DifficultyId is null, $"difficulties[{i}].difficultyId", "is required");
        if (errors.Any) return errors.ToRejection();
        var refs = r.Difficulties!.Select(d => (Meeting: d.MeetingId!.Value, Difficulty: d.DifficultyId!.Value)).ToList();
        if (refs.Distinct().Count() != refs.Count) return Rejection.Invalid("difficulties", "must not repeat a difficulty");
        var on = r.EscalatedOn ?? today;
        if (on > today) return Rejection.Unprocessable("escalated-in-future", $"{on:yyyy-MM-dd} is after today.");

        var links = Decision.Nothing;
        var covered = new List<CoveredDifficulty>();
        foreach (var (meetingId, difficultyId) in refs)
        {
            if (!meetings.TryGetValue(meetingId, out var meeting)) return Rejection.Unprocessable("unknown-meeting", $"No meeting with id {meetingId}.");
            var link = MeetingDecisions.Escalate(meeting, difficultyId, id);
            if (link.Rejection is { } refused) return refused;
            var difficulty = meeting.FindDifficulty(difficultyId)!;
            covered.Add(new CoveredDifficulty(meetingId, difficultyId, difficulty.EnterpriseName, difficulty.Text));
            links = links.And(link);
        }
        return Decision.Start<Escalation>(id, new IssueEscalated(id, to, VietnameseText.Clean(r.Summary), covered, on)).And(links);
    }

    public static Decision Answer(Escalation e, AnswerEscalationRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Response, "response", 8000);
        if (errors.Any) return errors.ToRejection();
        if (e.IsAnswered) return Rejection.Conflict("already-answered", $"The {Codes.Of(e.To)} already answered on {e.RespondedOn:yyyy-MM-dd}.");
        var on = r.RespondedOn ?? today;
        if (on > today) return Rejection.Unprocessable("answered-in-future", $"{on:yyyy-MM-dd} is after today.");
        if (on < e.EscalatedOn) return Rejection.Unprocessable("answered-before-escalation", $"The matter was escalated on {e.EscalatedOn:yyyy-MM-dd}.");
        return Decision.Append(e.Id, new EscalationAnswered(e.Id, VietnameseText.Clean(r.Response), on));
    }
}
