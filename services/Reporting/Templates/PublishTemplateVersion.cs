using System.Text.RegularExpressions;
using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Contracts.Registry;
using Platform.Reporting.Submissions;

namespace Platform.Reporting.Templates;

public sealed record FieldRequest(string? Code, string? Label, string? LabelEn, string? Type, bool? Required, decimal? Min, decimal? Max);

/// <summary>kind "at-most": lesser ≤ greater; kind "sum": the parts add up to the total.</summary>
public sealed record RuleRequest(string? Kind, string? Lesser, string? Greater, string? Total, string[]? Parts, string? Message);

public sealed record BreakdownRequest(string[]? Fields, bool? Required);

/// <summary>A version as a manager (or a shipped data file) writes it.</summary>
public sealed record TemplateVersionRequest(
    string? Name, string? NameEn, string? PeriodType, string[]? EnterpriseKinds, string? EffectiveFrom, int? DueDays, string? Source,
    List<FieldRequest>? Fields, List<RuleRequest>? Rules, BreakdownRequest? Breakdown);

/// <summary>A parsed version, numbered when decided.</summary>
public sealed record NewTemplateVersion(ReportTemplate Template);

public sealed record TemplateSummary(string Code, string Name, string PeriodType, int LatestVersion, string LatestEffectiveFrom, string[] EnterpriseKinds, long Version);

