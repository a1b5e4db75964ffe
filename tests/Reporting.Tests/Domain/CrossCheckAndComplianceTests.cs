using System.Text;
using Platform.Contracts.Infrastructure;
using Platform.Reporting.Compliance;
using Platform.Reporting.CrossChecks;
using Platform.BuildingBlocks.Exports;
using Platform.Reporting.Submissions;
using Xunit;

namespace Reporting.Tests.Domain;

public class CrossCheckAndComplianceTests
{
    private static readonly Guid Viettel = Guid.NewGuid(), Vinaphone = Guid.NewGuid();

    private static OperatorSite Tower(Guid owner, string kind = "greenfield-tower", params (string Status, string On)[] changes)
    {
        var id = Guid.NewGuid();
        var site = OperatorSite.Apply(null, new SiteRegisteredV1(Guid.NewGuid(), id, 1, new DateTimeOffset(2025, 1, 5, 2, 0, 0, TimeSpan.Zero), owner, kind, "Thành phố Lào Cai", "Phường Cốc Lếu", "in-plan", 2))!;
        var version = 1;
        foreach (var (status, on) in changes)
            site = OperatorSite.Apply(site, new SiteStatusChangedV1(Guid.NewGuid(), id, ++version, DateTimeOffset.UtcNow, owner, kind, status, DateOnly.Parse(on), null))!;
        return site;
    }

    [Fact]
    public void A_site_is_operational_from_the_day_its_operation_took_effect_until_it_is_decommissioned()
    {
        var site = Tower(Viettel, changes: [("permit-requested", "2025-02-01"), ("approved", "2025-03-01"), ("operational", "2025-04-15"), ("decommissioned", "2026-06-30")]);
        Assert.Equal("planned", site.StatusOn(new DateOnly(2025, 1, 31)));
        Assert.False(site.OperationalOn(new DateOnly(2025, 4, 14)));
        Assert.True(site.OperationalOn(new DateOnly(2025, 4, 15)));
        Assert.True(site.OperationalOn(new DateOnly(2026, 6, 29)));
        Assert.False(site.OperationalOn(new DateOnly(2026, 6, 30)));
        Assert.Null(site.StatusOn(new DateOnly(2024, 12, 31))); // not yet in the register
    }

    [Fact]
    public void A_redelivered_site_event_changes_nothing()
    {
        var site = Tower(Viettel);
        var again = new SiteRegisteredV1(Guid.NewGuid(), site.Id, 1, DateTimeOffset.UtcNow, Viettel, "greenfield-tower", "x", "y", "in-plan", 2);
        Assert.Null(OperatorSite.Apply(site, again));
        var operational = new SiteStatusChangedV1(Guid.NewGuid(), site.Id, 2, DateTimeOffset.UtcNow, Viettel, "greenfield-tower", "operational", new(2025, 2, 1), null);
        var once = OperatorSite.Apply(site, operational)!;
        Assert.Null(OperatorSite.Apply(once, operational));
        Assert.Equal(2, once.Transitions.Count);
    }

    [Fact]
    public void A_status_change_arriving_before_the_registration_still_counts()
    {
        var id = Guid.NewGuid();
        var early = OperatorSite.Apply(null, new SiteStatusChangedV1(Guid.NewGuid(), id, 4, DateTimeOffset.UtcNow, Viettel, "rooftop-tower", "operational", new(2025, 5, 1), null))!;
        var both = OperatorSite.Apply(early, new SiteRegisteredV1(Guid.NewGuid(), id, 1, new DateTimeOffset(2025, 1, 5, 2, 0, 0, TimeSpan.Zero), Viettel, "rooftop-tower", "x", "y", "in-plan", 1))!;
        Assert.True(both.OperationalOn(new DateOnly(2025, 6, 1))); // stream order, not arrival order
    }

    [Fact]
    public void Reported_BTS_counts_are_compared_with_the_operators_own_operational_towers_on_the_last_day()
    {
        var end = new DateOnly(2026, 10, 31);
        OperatorSite[] sites =
        [
            Tower(Viettel, changes: ("operational", "2026-01-10")),
            Tower(Viettel, "rooftop-tower", ("operational", "2026-10-31")),
            Tower(Viettel, changes: ("operational", "2026-11-01")),               // after the period
            Tower(Viettel, "electricity-pole", ("operational", "2026-01-01")),   // not a BTS site
            Tower(Viettel, changes: [("operational", "2025-01-01"), ("decommissioned", "2026-09-01")]),
            Tower(Vinaphone, changes: ("operational", "2026-01-01")),
        ];
        var result = BtsCrossCheck.Compare(end, [(Viettel, "Viettel", 5m, "accepted"), (Vinaphone, "Vinaphone", 1m, "submitted"), (Guid.NewGuid(), "S-Fone", null, "not-submitted")], sites);

        var viettel = result.Single(r => r.Enterprise == "Viettel");
        Assert.Equal((5m, 2, 3m, false), (viettel.Reported, viettel.Registered, viettel.Difference, viettel.Matches));
        Assert.True(result.Single(r => r.Enterprise == "Vinaphone").Matches);
        Assert.Null(result.Single(r => r.Enterprise == "S-Fone").Difference);
        Assert.Equal("Viettel", result[0].Enterprise); // largest difference first
    }

