using Platform.Meetings.Meetings;

namespace Platform.Meetings.Agreements;

public enum ComplianceStatus { Met, OnTrack, Behind, Missed, NotTracked }

/// <summary>What a commitment is measured by: <c>briefings-held</c>, <c>reports-on-time</c>, <c>sharing-answers-in-time</c>,
/// or <c>not-tracked</c> (no data for it: service quality, other commitments, the Department's own side).</summary>
public enum ComplianceMeasure { BriefingsHeld, ReportsOnTime, SharingAnswersInTime, NotTracked }

/// <param name="Expected">Briefings: held per year by the cadence. Reports and sharing answers: those due in the agreement's year, as known so far.</param>
/// <param name="DueSoFar">Briefings: cadence periods already ended. Reports and sharing answers: those due in a cadence period already
/// ended (no cadence: whose due date has passed).</param>
/// <param name="Actual">Briefings: held in the year. Reports and sharing answers: of <paramref name="DueSoFar"/>, those done by their due date.</param>
/// <param name="OnTimePercent">Reports and sharing answers: <paramref name="Actual"/> as a share of <paramref name="DueSoFar"/>, in percent
/// (one decimal); null when nothing is due yet, and for briefings.</param>
public sealed record CommitmentCompliance(Guid CommitmentId, string Text, CommitmentCategory Category, Cadence Cadence,
    int Expected, int DueSoFar, int Actual, ComplianceStatus Status, ComplianceMeasure Measure = ComplianceMeasure.NotTracked, decimal? OnTimePercent = null);

/// <summary>Something the agreement's enterprises had to do by a date (a report, an answer to a sharing request), and whether they did it by then.</summary>
public sealed record DueItem(DateOnly DueOn, bool DoneInTime);

/// <summary>What the commitments are checked against, for the agreement's year and its enterprise parties.</summary>
/// <param name="BriefingsHeld">Dates of briefings held (this service's meetings).</param>
/// <param name="Reports">The parties' mandatory reports (Reporting's obligations and first submissions).</param>
/// <param name="SharingAnswers">Sharing requests to sites the parties own (Infrastructure's requests and owners' answers).</param>
public sealed record ComplianceData(IReadOnlyList<DateOnly> BriefingsHeld, IReadOnlyList<DueItem> Reports, IReadOnlyList<DueItem> SharingAnswers)
{
    public static readonly ComplianceData None = new([], [], []);
}

/// <summary>
/// Checks a commitment with a cadence against what happened in the agreement's year. Pure.
/// <list type="bullet">
/// <item>Briefing: "a briefing every six months" expects two briefings held in the year, one due by the end of June.</item>
/// <item>Reporting (binding enterprises): the parties' reports whose due date is in the year; one is on time when first submitted by its
/// due date (Reporting's own "late" flag). Checked per cadence period: a report counts once the period holding its due date has ended
/// (no cadence: once its due date has passed).</item>
/// <item>Infrastructure sharing (binding enterprises): requests to the parties' sites whose answer deadline (Infrastructure's, fixed when
/// the request was submitted: 30 days by default) is in the year; in time when the owner answered (offer or refusal) by it. Same periods.</item>
/// </list>
/// Reports and answers: Met when the year is over and every one was in time; Missed when the year is over and one was not; during the year
/// OnTrack while every one counted so far was in time, Behind otherwise. Not tracked: service quality, other commitments, commitments of
/// the Department alone (no data on them), and briefings without a cadence.
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

    /// <summary>The briefing rule alone (the other categories are not tracked without their data).</summary>
    public static CommitmentCompliance Check(Commitment c, int year, IEnumerable<DateOnly> briefingsHeld, DateOnly today) =>
        Check(c, year, ComplianceData.None with { BriefingsHeld = briefingsHeld.ToList() }, today);

    public static CommitmentCompliance Check(Commitment c, int year, ComplianceData data, DateOnly today)
    {
        var bindsEnterprises = c.Party is CommitmentParty.Enterprises or CommitmentParty.Both;
        return c.Category switch
        {
            CommitmentCategory.Briefing when PerYear(c.Cadence) > 0 => Briefings(c, year, data.BriefingsHeld, today),
            CommitmentCategory.Reporting when bindsEnterprises => InTime(c, year, data.Reports, today, ComplianceMeasure.ReportsOnTime),
            CommitmentCategory.InfrastructureSharing when bindsEnterprises => InTime(c, year, data.SharingAnswers, today, ComplianceMeasure.SharingAnswersInTime),
            _ => new(c.Id, c.Text, c.Category, c.Cadence, PerYear(c.Cadence), 0, 0, ComplianceStatus.NotTracked),
        };
    }

    private static CommitmentCompliance Briefings(Commitment c, int year, IEnumerable<DateOnly> held, DateOnly today)
    {
        var expected = PerYear(c.Cadence);
        var actual = held.Count(d => d.Year == year);
        // Periods whose last day is already behind us.
        var dueSoFar = Enumerable.Range(1, expected).Count(p => PeriodEnd(year, p, expected) < today);
        var status = actual >= expected ? ComplianceStatus.Met
            : today > new DateOnly(year, 12, 31) ? ComplianceStatus.Missed
            : actual >= dueSoFar ? ComplianceStatus.OnTrack
            : ComplianceStatus.Behind;
        return new(c.Id, c.Text, c.Category, c.Cadence, expected, dueSoFar, actual, status, ComplianceMeasure.BriefingsHeld);
    }

    private static CommitmentCompliance InTime(Commitment c, int year, IReadOnlyList<DueItem> items, DateOnly today, ComplianceMeasure measure)
    {
        var ofYear = items.Where(i => i.DueOn.Year == year).ToList();
        var counted = ofYear.Where(i => Counts(i.DueOn, c.Cadence, today)).ToList();
        var inTime = counted.Count(i => i.DoneInTime);
        var status = today > new DateOnly(year, 12, 31)
            ? inTime == ofYear.Count ? ComplianceStatus.Met : ComplianceStatus.Missed
            : inTime == counted.Count ? ComplianceStatus.OnTrack : ComplianceStatus.Behind;
        decimal? percent = counted.Count == 0 ? null : Math.Round(100m * inTime / counted.Count, 1);
        return new(c.Id, c.Text, c.Category, c.Cadence, ofYear.Count, counted.Count, inTime, status, measure, percent);
    }

    /// <summary>Is a due date already judged: the cadence period holding it has ended (no cadence: the date has passed)?</summary>
    private static bool Counts(DateOnly dueOn, Cadence cadence, DateOnly today)
    {
        var perYear = PerYear(cadence);
        if (perYear == 0) return dueOn < today;
        var period = (dueOn.Month - 1) / (12 / perYear) + 1;
        return PeriodEnd(dueOn.Year, period, perYear) < today;
    }

    private static DateOnly PeriodEnd(int year, int period, int perYear) => new DateOnly(year, period * (12 / perYear), 1).AddMonths(1).AddDays(-1);
}
