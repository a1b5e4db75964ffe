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

/// <summary>The escalation register and one escalation.</summary>
public static class EscalationRegister
{
    public static void Map(RouteGroupBuilder escalations)
    {
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
            .WithSummary("One escalation; the ETag is its version.").Produces<EscalationRegisterEntry>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    internal static string NotFound(Guid id) => $"No escalation with id {id}.";
}
