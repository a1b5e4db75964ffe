using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.Geography;
using Platform.BuildingBlocks.Http;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

/// <summary>Values by field code; <c>breakdown</c>: field code → current commune or ward code → value, for the fields the version breaks down.</summary>
public sealed record ValuesRequest(Dictionary<string, decimal?>? Values, Dictionary<string, Dictionary<string, decimal?>>? Breakdown = null);

/// <summary>Values by indicator code; a blank (null) value is a cell left empty. Checked against the report's template when decided.</summary>
public sealed record SaveDraftValues(IReadOnlyDictionary<string, decimal?> Values, IReadOnlyDictionary<string, Dictionary<string, decimal?>>? Breakdown = null);

/// <summary>The enterprise saves values without submitting: validated, incomplete allowed.</summary>
public static class SaveDraft
{
    public static Parsed<SaveDraftValues> Parse(ValuesRequest request) => new SaveDraftValues(request.Values ?? [], request.Breakdown ?? []);

    /// <summary>The draft records the template version it was entered under: the report keeps it from now on.</summary>
    public static Decision Decide(Submission s, ReportTemplate template, SaveDraftValues command, DateOnly today, int lockDays, Func<string, bool>? isProvinceUnit = null)
    {
        if (ReportValues.Writable(s, today, lockDays) is { } refused) return refused;
        var result = ReportValues.Validate(template, command.Values, null, 0, requireAll: false, command.Breakdown, isProvinceUnit);
        return result.Errors.Any ? result.Errors.ToRejection() : Decision.Append(s.Id, new DraftSaved(s.Id, result.Clean, template.Version, result.Breakdown));
    }

    // A draft overwrites values the enterprise read first, so it must name the version it read (428 without If-Match).
    public static void Map(RouteGroupBuilder submissions) =>
        submissions.MapPut("/{id:guid}/draft", (Guid id, ValuesRequest body, TimeProvider clock, IOptions<ReportingOptions> options, ProvinceGeography geography, TemplateCache templates, HttpContext http) =>
                http.RunAsync(id, CommandRunner.On<Submission, SaveDraftValues>(id, SubmissionQueries.NotFound(id), Parse(body), async (s, command, streams) =>
                    Decide(s, await SubmissionQueries.TemplateOfAsync(templates, streams.Query, s, streams.Cancellation), command, DepartmentClock.Today(clock),
                        options.Value.LockDaysAfterDue, geography.IsCurrentCommune),
                    mayAct: s => http.User.MayActFor(s.EnterpriseId)), IfMatch.Required))
            .WithSummary("Save values without submitting (validated, incomplete allowed); If-Match with the ETag you read is required (428 without).")
            .Writes(PlatformPolicies.EnterpriseAct);
}
