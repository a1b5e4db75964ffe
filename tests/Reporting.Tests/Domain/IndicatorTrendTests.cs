using Platform.Reporting.Indicators;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;
using Xunit;

namespace Reporting.Tests.Domain;

public class IndicatorTrendTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly Guid Viettel = Guid.NewGuid(), Vnpt = Guid.NewGuid(), VnPost = Guid.NewGuid();

    private static (string, string) WhereAndWho(Guid id) =>
        id == Viettel ? ("Thành phố Lào Cai", "Viettel") : id == Vnpt ? ("Huyện Bát Xát", "VNPT") : ("Thành phố Lào Cai", "Bưu điện tỉnh");

    private static AcceptedFigures Telecom(Guid who, string period, decimal mobile, decimal fixedLines) =>
        new(who, "telecom-monthly", period, new Dictionary<string, decimal> { ["mobile-subscribers"] = mobile, ["fixed-subscribers"] = fixedLines, ["operational-bts"] = 10 });

    private static AcceptedFigures Postal(string period, decimal points, decimal onTime) =>
        new(VnPost, "postal-quarterly", period, new Dictionary<string, decimal> { ["postal-points"] = points, ["on-time-delivery-percent"] = onTime });

    private static YearPopulation Population(int year) => year == 2026
        ? new YearPopulation(800_000, new Dictionary<string, long> { ["Thành phố Lào Cai"] = 200_000, ["Huyện Bát Xát"] = 100_000 })
        : new YearPopulation(1_000_000, new Dictionary<string, long> { ["Thành phố Lào Cai"] = 250_000 });

    private static TrendQuery Query(string from, string to, string? by = null) =>
        IndicatorTrends.Parse(from, to, by, null, null, null, Today, 60, Templates.Catalog).Command;

    private static readonly Dictionary<string, decimal> Targets = new() { ["mobile-subscribers"] = 500_000, ["postal-points"] = 150 };

    [Fact]
    public void Each_indicator_has_a_point_per_period_of_its_template_with_its_target_and_gaps_where_nothing_was_accepted()
    {
        var accepted = new[]
        {
            Telecom(Viettel, "2026-11", 300_000, 2_000), Telecom(Vnpt, "2026-11", 100_000, 6_000), Telecom(Viettel, "2027-01", 310_000, 2_000),
            Postal("2026-Q4", 120, 96), Postal("2027-Q1", 125, 90),
            Telecom(Viettel, "2026-10", 1, 1), // outside the range: not counted
        };
        var trend = IndicatorTrends.Compute(Query("2026-11-01", "2027-01-31"), accepted, WhereAndWho, Population, Targets, 35m);

        var mobile = trend.Series.Single(s => s.Code == "mobile-subscribers");
        Assert.Equal(["2026-11", "2026-12", "2027-01"], mobile.Points.Select(p => p.Period));
        Assert.Equal([400_000m, null, 310_000m], mobile.Points.Select(p => p.Value)); // December: no accepted report, a gap rather than zero
        Assert.Equal([2, 0, 1], mobile.Points.Select(p => p.AcceptedReports));
        Assert.Equal(500_000m, mobile.Target);
        Assert.Equal("monthly", mobile.PeriodType);
        Assert.Null(trend.Series.Single(s => s.Code == "internet-subscribers").Target);

        var points = trend.Series.Single(s => s.Code == "postal-points");
        Assert.Equal(("quarterly", 150m), (points.PeriodType, points.Target));
        Assert.Equal(["2026-Q4", "2027-Q1"], points.Points.Select(p => p.Period));
        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2027, 1, 1)], points.Points.Select(p => p.Start));
        Assert.Equal([120m, 125m], points.Points.Select(p => p.Value));

        var density = trend.Series.Single(s => s.Code == IndicatorTrends.DensityCode);
        Assert.Equal(35m, density.Target);
        // (300,000 + 2,000 + 100,000 + 6,000) × 100 / 800,000 = 51; 2027 uses its own population: 312,000 × 100 / 1,000,000 = 31.2
        Assert.Equal([51m, null, 31.2m], density.Points.Select(p => p.Value));
        Assert.DoesNotContain(trend.Series, s => s.Template == "postal-quarterly" && s.Code == IndicatorTrends.DensityCode);
    }

    [Fact]
    public void By_operator_each_operator_has_its_own_values_and_its_density_per_100_inhabitants_of_the_province()
    {
        var accepted = new[] { Telecom(Viettel, "2026-11", 300_000, 2_000), Telecom(Vnpt, "2026-11", 100_000, 6_000), Telecom(Viettel, "2026-12", 330_000, 2_000) };
        var trend = IndicatorTrends.Compute(Query("2026-11", "2026-12", "operator"), accepted, WhereAndWho, Population, Targets, 35m);

        var mobile = trend.Series.Single(s => s.Code == "mobile-subscribers");
        Assert.Equal("operator", trend.By);
        Assert.Equal(["VNPT", "Viettel"], mobile.Points[0].Groups.Select(g => g.Name));
        Assert.Equal([100_000m, 300_000m], mobile.Points[0].Groups.Select(g => g.Value));
        Assert.Equal([null, 330_000m], mobile.Points[1].Groups.Select(g => g.Value)); // VNPT's December not accepted

        var density = trend.Series.Single(s => s.Code == IndicatorTrends.DensityCode);
        // VNPT: 106,000 × 100 / 800,000 = 13.25; Viettel: 302,000 × 100 / 800,000 = 37.75, then 332,000 × 100 / 800,000 = 41.5
        Assert.Equal([13.25m, 37.75m], density.Points[0].Groups.Select(g => g.Value));
        Assert.Equal([null, 41.5m], density.Points[1].Groups.Select(g => g.Value));
    }

    [Fact]
    public void By_unit_a_units_density_is_per_100_of_its_own_inhabitants_and_the_percentage_is_averaged()
    {
        var accepted = new[] { Telecom(Viettel, "2026-11", 300_000, 2_000), Telecom(Vnpt, "2026-11", 100_000, 6_000), Postal("2026-Q4", 120, 96), Postal("2026-Q4", 80, 90) };
        var trend = IndicatorTrends.Compute(Query("2026-11", "2026-11", "unit"), accepted, WhereAndWho, Population, Targets, 35m);

        var density = trend.Series.Single(s => s.Code == IndicatorTrends.DensityCode).Points.Single();
        // Thành phố Lào Cai: 302,000 × 100 / 200,000 = 151; Huyện Bát Xát: 106,000 × 100 / 100,000 = 106
        Assert.Equal([("Huyện Bát Xát", 106m), ("Thành phố Lào Cai", 151m)], density.Groups.Select(g => (g.Name, g.Value!.Value)));
        var onTime = trend.Series.Single(s => s.Code == "on-time-delivery-percent").Points.Single();
        Assert.Equal(93m, onTime.Value); // (96 + 90) / 2
        Assert.Equal(200m, trend.Series.Single(s => s.Code == "postal-points").Points.Single().Value);
    }

    [Fact]
    public void Bad_ranges_and_groupings_are_refused_with_the_field()
    {
        static string[] Fields(string? from, string? to, string? by = null, string? template = null, string? format = null) =>
            IndicatorTrends.Parse(from, to, by, template, format, null, Today, 60, Templates.Catalog).Rejection?.Errors?.Keys.Order().ToArray() ?? [];

        Assert.Equal(["from"], Fields("2026-12-01", "2026-11-30"));
        Assert.Equal(["to"], Fields("2021-11-01", "2026-11-30")); // 61 months
        Assert.Empty(Fields("2021-12-01", "2026-11-30")); // 60 months
        Assert.Equal(["by"], Fields("2026-01", "2026-06", "district"));
        Assert.Equal(["from", "to"], Fields("tháng 1", "2026-13"));
        Assert.Equal(["format", "template"], Fields("2026-01", "2026-06", template: "nope", format: "pdf"));

        var periods = IndicatorTrends.Parse("2026-Q2", "2026-Q3", "unit", null, null, null, Today, 60, Templates.Catalog).Command;
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 9, 30), TrendBy.Unit), (periods.From, periods.To, periods.By));
        var defaults = IndicatorTrends.Parse(null, null, null, null, null, null, Today, 60, Templates.Catalog).Command;
        Assert.Equal((new DateOnly(2025, 12, 1), Today, TrendBy.Province), (defaults.From, defaults.To, defaults.By)); // the last twelve months
    }

    [Fact]
    public void The_accepted_version_counts_not_a_later_one_under_review()
    {
        var id = Guid.NewGuid();
        var s = Submission.When(null, new ObligationOpened(id, Viettel, "telecom-monthly", 1, "2026-10", new(2026, 10, 1), new(2026, 10, 31), new(2026, 11, 10)))!;
        s = Submission.When(s, new ReportSubmitted(id, Viettel, "telecom-monthly", "2026-10", 1, new Dictionary<string, decimal> { ["mobile-subscribers"] = 10 },
            new Certification("A", "B"), DateTimeOffset.UtcNow, false, []))!;
        Assert.Null(AcceptedFigures.Of(s));
        s = Submission.When(s, new ReportAccepted(id, Viettel, 1, new(2026, 11, 5)))!;
        s = Submission.When(s, new ReportSubmitted(id, Viettel, "telecom-monthly", "2026-10", 2, new Dictionary<string, decimal> { ["mobile-subscribers"] = 99 },
            new Certification("A", "B"), DateTimeOffset.UtcNow, false, []))!;
        Assert.Equal(10m, AcceptedFigures.Of(s)!.Values["mobile-subscribers"]);
    }

    [Fact]
    public void The_indicators_give_each_operator_its_density_per_100_inhabitants_of_the_province()
    {
        var a = Submission.When(null, new ObligationOpened(Guid.NewGuid(), Viettel, "telecom-monthly", 1, "2026-10", new(2026, 10, 1), new(2026, 10, 31), new(2026, 11, 10)))!;
        a = Submission.When(a, new ReportSubmitted(a.Id, Viettel, "telecom-monthly", "2026-10", 1,
            new Dictionary<string, decimal> { ["mobile-subscribers"] = 300_000, ["fixed-subscribers"] = 2_000 }, new Certification("A", "B"), DateTimeOffset.UtcNow, false, []))!;
        a = Submission.When(a, new ReportAccepted(a.Id, Viettel, 1, new(2026, 11, 5)))!;
        var report = ProvincialIndicators.Compute(Templates.TelecomMonthly, "2026-10", [a], _ => ("Thành phố Lào Cai", "Viettel"),
            new Dictionary<string, long> { ["Thành phố Lào Cai"] = 200_000 }, 35m, null, provinceInhabitants: 800_000);
        Assert.Equal(37.75m, report.ByOperator.Single().DensityPer100); // 302,000 × 100 / 800,000
    }

    /// <summary>A catalog as the store holds it after a manager published telecom-monthly version 2 with a new field from 2026-12.</summary>
    private static TemplateCatalog WithPublishedVersion()
    {
        var shipped = Templates.Shipped.Single(t => t.Code == "telecom-monthly");
        var request = Templates.Files.Single(f => f.Code == "telecom-monthly").Versions[^1];
        var v2 = PublishTemplateVersion.Parse("telecom-monthly", request with
        {
            EffectiveFrom = "2026-12",
            Fields = [.. request.Fields!, new FieldRequest("subscribers-5g", "Số thuê bao 5G", "5G subscribers", "count", false, null, null)],
        }).Command;
        var events = PublishTemplateVersion.Decide(shipped, v2, [], DateTimeOffset.UnixEpoch).Events;
        var series = events.Aggregate(shipped, (state, e) => TemplateSeries.When(state, e)!);
        return new TemplateCatalog([.. Templates.Shipped.Where(t => t.Code != "telecom-monthly"), series]);
    }

    [Fact]
    public void The_trend_reads_the_templates_of_the_catalog_given_with_a_published_versions_new_field_from_its_period_on()
    {
        var catalog = WithPublishedVersion();
        var query = IndicatorTrends.Parse("2026-11", "2027-01", null, "telecom-monthly", null, null, Today, 60, catalog).Command;
        Assert.Equal(2, query.Templates.Single().Version);
        var accepted = new[]
        {
            Telecom(Viettel, "2026-11", 300_000, 2_000),
            new AcceptedFigures(Viettel, "telecom-monthly", "2027-01", new Dictionary<string, decimal> { ["mobile-subscribers"] = 310_000, ["subscribers-5g"] = 4_000 }),
        };
        var trend = IndicatorTrends.Compute(query, accepted, WhereAndWho, Population, Targets, 35m);
        // November's report was made under version 1, which had no such field: a gap, not zero; December has no report.
        Assert.Equal([null, null, 4_000m], trend.Series.Single(s => s.Code == "subscribers-5g").Points.Select(p => p.Value));
        Assert.Equal([300_000m, null, 310_000m], trend.Series.Single(s => s.Code == "mobile-subscribers").Points.Select(p => p.Value));

        // A range before the new version starts: only version 1's fields; the shipped catalog has no version 2 at all.
        Assert.DoesNotContain(IndicatorTrends.Parse("2026-10", "2026-11", null, "telecom-monthly", null, null, Today, 60, catalog).Command.Templates.Single().Indicators,
            i => i.Code == "subscribers-5g");
        Assert.DoesNotContain(IndicatorTrends.Parse("2026-11", "2027-01", null, "telecom-monthly", null, null, Today, 60, Templates.Catalog).Command.Templates.Single().Indicators,
            i => i.Code == "subscribers-5g");
        // A template only the store knows is found; one nobody published is a 400 on template.
        Assert.Equal(["template"], IndicatorTrends.Parse("2026-11", "2027-01", null, "nope", null, null, Today, 60, catalog).Rejection!.Errors!.Keys);
        Assert.Equal(["units"], IndicatorTrends.Parse("2026-11", "2027-01", "unit", null, null, "old", Today, 60, catalog).Rejection!.Errors!.Keys);
    }

    [Fact]
    public void By_current_unit_a_broken_down_figure_counts_in_its_commune_and_the_density_is_per_100_of_that_communes_inhabitants()
    {
        var query = IndicatorTrends.Parse("2026", "2026", "unit", "telecom-annual", null, "current", Today, 60, Templates.Catalog).Command;
        Assert.True(query.Current);
        var breakdown = new Dictionary<string, IReadOnlyDictionary<string, decimal>> { ["mobile-subscribers"] = new Dictionary<string, decimal> { ["02683"] = 60_000, ["02752"] = 40_000 } };
        var accepted = new[]
        {
            new AcceptedFigures(Viettel, "telecom-annual", "2026", new Dictionary<string, decimal> { ["mobile-subscribers"] = 100_000, ["fixed-subscribers"] = 2_000 }, breakdown),
            new AcceptedFigures(Vnpt, "telecom-annual", "2026", new Dictionary<string, decimal> { ["mobile-subscribers"] = 9_000, ["fixed-subscribers"] = 1_000 }),
        };
        var communes = new Dictionary<string, string> { ["02683"] = "Xã Bát Xát", ["02752"] = "Xã Pha Long" };
        var people = new YearPopulation(800_000, new Dictionary<string, long> { ["Xã Bát Xát"] = 20_000, ["Xã Pha Long"] = 10_000, ["Phường Lào Cai"] = 50_000 });
        var trend = IndicatorTrends.Compute(query, accepted, id => id == Viettel ? ("Phường Lào Cai", "Viettel") : ("Xã Bát Xát", "VNPT"), _ => people, Targets, 35m,
            code => communes[code]);

        Assert.Equal("current", trend.Units);
        var mobile = trend.Series.Single(s => s.Code == "mobile-subscribers").Points.Single();
        Assert.Equal(109_000m, mobile.Value);
        // Viettel's mobile subscribers are all broken down: none left at its head office's commune.
        Assert.Equal([("Phường Lào Cai", (decimal?)null), ("Xã Bát Xát", 69_000m), ("Xã Pha Long", 40_000m)], mobile.Groups.Select(g => (g.Name, g.Value)));
        var density = trend.Series.Single(s => s.Code == IndicatorTrends.DensityCode).Points.Single();
        // Phường Lào Cai: Viettel's 2,000 fixed lines (its mobile all broken down) × 100 / 50,000 = 4; Xã Bát Xát: (60,000 + 9,000 + 1,000) × 100 / 20,000
        // = 350; Xã Pha Long: 40,000 × 100 / 10,000 = 400.
        Assert.Equal([("Phường Lào Cai", 4m), ("Xã Bát Xát", 350m), ("Xã Pha Long", 400m)], density.Groups.Select(g => (g.Name, g.Value!.Value)));
    }
}
