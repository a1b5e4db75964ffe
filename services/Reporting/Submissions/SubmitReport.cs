using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Geography;
using Platform.Reporting.Obligations;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

/// <summary><c>breakdown</c>: field code → current commune or ward code → value, for the fields the version breaks down.</summary>
public sealed record SubmitRequest(Dictionary<string, decimal?>? Values, string? SignerName, string? SignerTitle,
    Dictionary<string, Dictionary<string, decimal?>>? Breakdown = null);

/// <summary>The values and their unit breakdown (checked against the report's template version when decided) and who certifies them.</summary>
public sealed record SubmitReportValues(IReadOnlyDictionary<string, decimal?> Values, Certification Signer, IReadOnlyDictionary<string, Dictionary<string, decimal?>>? Breakdown = null);

/// <summary>The enterprise submits (or resubmits after a return, as a new version) with its signer's certification.</summary>
public static class SubmitReport
{
    public static Parsed<SubmitReportValues> Parse(SubmitRequest request)
    {
        var errors = new FieldErrors();
        var signer = new Certification(errors.Text(request.SignerName, "signerName", 200), errors.Text(request.SignerTitle, "signerTitle", 200));
        return Parsed<SubmitReportValues>.Unless(errors, () => new SubmitReportValues(request.Values ?? [], signer, request.Breakdown ?? []));
    }

    public static Decision Decide(Submission s, ReportTemplate template, SubmitReportValues command, IReadOnlyDictionary<string, decimal>? previousAccepted,
        decimal warnPercent, DateOnly today, DateTimeOffset now, int lockDays, Func<string, bool>? isProvinceUnit = null)
    {
        if (ReportValues.Writable(s, today, lockDays) is { } refused) return refused;
        var result = ReportValues.Validate(template, command.Values, previousAccepted, warnPercent, requireAll: true, command.Breakdown, isProvinceUnit);
        if (result.Errors.Any) return result.Errors.ToRejection();
        return Decision.Append(s.Id, new ReportSubmitted(s.Id, s.EnterpriseId, s.TemplateCode, s.Period, s.Versions.Count + 1, result.Clean,
            command.Signer, now, Late: today > s.DueOn, result.Warnings, template.Version, result.Breakdown));
    }

    // The submission is loaded once, for writing; the previous period's accepted values are only read.
    public static void Map(RouteGroupBuilder submissions) =>
        submissions.MapPost("/{id:guid}/submission", (Guid id, SubmitRequest body, TimeProvider clock, IOptions<ReportingOptions> options, ProvinceGeography geography, TemplateCache templates, HttpContext http) =>
                http.RunAsync(id, CommandRunner.On<Submission, SubmitReportValues>(id, SubmissionQueries.NotFound(id), Parse(body), async (s, command, streams) =>
                    Decide(s, await SubmissionQueries.TemplateOfAsync(templates, streams.Query, s, streams.Cancellation), command, await PreviousAcceptedAsync(streams.Query, s, streams.Cancellation),
                        options.Value.WarnChangePercent, DepartmentClock.Today(clock), clock.GetUtcNow(), options.Value.LockDaysAfterDue, geography.IsCurrentCommune),
                    mayAct: s => http.User.MayActFor(s.EnterpriseId))))
            .WithSummary("Submit (or resubmit after a return, as a new version) with the signer's certification. Errors are per indicator code; large changes from the previous accepted period are warnings.")
            .Writes(PlatformPolicies.EnterpriseAct);

    /// <summary>Values of the same enterprise's previous period, as accepted — the baseline for "large change" warnings.</summary>
    private static async Task<IReadOnlyDictionary<string, decimal>?> PreviousAcceptedAsync(IQuerySession session, Submission current, CancellationToken ct)
    {
        if (!ReportingPeriod.TryParse(current.Period, out var period)) return null;
        var previous = ReportingPeriod.Containing(period.Type, period.Start.AddDays(-1));
        var before = await session.LoadAsync<Submission>(ObligationScheduler.SubmissionIdFor(current.EnterpriseId, current.TemplateCode, previous.Key), ct);
        return before?.AcceptedVersion is { } v ? before.Versions.Single(x => x.Number == v).Values : null;
    }
}
