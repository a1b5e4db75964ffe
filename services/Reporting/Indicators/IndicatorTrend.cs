using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Geography;
using Platform.BuildingBlocks.Exports;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Indicators;

public enum TrendBy { Province, Unit, Operator }

/// <summary>One value of a period for a group: an administrative unit or an operator.</summary>
public sealed record TrendGroupValue(string Name, decimal? Value);

/// <summary>A period of a series: the value from the accepted reports (null when none was accepted), and per group when asked.</summary>
public sealed record TrendPoint(string Period, DateOnly Start, DateOnly End, int AcceptedReports, decimal? Value, IReadOnlyList<TrendGroupValue> Groups);

/// <summary>One indicator over the range, in its template's periods, with the province's target for it when it has one.</summary>
public sealed record TrendSeries(string Template, string Code, string Name, string Unit, string PeriodType, decimal? Target, IReadOnlyList<TrendPoint> Points);

/// <summary><paramref name="Units"/>: by=unit, which units the groups are (entered: the old districts; current: the communes and wards since 1 July 2025).</summary>
public sealed record IndicatorTrend(DateOnly From, DateOnly To, string By, IReadOnlyList<TrendSeries> Series, string? Units = null);

/// <summary>What the trend needs of one accepted report: who filed it, for which template and period, the accepted values and
/// their breakdown by current commune or ward (if any).</summary>
public sealed record AcceptedFigures(Guid EnterpriseId, string TemplateCode, string Period, IReadOnlyDictionary<string, decimal> Values,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Breakdown = null)
{
    public static AcceptedFigures? Of(Submission s) => AcceptedReport.Of(s) is { } a ? Of(a) : null;

    public static AcceptedFigures Of(AcceptedReport a) => new(a.EnterpriseId, a.TemplateCode, a.Period, a.Values, a.Breakdown);
}

/// <summary>A year's inhabitants: the province's (the basis the indicators use) and per unit of the grouping (old district, or current commune).</summary>
public sealed record YearPopulation(long Province, IReadOnlyDictionary<string, long> ByDistrict);

/// <summary><paramref name="Current"/>: by=unit groups by the province's current communes and wards (units=current), else by the old districts.</summary>
public sealed record TrendQuery(DateOnly From, DateOnly To, TrendBy By, IReadOnlyList<ReportTemplate> Templates, string Format, bool Current = false);

/// <summary>
/// The indicators over a range of periods: each indicator in its template's periods (monthly, quarterly…), the target
/// line, and per administrative unit or operator. Telephone density is computed for every group: an operator's
/// telephones per 100 inhabitants of the province, a unit's per 100 of its own inhabitants.
/// </summary>
public static class IndicatorTrends
{
    public const string DensityCode = "density-per-100";

    /// <summary>Pure. The templates come from <paramref name="catalog"/>, the store's (a version a manager published included).</summary>
    public static Parsed<TrendQuery> Parse(string? from, string? to, string? by, string? template, string? format, string? units, DateOnly today, int maxMonths,
        TemplateCatalog catalog)
    {
        var errors = new FieldErrors();
        var until = Day(to, end: true, "to", errors) ?? today;
        var since = Day(from, end: false, "from", errors) ?? new DateOnly(until.Year, until.Month, 1).AddMonths(-11);
        if (!errors.Any && since > until) errors.Add("from", "must not be after to");
        else if (!errors.Any && Months(since, until) > maxMonths)
            errors.Add("to", $"the range spans {Months(since, until)} months; at most {maxMonths} can be shown at once");
        var groups = by switch
        {
            null or "" or "province" => TrendBy.Province,
            "unit" => TrendBy.Unit,
            "operator" => TrendBy.Operator,
            _ => (TrendBy?)null,
        };
        if (groups is null) errors.Add("by", "must be unit, operator or province");
        if (units is not (null or "" or "entered" or "current"))
            errors.Add("units", "must be entered (the old districts, each head office as entered) or current (the communes and wards since 1 July 2025, old addresses mapped)");
        var all = catalog.All;
        IReadOnlyList<TemplateSeries> chosen = all.Where(t => t.PeriodType != PeriodType.Annual).ToList(); // annual ones on request (template=)
        if (template is not null)
        {
            chosen = all.Where(t => t.Code == template).ToList();
            if (chosen.Count == 0) errors.Add("template", $"must be one of: {string.Join(", ", all.Select(x => x.Code))}");
        }
        var kind = format ?? "json";
        if (kind is not ("json" or "csv" or "xlsx")) errors.Add("format", "must be json, csv or xlsx");
        return Parsed<TrendQuery>.Unless(errors, () => new TrendQuery(since, until, groups!.Value,
            chosen.Select(t => InRange(t, since, until)).OfType<ReportTemplate>().ToList(), kind, units == "current"));
    }

