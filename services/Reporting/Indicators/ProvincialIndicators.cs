using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Indicators;

/// <param name="Total">Null for a percentage no accepted report gives (see <see cref="ProvincialIndicators.Percentage"/>).</param>
public sealed record IndicatorTotal(string Code, string Name, string Unit, decimal? Total);
public sealed record GroupTotals(string Name, IReadOnlyDictionary<string, decimal> Values, decimal? DensityPer100);
public sealed record IndicatorReport(
    string Template, string Period, DateTimeOffset? AsOf, int AcceptedReports, IReadOnlyList<IndicatorTotal> Totals,
    IReadOnlyList<GroupTotals> ByDistrict, IReadOnlyList<GroupTotals> ByOperator, long Population, decimal? DensityPer100, decimal DensityTarget, bool TargetMet,
    string? PopulationBasis = null, IReadOnlyList<GroupTotals>? ByCommune = null, string Units = "entered");

/// <summary>
/// Aggregation of accepted reports into the province's indicators. Pure: the caller passes the
/// submissions as they stood at the moment asked for (now, or an as-of date), so the same code answers
/// "what do we know" and "what did we know on 15 March".
/// </summary>
public static class ProvincialIndicators
{
    public static readonly string[] Telephones = ["mobile-subscribers", "fixed-subscribers"];

    public static IndicatorReport Compute(ReportTemplate template, string period, IReadOnlyList<Submission> submissions,
        Func<Guid, (string District, string Operator)> whereAndWho, IReadOnlyDictionary<string, long> population, decimal target, DateTimeOffset? asOf,
        long? provinceInhabitants = null, string? populationBasis = null,
        Func<Guid, string>? headOfficeCommune = null, Func<string, (string District, string Commune)>? unitOf = null) =>
        Compute(template, period, submissions.Select(AcceptedFigures.Of).OfType<AcceptedFigures>().ToList(), whereAndWho, population, target, asOf,
            provinceInhabitants, populationBasis, headOfficeCommune, unitOf);

    /// <summary>The same from the accepted figures alone (the <see cref="AcceptedReport"/> read model, or submissions as of a moment).</summary>
    public static IndicatorReport Compute(ReportTemplate template, string period, IReadOnlyList<AcceptedFigures> reports,
        Func<Guid, (string District, string Operator)> whereAndWho, IReadOnlyDictionary<string, long> population, decimal target, DateTimeOffset? asOf,
        long? provinceInhabitants = null, string? populationBasis = null,
        Func<Guid, string>? headOfficeCommune = null, Func<string, (string District, string Commune)>? unitOf = null)
    {
        var accepted = reports.Select(a => (Submission: a, a.Values, a.Breakdown)).ToList();
        var totals = template.Indicators.Select(i => new IndicatorTotal(i.Code, i.Name, i.Unit.ToString(),
            i.Unit == IndicatorUnit.Percent ? Percentage(accepted.Select(a => a.Values), i.Code) : accepted.Sum(a => a.Values.GetValueOrDefault(i.Code)))).ToList();

        GroupTotals Group(string name, IEnumerable<IReadOnlyDictionary<string, decimal>> values, long? inhabitants)
        {
            var list = values.ToList();
            // Counts and money add up; a percentage is the average of the reports that give it, absent when none does.
            var sums = template.Indicators
                .Select(i => (i.Code, Value: i.Unit == IndicatorUnit.Percent ? Percentage(list, i.Code) : list.Sum(v => v.GetValueOrDefault(i.Code))))
                .Where(v => v.Value is not null).ToDictionary(v => v.Code, v => v.Value!.Value);
            return new GroupTotals(name, sums, inhabitants is > 0 && template.Find("mobile-subscribers") is not null ? Density(sums, inhabitants.Value) : null);
        }
        // By unit: what a report broke down by commune or ward counts where it is; the rest where the head office is.
        var whereUnit = unitOf ?? (code => ("?", code));
        var byDistrict = accepted.SelectMany(a => Shares(a.Values, a.Breakdown, whereAndWho(a.Submission.EnterpriseId).District, unit => whereUnit(unit).District))
            .GroupBy(s => s.Unit).Select(g => Group(g.Key, g.Select(s => s.Values), population.GetValueOrDefault(g.Key))).OrderBy(g => g.Name).ToList();
        var byCommune = accepted.SelectMany(a => Shares(a.Values, a.Breakdown, headOfficeCommune?.Invoke(a.Submission.EnterpriseId) ?? "?", unit => whereUnit(unit).Commune))
            .GroupBy(s => s.Unit).Select(g => Group(g.Key, g.Select(s => s.Values), null)).OrderBy(g => g.Name).ToList();
        // The province's own population when known (PopulationFigures.Year); else the districts' sum.
        var inhabitants = provinceInhabitants ?? population.Values.Sum();
        // An operator's telephones per 100 inhabitants of the province: its share of the province's density.
        var byOperator = accepted.GroupBy(a => whereAndWho(a.Submission.EnterpriseId).Operator)
            .Select(g => Group(g.Key, g.Select(a => a.Values), inhabitants)).OrderBy(g => g.Name).ToList();
        var density = template.Find("mobile-subscribers") is null || inhabitants == 0 ? (decimal?)null
            : Density(totals.ToDictionary(t => t.Code, t => t.Total ?? 0), inhabitants);
        return new IndicatorReport(template.Code, period, asOf, accepted.Count, totals, byDistrict, byOperator, inhabitants, density, target, density >= target,
            populationBasis, byCommune);
    }

    /// <summary>A report's values split by unit: each broken-down figure to its unit, what remains to the head office's.</summary>
    public static IEnumerable<(string Unit, IReadOnlyDictionary<string, decimal> Values)> Shares(IReadOnlyDictionary<string, decimal> values,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? breakdown, string headOffice, Func<string, string> unitName)
    {
        var rest = new Dictionary<string, decimal>(values);
        foreach (var (field, units) in breakdown ?? new Dictionary<string, IReadOnlyDictionary<string, decimal>>())
            foreach (var (unit, value) in units)
            {
                rest[field] = rest.GetValueOrDefault(field) - value;
                yield return (unitName(unit), new Dictionary<string, decimal> { [field] = value });
            }
        yield return (headOffice, rest.Where(r => r.Value != 0).ToDictionary());
    }

    /// <summary>Telephones (mobile + fixed subscribers) per 100 inhabitants, to two decimals.</summary>
    public static decimal Density(IReadOnlyDictionary<string, decimal> values, long inhabitants) =>
        decimal.Round(Telephones.Sum(c => values.GetValueOrDefault(c)) * 100m / inhabitants, 2);

    /// <summary>
    /// A percentage (a quality figure such as items delivered on time) over the reports that give it, to two decimals;
    /// null when none does. A report without the figure (an optional field left empty, or filed under a version that did
    /// not ask for it) says nothing about that quality: counted as 0 % it would report a failure nobody measured and pull
    /// the province's figure down by the number of silent reporters. The trend (<see cref="IndicatorTrends"/>) does the same.
    /// </summary>
    public static decimal? Percentage(IEnumerable<IReadOnlyDictionary<string, decimal>> reports, string code)
    {
        var given = reports.Where(r => r.ContainsKey(code)).Select(r => r[code]).ToList();
        return given.Count == 0 ? null : decimal.Round(given.Average(), 2);
    }
}
