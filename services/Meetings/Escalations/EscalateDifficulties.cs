using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Escalations;

public sealed record DifficultyReference(Guid? MeetingId, Guid? DifficultyId);
public sealed record EscalateRequest(string? To, string? Summary, DifficultyReference[]? Difficulties, DateOnly? EscalatedOn);

/// <summary>One difficulty raised at a meeting.</summary>
public sealed record MeetingDifficulty(Guid MeetingId, Guid DifficultyId);

/// <summary>The difficulties (each once) escalated to one body; <see cref="EscalatedOn"/> defaults to today.</summary>
public sealed record EscalationFiling(EscalationBody To, string Summary, IReadOnlyList<MeetingDifficulty> Difficulties, DateOnly? EscalatedOn);

/// <summary>A Department manager escalates difficulties raised at meetings to the Provincial People's Committee or the Ministry.</summary>
public static class EscalateDifficulties
{
    public static Parsed<EscalationFiling> Parse(EscalateRequest r)
    {
        var errors = new FieldErrors();
        var summary = errors.Text(r.Summary, "summary", 8000);
        var to = errors.Code<EscalationBody>(r.To, "to");
        errors.When(r.Difficulties is null || r.Difficulties.Length == 0, "difficulties", "at least one difficulty is required");
        foreach (var (d, i) in (r.Difficulties ?? []).Select((d, i) => (d, i)))
            errors.When(d?.MeetingId is null, $"difficulties[{i}].meetingId", "is required").When(d?.DifficultyId is null, $"difficulties[{i}].difficultyId", "is required");
        if (errors.Any) return errors.ToRejection();
        var refs = r.Difficulties!.Select(d => new MeetingDifficulty(d.MeetingId!.Value, d.DifficultyId!.Value)).ToList();
        if (refs.Distinct().Count() != refs.Count) return Rejection.Invalid("difficulties", "must not repeat a difficulty");
        return new EscalationFiling(to, summary, refs, r.EscalatedOn);
    }

    /// <summary>Escalates difficulties still pending; each meeting records, on its own stream, that its difficulty was escalated.</summary>
    public static Decision Decide(EscalationFiling c, Guid id, IReadOnlyDictionary<Guid, Meeting> meetings, DateOnly today)
    {
        var on = c.EscalatedOn ?? today;
        if (on > today) return Rejection.Unprocessable("escalated-in-future", $"{on:yyyy-MM-dd} is after today.");

        var links = Decision.Nothing;
        var covered = new List<CoveredDifficulty>();
        foreach (var (meetingId, difficultyId) in c.Difficulties)
        {
            if (!meetings.TryGetValue(meetingId, out var meeting)) return Rejection.Unprocessable("unknown-meeting", $"No meeting with id {meetingId}.");
            var link = MeetingRecord.Escalate(meeting, difficultyId, id);
            if (link.Rejection is { } refused) return refused;
            var difficulty = meeting.FindDifficulty(difficultyId)!;
            covered.Add(new CoveredDifficulty(meetingId, difficultyId, difficulty.EnterpriseName, difficulty.Text));
            links = links.And(link);
        }
        return Decision.Start<Escalation>(id, new IssueEscalated(id, c.To, c.Summary, covered, on)).And(links);
    }

    public static void Map(RouteGroupBuilder escalations) =>
        escalations.MapPost("/", EscalateAsync)
            .WithSummary("Escalate difficulties to the Provincial People's Committee or the Ministry, with a summary.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentManager);

    /// <summary>The escalation's stream and each covered meeting's stream (at the version read), in one transaction.</summary>
    private static Task<Started> EscalateAsync(EscalateRequest body, TimeProvider clock, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/escalations/{id}", Parse(body), async (command, streams) =>
        {
            var meetings = new Dictionary<Guid, Meeting>();
            foreach (var meetingId in command.Difficulties.Select(d => d.MeetingId).Distinct())
                if (await streams.LoadAsync<Meeting>(meetingId) is { } meeting) meetings[meetingId] = meeting;
            return Decide(command, id, meetings, DepartmentClock.Today(clock));
        });
    }
}
