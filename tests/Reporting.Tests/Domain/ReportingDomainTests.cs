using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Reporting.Indicators;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;
using Xunit;

namespace Reporting.Tests.Domain;

public class ReportingDomainTests
{
    private static readonly ReportTemplate Telecom = Templates.TelecomMonthly;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, decimal?> ValidValues(decimal mobile = 100_000) => new()
    {
        ["mobile-subscribers"] = mobile, ["prepaid-subscribers"] = mobile * 0.9m, ["prepaid-registered"] = mobile * 0.8m, ["fixed-subscribers"] = 5_000,
        ["internet-subscribers"] = 30_000, ["operational-bts"] = 120, ["revenue-vnd"] = 9_500_000_000,
    };

    private static Submission Opened(DateOnly? due = null) => Submission.When(null,
        new ObligationOpened(Guid.NewGuid(), Guid.NewGuid(), Telecom.Code, 1, "2026-10", new(2026, 10, 1), new(2026, 10, 31), due ?? new(2026, 11, 10)))!;

    private static Submission Apply(Submission s, Decision d)
    {
        Assert.True(d.IsAccepted, d.Rejection?.Detail + string.Join(";", d.Rejection?.Errors?.Keys ?? []));
        return d.Events.Aggregate(s, (x, e) => Submission.When(x, e)!);
    }

    [Theory]
    [InlineData("2026-10", PeriodType.Monthly, "2026-10-01", "2026-10-31")]
    [InlineData("2026-02", PeriodType.Monthly, "2026-02-01", "2026-02-28")]
    [InlineData("2026-Q4", PeriodType.Quarterly, "2026-10-01", "2026-12-31")]
    [InlineData("2025", PeriodType.Annual, "2025-01-01", "2025-12-31")]
    public void Periods_parse_with_their_first_and_last_day(string key, PeriodType type, string start, string end)
    {
        Assert.True(ReportingPeriod.TryParse(key, out var p));
        Assert.Equal((type, DateOnly.Parse(start), DateOnly.Parse(end), key), (p.Type, p.Start, p.End, p.Key));
        Assert.False(ReportingPeriod.TryParse("2026-13", out _));
        Assert.False(ReportingPeriod.TryParse("2026-Q5", out _));
        foreach (var outOfRange in new[] { "9999-12", "0000-Q1", "1990", "2200-01", "+202-01", "-001", "" })
            Assert.False(ReportingPeriod.TryParse(outOfRange, out _), outOfRange);
    }

    [Fact]
    public void Due_dates_follow_the_configured_rules()
    {
        var rules = new DueDateRules();
        Assert.Equal(new DateOnly(2026, 11, 10), rules.DueOn(ReportingPeriod.Containing(PeriodType.Monthly, new(2026, 10, 5))));
        Assert.Equal(new DateOnly(2027, 1, 10), rules.DueOn(ReportingPeriod.Containing(PeriodType.Monthly, new(2026, 12, 5))));
        Assert.Equal(new DateOnly(2027, 1, 15), rules.DueOn(ReportingPeriod.Containing(PeriodType.Quarterly, new(2026, 11, 5))));
        Assert.Equal(new DateOnly(2027, 1, 31), rules.DueOn(ReportingPeriod.Containing(PeriodType.Annual, new(2026, 3, 5))));
        Assert.Equal(new DateOnly(2026, 11, 5), new DueDateRules { MonthlyDueDay = 5 }.DueOn(ReportingPeriod.Containing(PeriodType.Monthly, new(2026, 10, 5))));
    }

