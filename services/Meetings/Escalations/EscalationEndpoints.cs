using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Escalations;

public sealed record EscalationRegisterEntry(Guid Id, EscalationBody To, string Summary, DateOnly EscalatedOn, int AgeDays, bool Answered,
    string? Response, DateOnly? RespondedOn, IReadOnlyList<CoveredDifficulty> Difficulties, long Version)
{
    public static EscalationRegisterEntry Of(Escalation e, DateOnly today) =>
        new(e.Id, e.To, e.Summary, e.EscalatedOn, e.AgeDays(today), e.IsAnswered, e.Response, e.RespondedOn, e.Difficulties, e.Version);
}

public static class EscalationEndpoints
{
    public static void Map(RouteGroupBuilder escalations)
    {
        escalations.MapPost("/", EscalateAsync)
            .WithSummary("Escalate difficulties to the Provincial People's Committee or the Ministry, with a summary.")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.DepartmentManager);
        escalations.MapPost("/{id:guid}/response", (Guid id, AnswerEscalationRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Escalation>(id, e => EscalationDecisions.Answer(e, body, DepartmentClock.Today(clock)), NotFound(id)))
            .WithSummary("Record the answer of the People's Committee or the Ministry.")
            .Writes(PlatformPolicies.DepartmentManager);
        escalations.MapGet("/", async (IQuerySession session, TimeProvider clock, CancellationToken ct, string? to = null, bool? answered = null) =>
            {
                if (to is not null && !Codes.TryParse<EscalationBody>(to, out _))
                    return Problems.From(Rejection.Invalid("to", $"must be one of: {string.Join(", ", Codes.All<EscalationBody>())}"));
                var query = session.Query<Escalation>().AsQueryable();
                if (Codes.TryParse<EscalationBody>(to, out var body)) query = query.Where(e => e.To == body);
                var today = DepartmentClock.Today(clock);
                var entries = (await query.ToListAsync(ct)).Select(e => EscalationRegisterEntry.Of(e, today));
                if (answered is { } a) entries = entries.Where(e => e.Answered == a);
                // Waiting longest first; answered ones after.
                return Results.Ok(entries.OrderBy(e => e.Answered).ThenByDescending(e => e.AgeDays).ToList());
            })
            .WithSummary("The escalation register: awaiting an answer first, oldest first, with age in days; filters: to, answered.")
            .Produces<IEnumerable<EscalationRegisterEntry>>()
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
        escalations.MapGet("/{id:guid}", async (Guid id, IQuerySession session, TimeProvider clock, HttpContext http) =>
            {
                if (await session.LoadAsync<Escalation>(id, http.RequestAborted) is not { } e) return Problems.From(Rejection.NotFound(NotFound(id)));
                StreamVersion.SetETag(http.Response, e.Version);
                return Results.Ok(EscalationRegisterEntry.Of(e, DepartmentClock.Today(clock)));
            })
            .WithSummary("One escalation; the ETag is its version.").Produces<EscalationRegisterEntry>()
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    /// <summary>The escalation's stream and each covered meeting's stream (at the version read), in one transaction.</summary>
    private static Task<Started> EscalateAsync(EscalateRequest body, TimeProvider clock, HttpContext http)
    {
        var id = Guid.CreateVersion7();
        return http.CreateAsync(id, $"/api/meetings/escalations/{id}", async streams =>
        {
            var meetings = new Dictionary<Guid, Meeting>();
            foreach (var meetingId in (body.Difficulties ?? []).Select(d => d?.MeetingId).OfType<Guid>().Distinct())
                if (await streams.LoadAsync<Meeting>(meetingId) is { } meeting) meetings[meetingId] = meeting;
            return EscalationDecisions.Escalate(body, id, meetings, DepartmentClock.Today(clock));
        });
    }

    internal static string NotFound(Guid id) => $"No escalation with id {id}.";
}
