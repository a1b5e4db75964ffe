using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

namespace Platform.Meetings.Escalations;

public sealed record AnswerEscalationRequest(string? Response, DateOnly? RespondedOn);

/// <summary>The answer of the People's Committee or the Ministry, recorded once.</summary>
public static class AnswerEscalation
{
    public static Decision Decide(Escalation e, AnswerEscalationRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Response, "response", 8000);
        if (errors.Any) return errors.ToRejection();
        if (e.IsAnswered) return Rejection.Conflict("already-answered", $"The {Codes.Of(e.To)} already answered on {e.RespondedOn:yyyy-MM-dd}.");
        var on = r.RespondedOn ?? today;
        if (on > today) return Rejection.Unprocessable("answered-in-future", $"{on:yyyy-MM-dd} is after today.");
        if (on < e.EscalatedOn) return Rejection.Unprocessable("answered-before-escalation", $"The matter was escalated on {e.EscalatedOn:yyyy-MM-dd}.");
        return Decision.Append(e.Id, new EscalationAnswered(e.Id, VietnameseText.Clean(r.Response), on));
    }

    public static void Map(RouteGroupBuilder escalations) =>
        escalations.MapPost("/{id:guid}/response", (Guid id, AnswerEscalationRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Escalation>(id, e => Decide(e, body, DepartmentClock.Today(clock)), EscalationRegister.NotFound(id)))
            .WithSummary("Record the answer of the People's Committee or the Ministry.")
            .Writes(PlatformPolicies.DepartmentManager);
}