    /// <summary>The template as the range needs it: the latest version that applies in the range, with the fields of the earlier
    /// versions that applied in it after its own (a field a version added has no value before it; one it dropped, none after).
    /// Null when no version applies in the range.</summary>
    public static ReportTemplate? InRange(TemplateSeries series, DateOnly from, DateOnly to)
    {
        var applying = series.Versions
            .Where((v, i) => v.FirstPeriod.Start <= to && (i + 1 == series.Versions.Count || series.Versions[i + 1].FirstPeriod.Start > from))
            .ToList();
        if (applying.Count == 0) return null;
        var latest = applying[^1];
        var fields = applying.AsEnumerable().Reverse().SelectMany(v => v.Indicators).DistinctBy(i => i.Code).ToList();
        return latest with { Indicators = fields };
    }

    /// <summary>A day (2026-03-15) or a period key (2026-03, 2026-Q1, 2026): a period stands for its first day in from=, its last in to=.</summary>
    private static DateOnly? Day(string? text, bool end, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is > 1990 and < 2200) return day;
        if (ReportingPeriod.TryParse(text, out var period)) return end ? period.End : period.Start;
        errors.Add(field, "must be a day (2026-03-15) or a period (2026-03, 2026-Q1, 2026)");
        return null;
    }

    /// <summary>How many calendar months the range touches (the longest series: the monthly one).</summary>
    public static int Months(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;

    /// <summary>The periods of each template in the range, and the keys to load.</summary>
    public static IReadOnlyList<ReportingPeriod> Periods(ReportTemplate template, DateOnly from, DateOnly to) =>
        ReportingPeriod.Between(template.PeriodType, from, to).ToList();

    /// <summary>Pure: the series of every indicator of the query's templates over the range, from the accepted reports given.
    /// <paramref name="whereAndWho"/> gives an enterprise's unit (its head office's, in the query's generation) and operator name;
    /// by unit, a figure broken down by commune counts in <paramref name="unitOf"/> of its commune code, the rest at the head office.</summary>
    public static IndicatorTrend Compute(TrendQuery query, IReadOnlyList<AcceptedFigures> accepted, Func<Guid, (string District, string Operator)> whereAndWho,
        Func<int, YearPopulation> population, IReadOnlyDictionary<string, decimal> targets, decimal densityTarget, Func<string, string>? unitOf = null)
    {
        var series = new List<TrendSeries>();
        foreach (var template in query.Templates)
        {
            var periods = Periods(template, query.From, query.To);
            var mine = accepted.Where(a => a.TemplateCode == template.Code).ToList();
            var byPeriod = mine.ToLookup(a => a.Period);
            // Each report's share per group: the operator's whole report, or by unit its broken-down figures where they are.
            IEnumerable<(string Group, IReadOnlyDictionary<string, decimal> Values)> Shares(AcceptedFigures a) => query.By switch
            {
                TrendBy.Operator => [(whereAndWho(a.EnterpriseId).Operator, a.Values)],
                TrendBy.Unit => ProvincialIndicators.Shares(a.Values, a.Breakdown, whereAndWho(a.EnterpriseId).District, unitOf ?? (code => code)),
                _ => [],
            };
            var shares = byPeriod.ToDictionary(g => g.Key, g => g.SelectMany(Shares).ToLookup(s => s.Group, s => s.Values));
            var groupNames = shares.Values.SelectMany(l => l.Select(g => g.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
            IReadOnlyList<IReadOnlyDictionary<string, decimal>> Of(string period, string group) =>
                shares.TryGetValue(period, out var l) ? l[group].ToList() : [];

            foreach (var indicator in template.Indicators)
                series.Add(new TrendSeries(template.Code, indicator.Code, indicator.Name, indicator.Unit.ToString(), Codes.Of(template.PeriodType),
                    targets.TryGetValue(indicator.Code, out var target) ? target : null,
                    periods.Select(p =>
                    {
                        var reports = byPeriod[p.Key].ToList();
                        return new TrendPoint(p.Key, p.Start, p.End, reports.Count, Aggregate(indicator, reports.Select(r => r.Values).ToList()),
                            groupNames.Select(g => new TrendGroupValue(g, Aggregate(indicator, Of(p.Key, g)))).ToList());
                    }).ToList()));

            if (template.Find("mobile-subscribers") is null) continue;
            series.Add(new TrendSeries(template.Code, DensityCode, "Mật độ điện thoại / 100 dân", nameof(IndicatorUnit.Per100Inhabitants), Codes.Of(template.PeriodType),
                densityTarget, periods.Select(p =>
                {
                    var reports = byPeriod[p.Key].Select(r => r.Values).ToList();
                    var people = population(p.Start.Year);
                    return new TrendPoint(p.Key, p.Start, p.End, reports.Count, reports.Count == 0 ? null : Density(reports, people.Province),
                        groupNames.Select(g =>
                        {
                            var group = Of(p.Key, g);
                            // An operator's phones per 100 inhabitants of the province; a unit's per 100 of its own.
                            var inhabitants = query.By == TrendBy.Operator ? people.Province : people.ByDistrict.GetValueOrDefault(g);
                            return new TrendGroupValue(g, group.Count == 0 ? null : Density(group, inhabitants));
                        }).ToList());
                }).ToList()));
        }
        return new IndicatorTrend(query.From, query.To, Codes.Of(query.By), series, query.By == TrendBy.Unit ? (query.Current ? "current" : "entered") : null);
    }

    /// <summary>Over the reports (or shares) that give the figure: null when none does (no accepted report, or a field its version
    /// did not have); counts and money add up; a percentage is the average of the reports that give it, as the period's
    /// indicators have it (<see cref="ProvincialIndicators.Percentage"/> says why a missing one is not 0 %).</summary>
    private static decimal? Aggregate(Indicator indicator, IReadOnlyList<IReadOnlyDictionary<string, decimal>> reports)
    {
        if (indicator.Unit == IndicatorUnit.Percent) return ProvincialIndicators.Percentage(reports, indicator.Code);
        var given = reports.Where(r => r.ContainsKey(indicator.Code)).Select(r => r[indicator.Code]).ToList();
        return given.Count == 0 ? null : given.Sum();
    }

    private static decimal? Density(IReadOnlyList<IReadOnlyDictionary<string, decimal>> reports, long inhabitants) =>
        inhabitants > 0 ? decimal.Round(ProvincialIndicators.Telephones.Sum(c => reports.Sum(r => r.GetValueOrDefault(c))) * 100m / inhabitants, 2) : null;

    /// <summary>The trend as one long sheet (one row per series, period and group), so CSV carries all of it.</summary>
    public static Table Sheet(IndicatorTrend trend)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var s in trend.Series)
            foreach (var p in s.Points)
            {
                rows.Add([s.Code, s.Name, p.Period, p.Start, p.End, "Toàn tỉnh", p.Value, s.Target]);
                foreach (var g in p.Groups) rows.Add([s.Code, s.Name, p.Period, p.Start, p.End, g.Name, g.Value, null]);
            }
        return new Table("Xu hướng", [new("Mã chỉ tiêu", "Indicator code"), new("Tên chỉ tiêu", "Indicator"), new("Kỳ", "Period"), new("Từ ngày", "First day"),
            new("Đến ngày", "Last day"), new("Đơn vị / doanh nghiệp", "Unit / operator"), new("Giá trị", "Value"), new("Chỉ tiêu kế hoạch", "Target")], rows);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/indicators/trend", async Task<Results<Ok<IndicatorTrend>, FileContentHttpResult, ValidationProblem>> (IQuerySession session,
                IOptions<ReportingOptions> options, ProvinceGeography geography, TimeProvider clock, HttpContext http,
                string? from = null, string? to = null, string? by = null, string? template = null, string? format = null, string? units = null) =>
            {
                var catalog = await TemplateCatalog.LoadAsync(session, http.RequestAborted); // the store's templates: a published version included
                var parsed = Parse(from, to, by, template, format, units, DepartmentClock.Today(clock), options.Value.TrendMaxMonths, catalog);
                if (parsed.Rejection is { } rejection)
                    return TypedResults.ValidationProblem(rejection.Errors!, rejection.Detail, type: Problems.TypeBase + "validation", title: "The request is invalid.",
                        extensions: new Dictionary<string, object?> { ["code"] = rejection.Code });
                var trend = await ComputeAsync(session, parsed.Command, options.Value, geography, http.RequestAborted);
                var form = TableExport.Choose(http.Request, format); // format= is checked above; without it, Accept decides
                if (form is TableFormat.Json or null) return TypedResults.Ok(trend);
                var file = $"xu-huong-chi-tieu-{parsed.Command.From:yyyy-MM-dd}-{parsed.Command.To:yyyy-MM-dd}";
                var language = TableExport.LanguageOf(http.Request);
                http.Response.Headers.ContentLanguage = language == TableLanguage.English ? "en" : "vi";
                return form == TableFormat.Csv
                    ? TypedResults.File(Sheet(trend).ToCsv(language), $"{Table.CsvMediaType}; charset=utf-8", $"{file}.csv")
                    : TypedResults.File(Table.ToXlsx([Sheet(trend)], language), Table.XlsxMediaType, $"{file}.xlsx");
            })
            .Produces<IndicatorTrend>()
            .ProducesTables()
            .WithTags("Provincial indicators")
            .WithSummary("Each indicator per period over from..to (a day or a period; at most Reporting:TrendMaxMonths months) in its template's periods, from accepted reports, " +
                "with the province's target line, by=unit (administrative unit: units=entered, the old districts, or units=current, the communes and wards since 1 July 2025) " +
                "or by=operator; telephone density per 100 inhabitants for every group. format=json|csv|xlsx.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);

    /// <summary>One query for the accepted reports of every period in the range (the <see cref="AcceptedReport"/> read model, indexed by
    /// period), one for the years' population, one for the enterprises.</summary>
    public static async Task<IndicatorTrend> ComputeAsync(IQuerySession session, TrendQuery query, ReportingOptions options, ProvinceGeography geography, CancellationToken ct)
    {
        var codes = query.Templates.Select(t => t.Code).ToArray();
        var keys = query.Templates.SelectMany(t => Periods(t, query.From, query.To)).Select(p => p.Key).Distinct().ToArray();
        var accepted = (await session.Query<AcceptedReport>().Where(a => a.Period.IsOneOf(keys) && a.TemplateCode.IsOneOf(codes)).ToListAsync(ct))
            .Select(AcceptedFigures.Of).ToList();

        var enterprises = (await session.LoadManyAsync<KnownEnterprise>(ct, accepted.Select(a => a.EnterpriseId).Distinct().ToArray())).ToDictionary(k => k.Id);
        var figures = await PopulationDecisions.LoadAsync(session, query.From.Year, query.To.Year, ct);
        var population = figures.ToDictionary(y => y.Key, y => new YearPopulation(PopulationFigures.Year(y.Key, y.Value, geography).Inhabitants,
            query.Current ? PopulationFigures.ByCurrentCommune(y.Key, y.Value, geography) : PopulationFigures.ByDistrict(y.Key, y.Value, geography)));
        return Compute(query, accepted,
            id => enterprises.TryGetValue(id, out var e) ? (IndicatorEndpoints.AreaOf(e, geography, query.Current), e.ShortName) : ("?", id.ToString()),
            y => population[y], options.Targets, options.DensityTarget,
            code => query.Current ? geography.DistrictAndCommune(code).Commune : geography.DistrictAndCommune(code).District);
    }
}
