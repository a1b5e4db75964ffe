using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

public sealed record ValuesRequest(Dictionary<string, decimal?>? Values);

/// <summary>Values by indicator code; a blank (null) value is a cell left empty. Checked against the report's template when decided.</summary>
public sealed record SaveDraftValues(IReadOnlyDictionary<string, decimal?> Values);

/// <summary>The enterprise saves values without submitting: validated, incomplete allowed.</summary>
public static class SaveDraft
{
    public static Parsed<SaveDraftValues> Parse(ValuesRequest request) => new SaveDraftValues(request.Values ?? []);

    public static Decision Decide(Submission s, ReportTemplate template, SaveDraftValues command, DateOnly today, int lockDays)
    {
        if (ReportValues.Writable(s, today, lockDays) is { } refused) return refused;
        var (errors, _, clean) = ReportValues.Validate(template, command.Values, null, 0, requireAll: false);
        return errors.Any ? errors.ToRejection() : Decision.Append(s.Id, new DraftSaved(s.Id, clean));
    }

    // A draft overwrites values the enterprise read first, so it must name the version it read (428 without If-Match).
    public static void Map(RouteGroupBuilder submissions) =>
        submissions.MapPut("/{id:guid}/draft", (Guid id, ValuesRequest body, TimeProvider clock, IOptions<ReportingOptions> options, HttpContext http) =>
                http.RunAsync<Submission, SaveDraftValues>(id, Parse(body), (s, command) => Decide(s, SubmissionQueries.TemplateOf(s), command, DepartmentClock.Today(clock), options.Value.LockDaysAfterDue),
                    SubmissionQueries.NotFound(id), mayAct: s => http.User.MayActFor(s.EnterpriseId), ifMatch: IfMatch.Required))
            .WithSummary("Save values without submitting (validated, incomplete allowed); If-Match with the ETag you read is required (428 without).")
            .Writes(PlatformPolicies.EnterpriseAct);
}
