using Platform.BuildingBlocks.Domain;
using Platform.Geography;
using Platform.Reporting.Indicators;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;
using Xunit;

namespace Reporting.Tests.Domain;

/// <summary>Templates as data: parsing a version, the rules between versions, which version applies, and the values'
/// rules (ranges, sums, the unit breakdown), without a database.</summary>
public class TemplateVersionTests
{
    private static readonly ProvinceGeography LaoCai = new(Country.Vietnam, ProvinceGeography.LaoCai);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    public static TemplateVersionRequest Version(string effectiveFrom = "2026-01", string periodType = "monthly", List<FieldRequest>? fields = null,
        List<RuleRequest>? rules = null, BreakdownRequest? breakdown = null, string[]? kinds = null) =>
        new("Báo cáo thử", "Test report", periodType, kinds ?? ["public-internet-agent"], effectiveFrom, null, "Thông tư 04/2022/TT-BTTTT (thử)",
            fields ?? [new("users", "Số người dùng", "Users", "count", null, null, null), new("revenue-vnd", "Doanh thu", "Revenue", "vnd", null, null, null)],
            rules, breakdown);

    private static NewTemplateVersion Parsed(TemplateVersionRequest request, string code = "test-report")
    {
        var parsed = PublishTemplateVersion.Parse(code, request);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Rejection?.Errors?.Select(e => $"{e.Key}: {string.Join(",", e.Value)}") ?? []));
        return parsed.Command;
    }

    private static TemplateSeries Apply(TemplateSeries? series, Decision decision)
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Detail);
        return decision.Events.Aggregate(series, (s, e) => TemplateSeries.When(s, e)! with { Version = (s?.Version ?? 0) + 1 })!;
    }

    [Fact]
    public void A_version_with_an_unknown_field_type_bad_rules_or_a_wrong_period_is_refused_field_by_field()
    {
        var request = Version(effectiveFrom: "2026-Q1",
            fields: [new("users", "Số người dùng", null, "euro", null, null, null), new("share", "Tỷ lệ", null, "percent", null, 10, 120), new("users", "Trùng", null, "count", null, null, null)],
            rules: [new("at-most", "users", "nothing", null, null, "x"), new("sum", null, null, "users", ["users"], "y"), new("average", null, null, null, null, "z")],
            breakdown: new(["share"], true), kinds: ["bakery"]);
        var errors = PublishTemplateVersion.Parse("Test Report", request).Rejection!.Errors!;
        Assert.Equivalent(new[] { "code", "enterpriseKinds", "effectiveFrom", "fields[0].type", "fields[1].max", "fields[2].code", "rules[0].greater", "rules[1].parts",
            "rules[2].kind", "breakdown.fields" }, errors.Keys, strict: true);
        Assert.Contains("count, percent, vnd, kilometre, number", errors["fields[0].type"][0]);
        Assert.True(PublishTemplateVersion.Parse("test-report", Version()).IsValid);
    }

    [Fact]
    public void Versions_follow_each_other_keep_their_period_type_and_never_start_where_reports_exist()
    {
        var v1 = PublishTemplateVersion.Decide(null, Parsed(Version("2026-01")), [], Now);
        Assert.Equal(TemplateSeries.IdFor("test-report"), Assert.Single(v1.NewStreams.Keys));
        var series = Apply(null, v1);
        Assert.Equal((1, "2026-01"), (series.Latest.Version, series.Latest.EffectiveFrom));

        Assert.Equal("overlapping-effective-period", PublishTemplateVersion.Decide(series, Parsed(Version("2026-01")), [], Now).Rejection!.Code);
        Assert.Equal("overlapping-effective-period", PublishTemplateVersion.Decide(series, Parsed(Version("2025-12")), [], Now).Rejection!.Code);
        var quarterly = PublishTemplateVersion.Decide(series, Parsed(Version("2027-Q1", "quarterly")), [], Now).Rejection!;
        Assert.Equal((RejectionKind.Unprocessable, "period-type-fixed"), (quarterly.Kind, quarterly.Code));
        var started = PublishTemplateVersion.Decide(series, Parsed(Version("2026-06")), ["2026-07", "2026-06"], Now).Rejection!;
        Assert.Equal((RejectionKind.Conflict, "period-has-submissions"), (started.Kind, started.Code));
        Assert.Contains("2026-06, 2026-07", started.Detail);

        series = Apply(series, PublishTemplateVersion.Decide(series, Parsed(Version("2026-06")), [], Now));
        Assert.Equal([1, 2], series.Versions.Select(v => v.Version));
        Assert.Equal(Now, series.Latest.PublishedAt);
    }

    [Theory]
    [InlineData("2025-12", null)]
    [InlineData("2026-01", 1)]
    [InlineData("2026-05", 1)]
    [InlineData("2026-06", 2)]
    [InlineData("2030-01", 2)]
    public void The_version_effective_for_a_period_is_the_last_one_started_by_then(string period, int? expected)
    {
        var series = Apply(null, PublishTemplateVersion.Decide(null, Parsed(Version("2026-01")), [], Now));
        series = Apply(series, PublishTemplateVersion.Decide(series, Parsed(Version("2026-06")), [], Now));
        Assert.True(ReportingPeriod.TryParse(period, out var p));
        Assert.Equal(expected, series.EffectiveFor(p)?.Version);
    }

    [Fact]
    public void An_untouched_obligation_takes_the_version_now_effective_and_a_report_keeps_the_one_it_was_made_under()
    {
        var series = Apply(null, PublishTemplateVersion.Decide(null, Parsed(Version("2026-01")), [], Now));
        var opened = Submission.When(null, new ObligationOpened(Guid.NewGuid(), Guid.NewGuid(), "test-report", 1, "2026-07", new(2026, 7, 1), new(2026, 7, 31), new(2026, 8, 10)))!;
        var drafted = Submission.When(opened, SaveDraft.Decide(opened, series.Latest, new SaveDraftValues(new Dictionary<string, decimal?> { ["users"] = 5 }), new(2026, 8, 1), 30).Events.Single())!;
        Assert.Equal(1, drafted.TemplateVersion);

        var withUnits = Parsed(Version("2026-07", fields: [new("users", "Số người dùng", null, "count", null, null, null), new("towers", "Số trạm", null, "count", null, null, null)]));
        series = Apply(series, PublishTemplateVersion.Decide(series, withUnits, [], Now));
        Assert.Equal(2, SubmissionQueries.TemplateOf(opened, series).Version); // nothing entered yet: the new version applies
        Assert.Equal(1, SubmissionQueries.TemplateOf(drafted, series).Version); // drafted under version 1: it stays there
        Assert.Equal(["users", "revenue-vnd"], SubmissionQueries.TemplateOf(drafted, series).Indicators.Select(i => i.Code));
    }

    [Fact]
    public void Values_follow_the_versions_ranges_optional_fields_and_sum_rules()
    {
        var it = Templates.Shipped.Single(t => t.Code == "it-annual").Latest;
        var values = new Dictionary<string, decimal?>
        {
            ["revenue-vnd"] = 1_000, ["revenue-hardware-vnd"] = 100, ["revenue-software-vnd"] = 600, ["revenue-digital-content-vnd"] = 100,
            ["revenue-it-services-vnd"] = 200, ["exports-vnd"] = 300, ["employees"] = 12,
        };
        Assert.False(ReportValues.Validate(it, values, null, 30, requireAll: true).Errors.Any);
        values["revenue-software-vnd"] = 599;
        var errors = ReportValues.Validate(it, values, null, 30, requireAll: true).Errors.ToRejection().Errors!;
        Assert.Equal(["revenue-vnd"], errors.Keys);
        Assert.Contains("999 ≠ 1000", errors["revenue-vnd"][0]);

        var ranged = Parsed(Version(fields: [new("users", "Số người dùng", null, "count", null, 10, 20), new("note-km", "Cáp", null, "kilometre", false, null, null)])).Template;
        Assert.Equal(["users"], ReportValues.Validate(ranged, new Dictionary<string, decimal?> { ["users"] = 21 }, null, 30, true).Errors.ToRejection().Errors!.Keys);
        Assert.Equal(["users"], ReportValues.Validate(ranged, new Dictionary<string, decimal?> { ["users"] = 9 }, null, 30, true).Errors.ToRejection().Errors!.Keys);
        Assert.False(ReportValues.Validate(ranged, new Dictionary<string, decimal?> { ["users"] = 15 }, null, 30, true).Errors.Any); // note-km is optional
        Assert.False(ReportValues.Validate(ranged, new Dictionary<string, decimal?> { ["users"] = 15, ["note-km"] = 12.5m }, null, 30, true).Errors.Any); // km may be fractional
    }

    [Fact]
    public void A_breakdown_names_the_provinces_current_units_and_adds_up_to_the_total()
    {
        var telecom = Templates.Shipped.Single(t => t.Code == "telecom-annual").Latest;
        var values = TelecomAnnual();
        Dictionary<string, Dictionary<string, decimal?>> Breakdown(params (string Field, string Unit, decimal Value)[] cells) =>
            cells.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Unit, c => (decimal?)c.Value));
        IEnumerable<string> Errors(Dictionary<string, Dictionary<string, decimal?>> breakdown, ReportTemplate? template = null) =>
            ReportValues.Validate(template ?? telecom, values, null, 30, true, breakdown, LaoCai.IsCurrentCommune).Errors is { Any: true } e ? e.ToRejection().Errors!.Keys : [];

        var good = ReportValues.Validate(telecom, values, null, 30, true, Breakdown(("mobile-subscribers", "02683", 60_000), ("mobile-subscribers", "02752", 40_000)), LaoCai.IsCurrentCommune);
        Assert.False(good.Errors.Any);
        Assert.Equal(new Dictionary<string, decimal> { ["02683"] = 60_000, ["02752"] = 40_000 }, good.Breakdown!["mobile-subscribers"]);

        Assert.Equal(["breakdown.mobile-subscribers"], Errors(Breakdown(("mobile-subscribers", "02683", 60_000), ("mobile-subscribers", "02752", 39_999))));
        Assert.Equal(["breakdown.mobile-subscribers.00001"], Errors(Breakdown(("mobile-subscribers", "02683", 60_000), ("mobile-subscribers", "00001", 40_000)))); // a Hà Nội ward
        Assert.Equal(["breakdown.employees"], Errors(Breakdown(("employees", "02683", 45))));
        Assert.Equal(["breakdown.mobile-subscribers.02683"], Errors(Breakdown(("mobile-subscribers", "02683", -1), ("mobile-subscribers", "02752", 100_001))));
        Assert.Equal(["breakdown"], ReportValues.Validate(Templates.TelecomMonthly, ReportingDomainTests.ValidValues(), null, 30, true,
            Breakdown(("mobile-subscribers", "02683", 100_000)), LaoCai.IsCurrentCommune).Errors.ToRejection().Errors!.Keys); // the monthly version asks for none

        var required = telecom with { Breakdown = telecom.Breakdown! with { Required = true } };
        Assert.Equal(["breakdown.mobile-subscribers", "breakdown.fixed-subscribers", "breakdown.internet-subscribers", "breakdown.bts-stations"], Errors([], required));
    }

    [Fact]
    public void District_and_commune_indicators_place_broken_down_figures_in_their_units_and_the_rest_at_the_head_office()
    {
        var telecom = Templates.Shipped.Single(t => t.Code == "telecom-annual").Latest;
        var opened = Submission.When(null, new ObligationOpened(Guid.NewGuid(), Guid.NewGuid(), telecom.Code, 1, "2026", new(2026, 1, 1), new(2026, 12, 31), new(2027, 3, 15)))!;
        var breakdown = new Dictionary<string, Dictionary<string, decimal?>> { ["mobile-subscribers"] = new() { ["02683"] = 60_000, ["02752"] = 40_000 } };
        var submitted = SubmitReport.Decide(opened, telecom, new SubmitReportValues(TelecomAnnual(), new Certification("x", "y"), breakdown), null, 30, new(2027, 1, 5), Now, 30,
            LaoCai.IsCurrentCommune);
        var s = submitted.Events.Aggregate(opened, (x, e) => Submission.When(x, e)!);
        s = ReviewReport.Accept(s, new(2027, 1, 6)).Events.Aggregate(s, (x, e) => Submission.When(x, e)!);

        var report = ProvincialIndicators.Compute(telecom, "2026", [s], _ => ("Thành phố Lào Cai", "Viettel"), new Dictionary<string, long>(), 35m, null,
            headOfficeCommune: _ => "Phường Lào Cai", unitOf: LaoCai.DistrictAndCommune);
        var byDistrict = report.ByDistrict.ToDictionary(g => g.Name);
        Assert.Equal(["Huyện Bát Xát", "Huyện Mường Khương", "Thành phố Lào Cai"], byDistrict.Keys.Order());
        Assert.Equal(60_000, byDistrict["Huyện Bát Xát"].Values["mobile-subscribers"]);
        Assert.Equal(40_000, byDistrict["Huyện Mường Khương"].Values["mobile-subscribers"]);
        Assert.Equal(0, byDistrict["Thành phố Lào Cai"].Values["mobile-subscribers"]); // all of it broken down
        Assert.Equal(5_000, byDistrict["Thành phố Lào Cai"].Values["fixed-subscribers"]); // not broken down: the head office's
        var byCommune = report.ByCommune!.ToDictionary(g => g.Name);
        Assert.Equal(60_000, byCommune["Xã Bát Xát"].Values["mobile-subscribers"]);
        Assert.Equal(40_000, byCommune["Xã Pha Long"].Values["mobile-subscribers"]);
        Assert.Equal(5_000, byCommune["Phường Lào Cai"].Values["fixed-subscribers"]);
        Assert.Equal(100_000, report.Totals.Single(t => t.Code == "mobile-subscribers").Total);
    }

    [Fact]
    public void The_shipped_templates_state_their_source_and_the_annual_ones_ask_for_the_named_figures()
    {
        Assert.Equal(["it-annual", "postal-annual", "postal-quarterly", "telecom-annual", "telecom-monthly"], Templates.Shipped.Select(t => t.Code).Order());
        Assert.All(Templates.Shipped.SelectMany(t => t.Versions), v => Assert.False(string.IsNullOrWhiteSpace(v.Source)));
        Assert.All(Templates.Shipped.SelectMany(t => t.Versions).SelectMany(v => v.Indicators), i => Assert.False(string.IsNullOrWhiteSpace(i.NameEn)));
        string[] Fields(string code) => Templates.Shipped.Single(t => t.Code == code).Latest.Indicators.Select(i => i.Code).ToArray();
        Assert.Superset(new HashSet<string> { "revenue-vnd", "mobile-subscribers", "fixed-subscribers", "internet-subscribers", "bts-stations", "fibre-km", "investment-vnd", "employees", "tax-paid-vnd" },
            Fields("telecom-annual").ToHashSet());
        Assert.Superset(new HashSet<string> { "service-points", "items-handled", "revenue-vnd", "employees" }, Fields("postal-annual").ToHashSet());
        Assert.Superset(new HashSet<string> { "revenue-hardware-vnd", "revenue-software-vnd", "revenue-digital-content-vnd", "revenue-it-services-vnd", "exports-vnd", "employees" },
            Fields("it-annual").ToHashSet());
        var year = ReportingPeriod.Containing(PeriodType.Annual, new(2026, 5, 1));
        Assert.Equal(new DateOnly(2027, 3, 15), Templates.Shipped.Single(t => t.Code == "telecom-annual").Latest.DueOn(year, new DueDateRules()));
        Assert.Equal(new DateOnly(2027, 3, 31), Templates.Shipped.Single(t => t.Code == "it-annual").Latest.DueOn(year, new DueDateRules()));
    }

    public static Dictionary<string, decimal?> TelecomAnnual() => new()
    {
        ["revenue-vnd"] = 120_000_000_000, ["mobile-subscribers"] = 100_000, ["mobile-broadband-subscribers"] = 70_000, ["fixed-subscribers"] = 5_000,
        ["internet-subscribers"] = 30_000, ["bts-stations"] = 400, ["stations-5g"] = 20, ["fibre-km"] = 1_250.5m, ["investment-vnd"] = 15_000_000_000,
        ["employees"] = 180, ["tax-paid-vnd"] = 4_000_000_000,
    };
}
