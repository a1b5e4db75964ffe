using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Escalations;

public sealed record AnswerEscalationRequest(string? Response, DateOnly? RespondedOn);

public sealed record EscalationAnswer(string Response, DateOnly? RespondedOn);

/// <summary>The answer of the People's Committee or the Ministry, recorded once.</summary>
public static class AnswerEscalation
{
    public static Parsed<EscalationAnswer> Parse(AnswerEscalationRequest r)
    {
        var errors = new FieldErrors();
        var response = errors.Text(r.Response, "response", 8000);
        return Parsed<EscalationAnswer>.Unless(errors, () => new EscalationAnswer(response, r.RespondedOn));
    }

    /// <summary>Answered today unless a day is given; never in the future nor before the escalation.</summary>
    public static Decision Decide(Escalation e, EscalationAnswer r, DateOnly today)
    {
        if (e.IsAnswered) return Rejection.Conflict("already-answered", $"The {Codes.Of(e.To)} already answered on {e.RespondedOn:yyyy-MM-dd}.");
        var on = r.RespondedOn ?? today;
        if (on > today) return Rejection.Unprocessable("answered-in-future", $"{on:yyyy-MM-dd} is after today.");
        if (on < e.EscalatedOn) return Rejection.Unprocessable("answered-before-escalation", $"The matter was escalated on {e.EscalatedOn:yyyy-MM-dd}.");
        return Decision.Append(e.Id, new EscalationAnswered(e.Id, r.Response, on));
    }

    public static void Map(RouteGroupBuilder escalations) =>
        escalations.MapPost("/{id:guid}/response", (Guid id, AnswerEscalationRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Escalation, EscalationAnswer>(id, Parse(body), (e, c) => Decide(e, c, DepartmentClock.Today(clock)), EscalationRegister.NotFound(id)))
            .WithSummary("Record the answer of the People's Committee or the Ministry.")
            .Writes(PlatformPolicies.DepartmentManager);
}
