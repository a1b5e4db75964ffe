namespace Platform.Reporting.CrossChecks;

/// <summary>What one operator reported for a month against what the site register shows.</summary>
/// <param name="Reported">"Số trạm BTS đang hoạt động" from the accepted version, or the latest submitted one when none is accepted yet; null when nothing was submitted.</param>
/// <param name="Basis"><c>accepted</c>, <c>submitted</c> or <c>not-submitted</c>.</param>
/// <param name="Registered">The operator's own towers operational in the register on the period's last day.</param>
public sealed record BtsComparison(Guid EnterpriseId, string Enterprise, decimal? Reported, string Basis, int Registered, decimal? Difference)
{
    public bool Matches => Difference == 0;
}

/// <summary>
/// Cross-check of reported BTS counts against the Infrastructure service's register. Differences are
/// listed for the Department to follow up, never used to reject a report. Only towers the operator
/// owns are counted: equipment on another owner's tower is not in the register as the operator's site,
/// so a small positive difference can be legitimate and is for an officer to judge.
/// </summary>
public static class BtsCrossCheck
{
    public const string Indicator = "operational-bts";

    public static IReadOnlyList<BtsComparison> Compare(DateOnly periodEnd, IEnumerable<(Guid EnterpriseId, string Name, decimal? Reported, string Basis)> reports,
        IEnumerable<OperatorSite> sites)
    {
        var operational = sites.Where(s => s.IsTower && s.OperationalOn(periodEnd)).GroupBy(s => s.OwnerId).ToDictionary(g => g.Key, g => g.Count());
        return reports
            .Select(r =>
            {
                var registered = operational.GetValueOrDefault(r.EnterpriseId);
                return new BtsComparison(r.EnterpriseId, r.Name, r.Reported, r.Basis, registered, r.Reported - registered);
            })
            .OrderByDescending(c => Math.Abs(c.Difference ?? 0)).ThenBy(c => c.Enterprise, StringComparer.Ordinal)
            .ToList();
    }
}
