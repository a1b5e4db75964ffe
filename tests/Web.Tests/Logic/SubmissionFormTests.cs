using Platform.Web.Api;
using Platform.Web.Components.Pages;
using Xunit;

namespace Web.Tests.Logic;

public class SubmissionFormTests
{
    private static readonly ReportTemplate Template = new("telecom-monthly", 1, "Báo cáo tháng", "monthly",
        [new("mobile-subscribers", "Thuê bao di động", "count"), new("prepaid-subscribers", "Trả trước", "count"), new("revenue-vnd", "Doanh thu", "vnd")]);

    private static SubmissionDetail Detail(Dictionary<string, decimal>? draft = null, params SubmittedVersion[] versions) => new(
        new Submission(Guid.NewGuid(), Guid.NewGuid(), "telecom-monthly", "2026-10", new(2026, 10, 1), new(2026, 10, 31), new(2026, 11, 10),
            versions.Length > 0 ? "returned" : draft is null ? "due" : "draft", draft, versions, null, null, 3),
        Template, []);

    [Fact]
    public void A_first_visit_shows_every_indicator_empty_in_the_template_order()
    {
        var form = SubmissionForm.Complete(null, Detail());
        Assert.Equal(["mobile-subscribers", "prepaid-subscribers", "revenue-vnd"], form.Entries.Select(e => e.Code));
        Assert.All(form.Entries, e => Assert.Null(e.Value));
    }

    [Fact]
    public void A_returned_report_is_corrected_from_its_latest_version_not_retyped()
    {
        var v1 = new SubmittedVersion(1, new() { ["mobile-subscribers"] = 120000, ["prepaid-subscribers"] = 100000, ["revenue-vnd"] = 9_500_000_000 },
            new Certification("Lê Văn Bình", "Giám đốc"), DateTimeOffset.UtcNow, false, [], "Sai doanh thu");
        var form = SubmissionForm.Complete(null, Detail(null, v1));
        Assert.Equal(["120.000", "100.000", "9.500.000.000"], form.Entries.Select(e => e.Value));
        Assert.Equal("Lê Văn Bình", form.SignerName);
    }

    [Fact]
    public void After_a_post_the_form_shows_what_was_typed_even_when_it_is_wrong()
    {
        var posted = new SubmissionForm { Entries = [new() { Code = "prepaid-subscribers", Value = "12x" }, new() { Code = "mobile-subscribers", Value = "5" }] };
        var form = SubmissionForm.Complete(posted, Detail(new() { ["mobile-subscribers"] = 1 }));
        Assert.Equal(["5", "12x", null], form.Entries.Select(e => e.Value));
    }

    [Fact]
    public void Entries_that_are_not_numbers_are_refused_here_and_the_rest_go_to_the_API_as_numbers()
    {
        var form = new SubmissionForm { Entries = [new() { Code = "mobile-subscribers", Value = "1.200" }, new() { Code = "prepaid-subscribers", Value = "nhiều" }, new() { Code = "revenue-vnd", Value = "" }] };
        var problem = form.Validate(Template);
        Assert.NotNull(problem);
        Assert.Equal(["prepaid-subscribers"], problem.Errors.Keys);

        form.Entries[1].Value = "900";
        Assert.Null(form.Validate(Template));
        Assert.Equal(new Dictionary<string, decimal?> { ["mobile-subscribers"] = 1200, ["prepaid-subscribers"] = 900, ["revenue-vnd"] = null }, form.Values());
    }
    [Fact]
    public void A_version_with_a_unit_breakdown_offers_its_fields_rows_and_sends_the_filled_ones_by_field_and_unit()
    {
        var annual = Template with { Breakdown = new UnitBreakdown(["mobile-subscribers"], false) };
        var v1 = new SubmittedVersion(1, new() { ["mobile-subscribers"] = 100 }, new Certification("Lê Văn Bình", "Giám đốc"), DateTimeOffset.UtcNow, false, [], "Sai",
            1, new() { ["mobile-subscribers"] = new() { ["02683"] = 60, ["02752"] = 40 } });
        var detail = Detail(null, v1) with { Template = annual };
        var form = SubmissionForm.Complete(null, detail);
        Assert.Equal([("02683", "60"), ("02752", "40"), (null, null), (null, null), (null, null)], form.Units.Select(u => (u.Unit, u.Value)));
        Assert.All(form.Units, u => Assert.Equal("mobile-subscribers", u.Field));
        Assert.Contains("breakdown.mobile-subscribers", SubmissionForm.FieldsOf(annual));

        var posted = new SubmissionForm
        {
            Units = [new() { Field = "mobile-subscribers", Unit = " 02683 ", Value = "70" }, new() { Field = "mobile-subscribers", Unit = "", Value = "" },
            new() { Field = "mobile-subscribers", Unit = "02752", Value = "3x" }]
        };
        Assert.Equal(new Dictionary<string, decimal?> { ["02683"] = 70, ["02752"] = null }, posted.Breakdown()["mobile-subscribers"]);
        Assert.Equal(["breakdown.mobile-subscribers"], posted.Validate(annual)!.Errors.Keys);
        Assert.Empty(SubmissionForm.Complete(null, Detail()).Units); // a version without a breakdown asks for none
    }
}