    [Fact]
    public void Obligations_run_from_the_registration_period_to_the_current_one_and_stop_when_suspended()
    {
        var registered = new DateTimeOffset(2026, 8, 20, 3, 0, 0, TimeSpan.Zero);
        var active = new KnownEnterprise(Guid.NewGuid(), "x", "x", "Viettel", ["telecom"], ["network-operator"], "d", "c", "active", null, 1, 1, registered, registered);
        IEnumerable<string> Periods(KnownEnterprise e, string template) =>
            ObligationScheduler.Due(e, new(2026, 11, 23), new DueDateRules(), Templates.Catalog).Where(o => o.TemplateCode == template).Select(o => o.Period);
        Assert.Equal(["telecom-annual", "telecom-monthly"], ObligationScheduler.Due(active, new(2026, 11, 23), new DueDateRules(), Templates.Catalog).Select(o => o.TemplateCode).Distinct().Order());
        Assert.Equal(["2026-08", "2026-09", "2026-10", "2026-11"], Periods(active, "telecom-monthly"));
        Assert.Equal(["2026"], Periods(active, "telecom-annual")); // the year opens as it starts, due after it ends
        var suspended = active with { Status = "suspended", StatusReason = "Vi phạm", StatusChangedAt = new(2026, 10, 15, 3, 0, 0, TimeSpan.Zero) };
        Assert.Equal(["2026-08", "2026-09"], Periods(suspended, "telecom-monthly"));
        Assert.Empty(Periods(suspended, "telecom-annual")); // suspended before the year ended
        var postal = active with { Kinds = ["postal-operator"] };
        Assert.Equal(["2026-Q3", "2026-Q4"], Periods(postal, "postal-quarterly"));
        Assert.Equal(["2026"], Periods(postal, "postal-annual"));
        Assert.Equal([("it-annual", "2026")], ObligationScheduler.Due(active with { Kinds = ["it-electronics-firm"] }, new(2026, 11, 23), new DueDateRules(), Templates.Catalog).Select(o => (o.TemplateCode, o.Period)));
        Assert.Empty(ObligationScheduler.Due(active with { Kinds = ["public-internet-agent"] }, new(2026, 11, 23), new DueDateRules(), Templates.Catalog));
        Assert.Equal(["2026-11"], Periods(active with { RegisteredAt = default }, "telecom-monthly")); // no date: the current period, not everything since year 1
        // The same obligation always gets the same id, so opening twice opens once.
        Assert.Equal(ObligationScheduler.Due(active, new(2026, 11, 23), new DueDateRules(), Templates.Catalog).First(o => o.TemplateCode == "telecom-monthly").SubmissionId, ObligationScheduler.SubmissionIdFor(active.Id, "telecom-monthly", "2026-08"));
    }

    [Fact]
    public void Opening_obligations_is_one_decision_that_starts_a_submission_stream_for_each()
    {
        var registered = new DateTimeOffset(2026, 8, 20, 3, 0, 0, TimeSpan.Zero);
        var active = new KnownEnterprise(Guid.NewGuid(), "x", "x", "Viettel", ["telecom"], ["network-operator", "postal-operator"], "d", "c", "active", null, 1, 1, registered, registered);
        var due = ObligationScheduler.Due(active, new(2026, 11, 23), new DueDateRules(), Templates.Catalog).ToList();
        var decision = ObligationScheduler.Open(due);
        Assert.Equal(due.Select(d => d.SubmissionId).Order(), decision.NewStreams.Keys.Order());
        Assert.All(decision.NewStreams.Values, type => Assert.Equal(typeof(Submission), type));
        Assert.All(due, d => Assert.Equal([d], decision.EventsFor(d.SubmissionId)));
        Assert.Empty(ObligationScheduler.Open([]).Changes);
    }

    [Fact]
    public void Validation_errors_name_each_indicator()
    {
        var values = ValidValues();
        values["mobile-subscribers"] = -1;
        values["operational-bts"] = 12.5m;
        values["prepaid-registered"] = values["prepaid-subscribers"] + 1;
        values.Remove("revenue-vnd");
        values["satellite-phones"] = 3;
        var (errors, _, _) = ReportValues.Validate(Telecom, values, null, 30, requireAll: true);
        Assert.Equivalent(new[] { "mobile-subscribers", "operational-bts", "prepaid-registered", "revenue-vnd", "satellite-phones" },
            errors.ToRejection().Errors!.Keys, strict: true);
        var postal = new Dictionary<string, decimal?> { ["postal-points"] = 10, ["commune-cultural-post-offices"] = 11, ["universal-service-points"] = 2, ["on-time-delivery-percent"] = 101 };
        Assert.Equivalent(new[] { "commune-cultural-post-offices", "on-time-delivery-percent" },
            ReportValues.Validate(Templates.PostalQuarterly, postal, null, 30, true).Errors.ToRejection().Errors!.Keys, strict: true);
    }

    [Fact]
    public void A_large_change_from_the_previous_accepted_period_is_a_warning_not_an_error()
    {
        var previous = ValidValues(100_000).ToDictionary(v => v.Key, v => v.Value!.Value);
        var (errors, warnings, _) = ReportValues.Validate(Telecom, ValidValues(150_000), previous, 30, requireAll: true);
        Assert.False(errors.Any);
        Assert.Contains(warnings, w => w.StartsWith("mobile-subscribers changed 50"));
        Assert.DoesNotContain(ReportValues.Validate(Telecom, ValidValues(110_000), previous, 30, true).Warnings, w => w.StartsWith("mobile"));
    }

