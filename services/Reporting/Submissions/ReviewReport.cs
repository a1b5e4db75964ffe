using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

namespace Platform.Reporting.Submissions;

public sealed record ReturnRequest(string? Reason);
public sealed record ExceptionRequest(DateOnly? Until, string? Reason);

public sealed record ReturnReport(string Reason);
public sealed record GrantLateEntry(DateOnly Until, string Reason);

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
    public static Decision Return(Submission s, ReturnReport command, DateOnly today) =>
        s.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted
            ? Decision.Append(s.Id, new ReportReturned(s.Id, s.EnterpriseId, s.Latest!.Number, command.Reason, today))
            : Rejection.Conflict("invalid-submission-transition", $"The report is {Codes.Of(s.Status)}; only a submitted or accepted report can be returned.");

    public static Decision GrantException(Submission s, GrantLateEntry command) => s.Status is SubmissionStatus.Accepted
        ? Rejection.Conflict("already-accepted", "The report is accepted; nothing is left to enter.")
        : Decision.Append(s.Id, new LateEntryExceptionGranted(s.Id, command.Until, command.Reason));

    public static Parsed<ReturnReport> ParseReturn(ReturnRequest request)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(request.Reason, "reason", 2000);
        return Parsed<ReturnReport>.Unless(errors, () => new ReturnReport(reason));
    }

    /// <summary>The date is checked against the Department's today: an exception ending in the past is no exception.</summary>
    public static Parsed<GrantLateEntry> ParseException(ExceptionRequest request, DateOnly today)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(request.Reason, "reason", 1000);
        var until = errors.Date(request.Until, "until");
        errors.When(request.Until < today, "until", "cannot be in the past");
        return Parsed<GrantLateEntry>.Unless(errors, () => new GrantLateEntry(until, reason));
    }

    public static void Map(RouteGroupBuilder submissions)
    {
        submissions.MapPost("/{id:guid}/acceptance", (Guid id, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Submission>(id, s => Accept(s, DepartmentClock.Today(clock)), SubmissionQueries.NotFound(id)))
            .WithSummary("Accept the submitted version.")
            .Writes(PlatformPolicies.DepartmentManager);
        submissions.MapPost("/{id:guid}/return", (Guid id, ReturnRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Submission, ReturnReport>(id, ParseReturn(body), (s, command) => Return(s, command, DepartmentClock.Today(clock)), SubmissionQueries.NotFound(id)))
            .WithSummary("Return the submitted version for correction, with a reason.")
            .Writes(PlatformPolicies.DepartmentManager);
        submissions.MapPost("/{id:guid}/exception", (Guid id, ExceptionRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<Submission, GrantLateEntry>(id, ParseException(body, DepartmentClock.Today(clock)), GrantException, SubmissionQueries.NotFound(id)))
            .WithSummary("Let the enterprise enter a locked period until a date.")
            .Writes(PlatformPolicies.DepartmentManager);
    }
}
