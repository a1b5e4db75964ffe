using Platform.Meetings.Meetings;

namespace Platform.Meetings.Agreements;

public enum ComplianceStatus { Met, OnTrack, Behind, Missed, NotTracked }

public sealed record CommitmentCompliance(Guid CommitmentId, string Text, CommitmentCategory Category, Cadence Cadence,
    int Expected, int DueSoFar, int Actual, ComplianceStatus Status);

/// <summary>
/// Checks a commitment with a cadence against what happened: "a briefing every six months" expects two briefings
/// held in the agreement's year, one due by the end of June. Only briefing commitments are checked against the
/// meetings this service records; other categories are reported as not tracked.
/// </summary>
public static class Compliance
{
    public static readonly MeetingKind[] BriefingKinds = [MeetingKind.QuarterlyBriefing, MeetingKind.SixMonthlyBriefing];

    public static int PerYear(Cadence cadence) => cadence switch
    {
        Cadence.Monthly => 12,
        Cadence.Quarterly => 4,
        Cadence.SixMonthly => 2,
        Cadence.Yearly => 1,
        _ => 0,
    };

    public static CommitmentCompliance Check(Commitment c, int year, IEnumerable<DateOnly> briefingsHeld, DateOnly today)
    {
        var expected = PerYear(c.Cadence);
        if (c.Category != CommitmentCategory.Briefing || expected == 0)
            return new(c.Id, c.Text, c.Category, c.Cadence, expected, 0, 0, ComplianceStatus.NotTracked);
        var actual = briefingsHeld.Count(d => d.Year == year);
        var months = 12 / expected;
        // Periods whose last day is already behind us.
        var dueSoFar = Enumerable.Range(1, expected).Count(p => new DateOnly(year, p * months, 1).AddMonths(1).AddDays(-1) < today);
        var status = actual >= expected ? ComplianceStatus.Met
            : today > new DateOnly(year, 12, 31) ? ComplianceStatus.Missed
            : actual >= dueSoFar ? ComplianceStatus.OnTrack
            : ComplianceStatus.Behind;
        return new(c.Id, c.Text, c.Category, c.Cadence, expected, dueSoFar, actual, status);
    }
}
