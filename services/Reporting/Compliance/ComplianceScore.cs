using Platform.Reporting.Submissions;

namespace Platform.Reporting.Compliance;

/// <summary>One enterprise's reporting record for a year, against its cooperation agreement.</summary>
/// <param name="AgreementId">The in-force agreement of that year binding the enterprise, if any.</param>
/// <param name="CommitsToReporting">Whether that agreement holds a reporting commitment (null: not known, or no agreement).</param>
/// <param name="Expected">Reports due in the year up to today.</param>
/// <param name="OnTime">Of those, first submitted by the due date.</param>
/// <param name="Late">First submitted after the due date.</param>
/// <param name="Missing">Not submitted at all yet.</param>
/// <param name="Score">The on-time rate in percent (0–100, one decimal): the compliance score.</param>
public sealed record EnterpriseCompliance(Guid EnterpriseId, string Enterprise, Guid? AgreementId, bool? CommitsToReporting,
    int Expected, int OnTime, int Late, int Missing, decimal Score);

/// <summary>
/// The compliance score the cooperation agreements' reporting commitments are judged by: the share of
/// reports due in the year that came on time. Pure; the endpoint passes what it loaded.
/// </summary>
public static class ComplianceScore
{
    public static IReadOnlyList<EnterpriseCompliance> For(int year, DateOnly today, IReadOnlyList<Submission> submissions,
        IReadOnlyList<CooperationAgreementCopy> agreements, Func<Guid, string> nameOf)
    {
        var due = submissions.Where(s => s.DueOn.Year == year && s.DueOn <= today).ToList();
        var bound = agreements.Where(a => a.Year == year).OrderBy(a => a.InForceFrom)
            .SelectMany(a => a.EnterpriseIds.Select(id => (id, a))).GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.Last().a);
        return due.Select(s => s.EnterpriseId).Concat(bound.Keys).Distinct()
            .Select(id =>
            {
                var mine = due.Where(s => s.EnterpriseId == id).ToList();
                var onTime = mine.Count(s => s.Versions.Count > 0 && !s.Versions[0].Late);
                var late = mine.Count(s => s.Versions.Count > 0 && s.Versions[0].Late);
                var agreement = bound.GetValueOrDefault(id);
                return new EnterpriseCompliance(id, nameOf(id), agreement?.Id, agreement?.CommitsToReporting, mine.Count, onTime, late,
                    mine.Count - onTime - late, ReportingRates.Rate(onTime, mine.Count));
            })
            .OrderBy(c => c.Score).ThenBy(c => c.Enterprise, StringComparer.Ordinal)
            .ToList();
    }
}