/// <summary>
/// A manager publishes a new version of a template (or the first one of a new template), effective from a period.
/// Versions follow each other: a new one starts after the latest one's start, keeps the template's period type, and may
/// not start at or before a period that already has drafts or submissions (they were made under the version before).
/// </summary>
public static partial class PublishTemplateVersion
{
    private static readonly string[] FieldTypes = Codes.All<IndicatorUnit>().Where(t => t != Codes.Of(IndicatorUnit.Per100Inhabitants)).ToArray();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    public static Parsed<NewTemplateVersion> Parse(string code, TemplateVersionRequest request)
    {
        var errors = new FieldErrors();
        if (code.Length > 60 || !CodePattern().IsMatch(code)) errors.Add("code", "must be lower-case letters, digits and dashes (e.g. telecom-annual), at most 60");
        var name = errors.Text(request.Name, "name", 300);
        var nameEn = errors.OptionalText(request.NameEn, "nameEn", 300);
        var source = errors.Text(request.Source, "source", 1000); // every version says which regulation or form it follows
        var periodType = errors.Code<PeriodType>(request.PeriodType, "periodType");
        var kinds = request.EnterpriseKinds ?? [];
        if (kinds.Length == 0) errors.Add("enterpriseKinds", "must name at least one kind of enterprise that files it");
        foreach (var kind in kinds.Where(k => !Codes.TryParse<EnterpriseKind>(k, out _)))
            errors.Add("enterpriseKinds", $"'{kind}' is not a kind of enterprise; one of: {string.Join(", ", Codes.All<EnterpriseKind>())}");
        if (!ReportingPeriod.TryParse(request.EffectiveFrom, out var from)) errors.Add("effectiveFrom", "must be a period, e.g. 2026-10, 2026-Q4 or 2026");
        else if (Codes.TryParse<PeriodType>(request.PeriodType, out _) && from.Type != periodType) errors.Add("effectiveFrom", $"must be a {Codes.Of(periodType)} period");
        if (request.DueDays is < 1 or > 366) errors.Add("dueDays", "must be between 1 and 366 days after the period ends");

        var fields = new List<Indicator>();
        var requested = request.Fields ?? [];
        if (requested.Count == 0) errors.Add("fields", "must have at least one field");
        if (requested.Count > 200) errors.Add("fields", "must have at most 200 fields");
        for (var i = 0; i < requested.Count; i++)
        {
            var f = requested[i] ?? new FieldRequest(null, null, null, null, null, null, null);
            var at = $"fields[{i}]";
            var fieldCode = f.Code ?? "";
            if (!CodePattern().IsMatch(fieldCode) || fieldCode.Length > 60) errors.Add($"{at}.code", "must be lower-case letters, digits and dashes, at most 60");
            else if (fields.Any(x => x.Code == fieldCode)) errors.Add($"{at}.code", $"'{fieldCode}' is already a field of this version");
            var label = errors.Text(f.Label, $"{at}.label", 300);
            var labelEn = errors.OptionalText(f.LabelEn, $"{at}.labelEn", 300);
            var unit = IndicatorUnit.Count;
            if (f.Type is null || !FieldTypes.Contains(f.Type) || !Codes.TryParse(f.Type, out unit))
                errors.Add($"{at}.type", $"must be one of: {string.Join(", ", FieldTypes)}");
            if (f.Min is < 0) errors.Add($"{at}.min", "cannot be negative: every figure is non-negative");
            if (f.Min is { } min && f.Max is { } max && min > max) errors.Add($"{at}.max", "must not be less than min");
            if (unit == IndicatorUnit.Percent && f.Max is > 100) errors.Add($"{at}.max", "is a percentage: at most 100");
            fields.Add(new Indicator(fieldCode, label, unit, labelEn, f.Required ?? true, f.Min, f.Max));
        }
        bool Known(string? c) => c is not null && fields.Any(x => x.Code == c);

        var atMost = new List<AtMostRule>();
        var sums = new List<SumRule>();
        var rules = request.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i] ?? new RuleRequest(null, null, null, null, null, null);
            var at = $"rules[{i}]";
            var message = errors.Text(r.Message, $"{at}.message", 300);
            switch (r.Kind)
            {
                case "at-most":
                    if (!Known(r.Lesser)) errors.Add($"{at}.lesser", "must be a field of this version");
                    if (!Known(r.Greater)) errors.Add($"{at}.greater", "must be a field of this version");
                    atMost.Add(new AtMostRule(r.Lesser ?? "", r.Greater ?? "", message));
                    break;
                case "sum":
                    if (!Known(r.Total)) errors.Add($"{at}.total", "must be a field of this version");
                    if (r.Parts is not { Length: > 0 } parts || parts.Any(p => !Known(p) || p == r.Total)) errors.Add($"{at}.parts", "must be fields of this version other than the total");
                    sums.Add(new SumRule(r.Total ?? "", r.Parts ?? [], message));
                    break;
                default:
                    errors.Add($"{at}.kind", "must be one of: at-most, sum");
                    break;
            }
        }

        UnitBreakdown? breakdown = null;
        if (request.Breakdown is { } b)
        {
            var broken = b.Fields ?? [];
            if (broken.Length == 0) errors.Add("breakdown.fields", "must name the fields broken down by administrative unit");
            foreach (var c in broken.Where(c => !Known(c))) errors.Add("breakdown.fields", $"'{c}' is not a field of this version");
            foreach (var c in broken.Where(c => fields.FirstOrDefault(x => x.Code == c)?.Unit == IndicatorUnit.Percent))
                errors.Add("breakdown.fields", $"'{c}' is a percentage, which does not add up over units");
            breakdown = new UnitBreakdown(broken.Distinct().ToArray(), b.Required ?? false);
        }

        return Parsed<NewTemplateVersion>.Unless(errors, () => new NewTemplateVersion(new ReportTemplate(code, 0, name, periodType, kinds.Distinct().ToArray(),
            fields, atMost, from.Key, sums, breakdown, nameEn, source, request.DueDays)));
    }

    /// <summary>Pure: the version numbered and appended, or why not. <paramref name="periodsWithReports"/> are the periods from the new
    /// version's start on that already have a draft or a submission under this template.</summary>
    public static Decision Decide(TemplateSeries? series, NewTemplateVersion command, IReadOnlyCollection<string> periodsWithReports, DateTimeOffset now)
    {
        var id = TemplateSeries.IdFor(command.Template.Code);
        if (series is null)
            return Decision.Start<TemplateSeries>(id, new TemplateVersionPublished(id, command.Template with { Version = 1, PublishedAt = now }));
        var latest = series.Latest;
        if (command.Template.PeriodType != series.PeriodType)
            return Rejection.Unprocessable("period-type-fixed", $"{series.Code} is a {Codes.Of(series.PeriodType)} template; a new version cannot change that (publish a new template instead).");
        if (command.Template.FirstPeriod.Start <= latest.FirstPeriod.Start)
            return Rejection.Conflict("overlapping-effective-period",
                $"Version {latest.Version} applies from {latest.EffectiveFrom}; a new version must start after it, not from {command.Template.EffectiveFrom}.");
        if (periodsWithReports.Count > 0)
            return Rejection.Conflict("period-has-submissions",
                $"Reports were already drafted or submitted for {string.Join(", ", periodsWithReports.Order().Take(5))} under version {latest.Version}; a new version can start only after them.");
        return Decision.Append(id, new TemplateVersionPublished(id, command.Template with { Version = latest.Version + 1, PublishedAt = now }));
    }

    /// <summary>Loads the template for writing and the periods that already have reports, then decides.</summary>
    public static async Task<Decision> DecideAsync(NewTemplateVersion command, StreamsForWriting streams, DateTimeOffset now)
    {
        var series = await streams.LoadAsync<TemplateSeries>(TemplateSeries.IdFor(command.Template.Code));
        var start = command.Template.FirstPeriod.Start;
        var code = command.Template.Code;
        // Only a template that has versions has reports made under them (the shipped ones' first load adopts what exists).
        var periods = series is null ? [] : (await streams.Query.Query<Submission>()
            .Where(s => s.TemplateCode == code && s.PeriodStart >= start && s.Status != SubmissionStatus.Due)
            .Select(s => s.Period).ToListAsync(streams.Cancellation)).Distinct().ToList();
        return Decide(series, command, periods, now);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates");
        templates.MapGet("/", async (IQuerySession session, CancellationToken ct) =>
                TypedResults.Ok((await TemplateCatalog.LoadAsync(session, ct)).All.Select(t => new TemplateSummary(t.Code, t.Latest.Name, Codes.Of(t.PeriodType),
                    t.Latest.Version, t.Latest.EffectiveFrom, t.Latest.EnterpriseKinds, t.Version)).ToList()))
            .WithSummary("The report templates with their latest version.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);
        templates.MapGet("/{code}", async (string code, IQuerySession session, HttpContext http) =>
            {
                if (await session.LoadAsync<TemplateSeries>(TemplateSeries.IdFor(code), http.RequestAborted) is not { } series)
                    return Problems.From(Rejection.NotFound($"No template {code}."));
                StreamVersion.SetETag(http.Response, series.Version);
                return Results.Ok(series);
            })
            .Produces<TemplateSeries>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A template with every version: fields, rules, unit breakdown, the period each applies from, and its source. The ETag is its stream version.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);
        templates.MapPost("/{code}/versions", (string code, TemplateVersionRequest body, TimeProvider clock, HttpContext http) =>
                http.CreateAsync(TemplateSeries.IdFor(code), $"/api/reporting/templates/{code}", Parse(code, body),
                    (command, streams) => DecideAsync(command, streams, clock.GetUtcNow())))
            .WithSummary("Publish a new version of a template (or the first of a new one) effective from a period: fields (count, percent, vnd, kilometre, number) with labels and ranges, rules (at-most, sum), the unit breakdown it asks for, and its source. 409 when it would not start after the latest version or a period from its start already has reports.")
            .Writes(PlatformPolicies.DepartmentManager);
    }
}
