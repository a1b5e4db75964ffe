using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

public sealed record ValuesRequest(Dictionary<string, decimal?>? Values);

/// <summary>The enterprise saves values without submitting: validated, incomplete allowed.</summary>
public static class SaveDraft
{
    public static Decision Decide(Submission s, ReportTemplate template, ValuesRequest r, DateOnly today, int lockDays)
    {
        if (ReportValues.Writable(s, today, lockDays) is { } refused) return refused;
        var (errors, _, clean) = ReportValues.Validate(template, r.Values, null, 0, requireAll: false);
        return errors.Any ? errors.ToRejection() : Decision.Append(s.Id, new DraftSaved(s.Id, clean));
    }

    // A draft overwrites values the enterprise read first, so it must name the version it read (428 without If-Match).
    public static void Map(RouteGroupBuilder submissions) =>
        submissions.MapPut("/{id:guid}/draft", (Guid id, ValuesRequest body, TimeProvider clock, IOptions<ReportingOptions> options, HttpContext http) =>
                http.RunAsync<Submission>(id, s => Decide(s, SubmissionQueries.TemplateOf(s), body, DepartmentClock.Today(clock), options.Value.LockDaysAfterDue),
                    SubmissionQueries.NotFound(id), mayAct: s => http.User.MayActFor(s.EnterpriseId), ifMatch: IfMatch.Required))
            .WithSummary("Save values without submitting (validated, incomplete allowed); If-Match with the ETag you read is required (428 without).")
            .Writes(PlatformPolicies.EnterpriseAct);
}