    private static Submission Due(Guid enterprise, string period, DateOnly dueOn, bool? late)
    {
        var id = Guid.NewGuid();
        var s = Submission.When(null, new ObligationOpened(id, enterprise, "telecom-monthly", 1, period, dueOn.AddDays(-40), dueOn.AddDays(-10), dueOn))!;
        return late is null ? s : Submission.When(s, new ReportSubmitted(id, enterprise, "telecom-monthly", period, 1, new Dictionary<string, decimal>(),
            new Certification("A", "B"), DateTimeOffset.UtcNow, late.Value, []))!;
    }

    [Fact]
    public void The_compliance_score_is_the_on_time_rate_of_reports_due_in_the_year_so_far()
    {
        var today = new DateOnly(2026, 5, 20);
        Submission[] submissions =
        [
            Due(Viettel, "2026-01", new(2026, 2, 10), late: false), Due(Viettel, "2026-02", new(2026, 3, 10), late: true),
            Due(Viettel, "2026-03", new(2026, 4, 10), late: null), Due(Viettel, "2026-04", new(2026, 5, 10), late: false),
            Due(Viettel, "2026-05", new(2026, 6, 10), late: null),   // not due yet: not counted
            Due(Viettel, "2025-12", new(2026, 1, 10), late: false),  // due in 2026: counted
            Due(Vinaphone, "2025-11", new(2025, 12, 10), late: true), // due in 2025: not counted
        ];
        var agreement = new CooperationAgreementCopy(Guid.NewGuid(), 2026, new(2026, 2, 1), new(2026, 12, 31), [Viettel, Vinaphone], true, 5);
        var scores = ComplianceScore.For(2026, today, submissions, [agreement], id => id == Viettel ? "Viettel" : "Vinaphone");

        var viettel = scores.Single(s => s.EnterpriseId == Viettel);
        Assert.Equal((5, 3, 1, 1, 60.0m, agreement.Id, (bool?)true), (viettel.Expected, viettel.OnTime, viettel.Late, viettel.Missing, viettel.Score, viettel.AgreementId, viettel.CommitsToReporting));
        var vinaphone = scores.Single(s => s.EnterpriseId == Vinaphone); // bound, but nothing due this year
        Assert.Equal((0, 0m), (vinaphone.Expected, vinaphone.Score));
        Assert.Equal(Vinaphone, scores[0].EnterpriseId); // lowest first
    }

    [Fact]
    public void The_status_matrix_has_a_cell_per_enterprise_and_period_with_Vietnamese_labels()
    {
        SubmissionRow Row(Guid e, string name, string period, string status, bool late = false, bool overdue = false) =>
            new(Guid.NewGuid(), e, name, "telecom-monthly", period, new(2026, 1, 10), status, 1, late, overdue, false, 1);
        var matrix = StatusMatrix.Build("telecom-monthly",
        [
            Row(Viettel, "Viettel", "2026-02", "accepted", late: true), Row(Viettel, "Viettel", "2026-01", "accepted"),
            Row(Vinaphone, "Vinaphone", "2026-02", "due", overdue: true),
        ]);
        Assert.Equal(["2026-01", "2026-02"], matrix.Periods);
        Assert.Equal(["Viettel", "Vinaphone"], matrix.Enterprises.Select(e => e.Name));
        Assert.Equal(("accepted", "accepted-late"), (matrix.Enterprises[0].Cells["2026-01"], matrix.Enterprises[0].Cells["2026-02"]));
        Assert.Equal(("not-due", "overdue"), (matrix.Enterprises[1].Cells["2026-01"], matrix.Enterprises[1].Cells["2026-02"]));

        var table = matrix.ToTable();
        Assert.Equal(["Doanh nghiệp", "Kỳ 2026-01", "Kỳ 2026-02"], table.Headers.Select(h => h.Vietnamese));
        Assert.Equal(["Viettel", "Đã chấp nhận", "Đã chấp nhận (nộp muộn)"], table.Rows[0]);
        Assert.Equal(["Vinaphone", "", "Quá hạn"], table.Rows[1]);
    }

    [Fact]
    public void CSV_exports_are_UTF8_with_a_BOM_quoted_text_and_invariant_numbers()
    {
        var csv = new Table("x", ["Tên \"chỉ tiêu\"", "Tổng"], [["Số thuê bao", 1234567.5m], [null, 3]]).ToCsv();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        Assert.Equal("\"Tên \"\"chỉ tiêu\"\"\",\"Tổng\"\r\n\"Số thuê bao\",1234567.5\r\n,3\r\n", Encoding.UTF8.GetString(csv[3..]));
    }
}