    [Fact]
    public void Submit_return_resubmit_accept_keeps_every_version_and_marks_late()
    {
        var s = Opened();
        var rejected = SubmitReport.Parse(new SubmitRequest(ValidValues(), "", null)).Rejection!;
        Assert.Equivalent(new[] { "signerName", "signerTitle" }, rejected.Errors!.Keys, strict: true);
        Assert.Equal(new Certification("Lê Văn B", "Giám đốc"), SubmitReport.Parse(new SubmitRequest(null, " Lê  Văn B ", "Giám đốc")).Command.Signer);
        s = Apply(s, SubmitReport.Decide(s, Telecom, new SubmitReportValues(ValidValues(), new Certification("Lê Văn B", "Giám đốc")), null, 30, new(2026, 11, 12), Now, 30));
        Assert.True(s.Versions[0].Late);
        Assert.Equal("invalid-submission-transition", SubmitReport.Decide(s, Telecom, new SubmitReportValues(ValidValues(), new Certification("x", "y")), null, 30, new(2026, 11, 12), Now, 30).Rejection!.Code);
        Assert.Equal(["reason"], ReviewReport.ParseReturn(new ReturnRequest("")).Rejection!.Errors!.Keys);
        s = Apply(s, ReviewReport.Return(s, new ReturnReport("Sai số liệu"), new(2026, 11, 13)));
        s = Apply(s, SubmitReport.Decide(s, Telecom, new SubmitReportValues(ValidValues(101_000), new Certification("Lê Văn B", "Giám đốc")), null, 30, new(2026, 11, 14), Now, 30));
        s = Apply(s, ReviewReport.Accept(s, new(2026, 11, 15)));
        Assert.Equal((SubmissionStatus.Accepted, 2, 2), (s.Status, s.Versions.Count, s.AcceptedVersion!.Value));
        Assert.Equal("Sai số liệu", s.Versions[0].ReturnReason);
        Assert.Equal("invalid-submission-transition", ReviewReport.Accept(s, new(2026, 11, 15)).Rejection!.Code);
    }

    [Fact]
    public void An_accepted_report_found_wrong_later_is_returned_and_its_accepted_version_counts_until_the_correction_is_accepted()
    {
        var s = Opened();
        s = Apply(s, SubmitReport.Decide(s, Telecom, new SubmitReportValues(ValidValues(), new Certification("Lê Văn B", "Giám đốc")), null, 30, new(2026, 11, 5), Now, 30));
        s = Apply(s, ReviewReport.Accept(s, new(2026, 11, 6)));
        s = Apply(s, ReviewReport.Return(s, new ReturnReport("Số thuê bao di động sai"), new(2026, 11, 20)));
        Assert.Equal((SubmissionStatus.Returned, 1), (s.Status, s.AcceptedVersion!.Value));
        Assert.Equal("invalid-submission-transition", ReviewReport.Return(s, new ReturnReport("lần nữa"), new(2026, 11, 20)).Rejection!.Code);
        s = Apply(s, SubmitReport.Decide(s, Telecom, new SubmitReportValues(ValidValues(120_000), new Certification("Lê Văn B", "Giám đốc")), null, 30, new(2026, 11, 21), Now, 30));
        Assert.Equal(1, s.AcceptedVersion);
        s = Apply(s, ReviewReport.Accept(s, new(2026, 11, 22)));
        Assert.Equal((2, 2), (s.AcceptedVersion!.Value, s.Versions.Count));
        Assert.Equal((false, true), (s.Versions[0].Late, s.Versions[1].Late)); // the rates judge the first version: still on time
    }

    [Fact]
    public void Overdue_is_derived_from_the_date_and_recorded_once()
    {
        var s = Opened(due: new(2026, 11, 10));
        Assert.False(s.IsOverdue(new(2026, 11, 10)));
        Assert.True(s.IsOverdue(new(2026, 11, 11)));
        Assert.Empty(ObligationScheduler.RecordOverdue(s, new(2026, 11, 10)).Events);
        s = Apply(s, ObligationScheduler.RecordOverdue(s, new(2026, 11, 11)));
        Assert.Empty(ObligationScheduler.RecordOverdue(s, new(2026, 11, 30)).Events);
    }

    [Fact]
    public void Entry_locks_after_the_window_unless_a_manager_grants_an_exception()
    {
        var s = Opened(due: new(2026, 11, 10));
        var locked = SaveDraft.Decide(s, Telecom, new SaveDraftValues(ValidValues()), new(2026, 12, 11), 30).Rejection!;
        Assert.Equal("period-locked", locked.Code);
        Assert.True(SaveDraft.Decide(s, Telecom, new SaveDraftValues(ValidValues()), new(2026, 12, 10), 30).IsAccepted);
        s = Apply(s, ReviewReport.GrantException(s, new GrantLateEntry(new(2026, 12, 20), "Sự cố hệ thống")));
        Assert.True(SaveDraft.Decide(s, Telecom, new SaveDraftValues(ValidValues()), new(2026, 12, 20), 30).IsAccepted);
        Assert.Equal("period-locked", SaveDraft.Decide(s, Telecom, new SaveDraftValues(ValidValues()), new(2026, 12, 21), 30).Rejection!.Code);
    }

