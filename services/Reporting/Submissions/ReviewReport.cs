using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

namespace Platform.Reporting.Submissions;

public sealed record ReturnRequest(string? Reason);
public sealed record ExceptionRequest(DateOnly? Until, string? Reason);

/// <summary>The Department's side of a report: accept it, return it for correction, or let a locked period be entered late.</summary>
public static class ReviewReport
{
    public static Decision Accept(Submission s, DateOnly today) => s.Status == SubmissionStatus.Submitted
        ? Decision.Append(s.Id, new ReportAccepted(s.Id, s.EnterpriseId, s.Latest!.Number, today))
        : Rejection.Conflict("invalid-submission-transition", $"The report is {Codes.Of(s.Status)}; only a submitted report can be accepted.");

    /// <summary>
    /// Returns the latest version for correction: a submitted one, or an accepted one found wrong later
    /// (the Ministry's "corrected figure"). An accepted version keeps counting in the indicators until
    /// its correction is accepted, and as-of queries still show what was known before.
    /// </summary>
    public static Decision Return(Submission s, ReturnRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason", 2000);
        if (errors.Any) return errors.ToRejection();
        return s.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted
            ? Decision.Append(s.Id, new ReportReturned(s.Id, s.EnterpriseId, s.Latest!.Number, VietnameseText.Clean(r.Reason), today))
            : Rejection.Conflict("invalid-submission-transition", $"The report is {Codes.Of(s.Status)}; only a submitted or accepted report can be returned.");
    }

    public static Decision GrantException(Submission s, ExceptionRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason", 1000)
            .When(r.Until is null, "until", "is required (yyyy-MM-dd)")
            .When(r.Until < today, "until", "cannot be in the past");
        if (errors.Any) return errors.ToRejection();
        return s.Status is SubmissionStatus.Accepted
            ? Rejection.Conflict("already-accepted", "The report is accepted; nothing is left to enter.")
            : Decision.Append(s.Id, new LateEntryExceptionGranted(s.Id, r.Until!.Value, VietnameseText.Clean(r.Reason)));
    }

    public static void Map(RouteGroupBuilder submissions)
    {
        submissions.MapPost("/{id:guid}/acceptance", (Guid id, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Submission>(id, s => Accept(s, DepartmentClock.Today(clock)), SubmissionQueries.NotFound(id)))
            .WithSummary("Accept the submitted version.")
            .Writes(PlatformPolicies.DepartmentManager);
        submissions.MapPost("/{id:guid}/return", (Guid id, ReturnRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Submission>(id, s => Return(s, body, DepartmentClock.Today(clock)), SubmissionQueries.NotFound(id)))
            .WithSummary("Return the submitted version for correction, with a reason.")
            .Writes(PlatformPolicies.DepartmentManager);
        submissions.MapPost("/{id:guid}/exception", (Guid id, ExceptionRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Submission>(id, s => GrantException(s, body, DepartmentClock.Today(clock)), SubmissionQueries.NotFound(id)))
            .WithSummary("Let the enterprise enter a locked period until a date.")
            .Writes(PlatformPolicies.DepartmentManager);
    }
}
