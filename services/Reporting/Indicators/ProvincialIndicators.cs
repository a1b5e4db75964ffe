using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Indicators;

public sealed record IndicatorTotal(string Code, string Name, string Unit, decimal Total);
public sealed record GroupTotals(string Name, IReadOnlyDictionary<string, decimal> Values, decimal? DensityPer100);
public sealed record IndicatorReport(
    string Template, string Period, DateTimeOffset? AsOf, int AcceptedReports, IReadOnlyList<IndicatorTotal> Totals,
    IReadOnlyList<GroupTotals> ByDistrict, IReadOnlyList<GroupTotals> ByOperator, long Population, decimal? DensityPer100, decimal DensityTarget, bool TargetMet,
    string? PopulationBasis = null, string Units = "entered");

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
        long? provinceInhabitants = null, string? populationBasis = null)
    {
        var accepted = submissions
            .Where(s => s.AcceptedVersion is not null)
            .Select(s => (Submission: s, Values: s.Versions.Single(v => v.Number == s.AcceptedVersion).Values))
            .ToList();
        var totals = template.Indicators.Select(i => new IndicatorTotal(i.Code, i.Name, i.Unit.ToString(),
            i.Unit == IndicatorUnit.Percent ? Average(accepted.Select(a => a.Values.GetValueOrDefault(i.Code))) : accepted.Sum(a => a.Values.GetValueOrDefault(i.Code)))).ToList();

        GroupTotals Group(string name, IEnumerable<IReadOnlyDictionary<string, decimal>> values, long? inhabitants)
        {
            var list = values.ToList();
            var sums = template.Indicators.ToDictionary(i => i.Code, i => list.Sum(v => v.GetValueOrDefault(i.Code)));
            return new GroupTotals(name, sums, inhabitants is > 0 && template.Find("mobile-subscribers") is not null ? Density(sums, inhabitants.Value) : null);
        }
        var byDistrict = accepted.GroupBy(a => whereAndWho(a.Submission.EnterpriseId).District)
            .Select(g => Group(g.Key, g.Select(a => a.Values), population.GetValueOrDefault(g.Key))).OrderBy(g => g.Name).ToList();
        // The province's own population when known (PopulationFigures.Year); else the districts' sum.
        var inhabitants = provinceInhabitants ?? population.Values.Sum();
        // An operator's telephones per 100 inhabitants of the province: its share of the province's density.
        var byOperator = accepted.GroupBy(a => whereAndWho(a.Submission.EnterpriseId).Operator)
            .Select(g => Group(g.Key, g.Select(a => a.Values), inhabitants)).OrderBy(g => g.Name).ToList();
        var density = template.Find("mobile-subscribers") is null || inhabitants == 0 ? (decimal?)null
            : Density(totals.ToDictionary(t => t.Code, t => t.Total), inhabitants);
        return new IndicatorReport(template.Code, period, asOf, accepted.Count, totals, byDistrict, byOperator, inhabitants, density, target, density >= target,
            populationBasis);
    }

    /// <summary>Telephones (mobile + fixed subscribers) per 100 inhabitants, to two decimals.</summary>
    public static decimal Density(IReadOnlyDictionary<string, decimal> values, long inhabitants) =>
        decimal.Round(Telephones.Sum(c => values.GetValueOrDefault(c)) * 100m / inhabitants, 2);

    private static decimal Average(IEnumerable<decimal> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : decimal.Round(list.Average(), 2);
    }
}