    [Fact]
    public void An_exception_needs_a_reason_and_a_date_not_in_the_past()
    {
        Assert.Equivalent(new[] { "reason", "until" }, ReviewReport.ParseException(new ExceptionRequest(null, " "), new(2026, 12, 11)).Rejection!.Errors!.Keys, strict: true);
        Assert.Equal(["until"], ReviewReport.ParseException(new ExceptionRequest(new(2026, 12, 10), "Sự cố"), new(2026, 12, 11)).Rejection!.Errors!.Keys);
        Assert.Equal(new GrantLateEntry(new(2026, 12, 11), "Sự cố"), ReviewReport.ParseException(new ExceptionRequest(new(2026, 12, 11), "Sự cố"), new(2026, 12, 11)).Command);
    }

    [Fact]
    public void Density_is_telephones_per_hundred_inhabitants_from_accepted_reports_only()
    {
        var a = Apply(Apply(Opened(), SubmitReport.Decide(Opened(), Telecom, new SubmitReportValues(ValidValues(200_000), new Certification("x", "y")), null, 30, new(2026, 11, 5), Now, 30)),
            Decision.Nothing);
        var accepted = Apply(a, ReviewReport.Accept(a, new(2026, 11, 6)));
        var pending = Apply(Opened(), SubmitReport.Decide(Opened(), Telecom, new SubmitReportValues(ValidValues(900_000), new Certification("x", "y")), null, 30, new(2026, 11, 5), Now, 30));
        var population = new Dictionary<string, long> { ["Thành phố Lào Cai"] = 400_000, ["Huyện Bát Xát"] = 250_000 };
        var report = ProvincialIndicators.Compute(Telecom, "2026-10", [accepted, pending], _ => ("Thành phố Lào Cai", "Viettel"), population, 35m, null);
        Assert.Equal(1, report.AcceptedReports);
        Assert.Equal(200_000m, report.Totals.Single(t => t.Code == "mobile-subscribers").Total);
        Assert.Equal(31.54m, report.DensityPer100); // (200,000 + 5,000) × 100 / 650,000
        Assert.False(report.TargetMet);
        Assert.Equal(51.25m, report.ByDistrict.Single().DensityPer100); // 205,000 × 100 / 400,000
        Assert.Equal("Viettel", report.ByOperator.Single().Name);
    }

    /// <summary>A report without the on-time percentage (an optional field) says nothing about delivery quality: the
    /// province's and each group's figure is the average of the reports that give it (the trend does the same), not a
    /// 0 % for the silent one, nor a sum of percentages.</summary>
    [Fact]
    public void A_percentage_is_averaged_over_the_reports_that_give_it_in_the_totals_and_the_groups()
    {
        var postal = Templates.PostalQuarterly;
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        AcceptedFigures Report(Guid who, decimal? onTime) => new(who, postal.Code, "2026-Q3",
            onTime is { } p ? new Dictionary<string, decimal> { ["postal-points"] = 10, ["on-time-delivery-percent"] = p } : new Dictionary<string, decimal> { ["postal-points"] = 10 });
        var report = ProvincialIndicators.Compute(postal, "2026-Q3", [Report(a, 96), Report(b, 90), Report(c, null), Report(d, null)],
            id => id == d ? ("Huyện Bát Xát", "Bưu chính Bát Xát") : ("Thành phố Lào Cai", "Bưu điện tỉnh"), new Dictionary<string, long>(), 35m, null);

        Assert.Equal(93m, report.Totals.Single(t => t.Code == "on-time-delivery-percent").Total); // (96 + 90) / 2, not (96 + 90 + 0 + 0) / 4
        Assert.Equal(40m, report.Totals.Single(t => t.Code == "postal-points").Total);
        var city = report.ByDistrict.Single(g => g.Name == "Thành phố Lào Cai");
        Assert.Equal((93m, 30m), (city.Values["on-time-delivery-percent"], city.Values["postal-points"])); // not 186, a sum of percentages
        // A group none of whose reports gives it has no percentage (a gap, as in the trend), not 0 %.
        Assert.False(report.ByDistrict.Single(g => g.Name == "Huyện Bát Xát").Values.ContainsKey("on-time-delivery-percent"));
        var none = ProvincialIndicators.Compute(postal, "2026-Q3", [Report(c, null)], _ => ("Thành phố Lào Cai", "Bưu điện tỉnh"), new Dictionary<string, long>(), 35m, null);
        Assert.Null(none.Totals.Single(t => t.Code == "on-time-delivery-percent").Total);
    }
}
