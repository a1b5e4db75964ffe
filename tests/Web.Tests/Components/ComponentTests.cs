using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Net;
using Bunit;
using Platform.Web.Api;
using Platform.Web.Components.Pages;
using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Components;

public class ComponentTests
{
    private static ApiProblem Problem(int status, string json) => ApiProblem.Parse(status, json);

    [Fact]
    public void A_field_shows_the_APIs_messages_for_it_in_Vietnamese_when_the_console_knows_them()
    {
        using var ctx = new ConsoleContext();
        var problem = Problem(400, """{"status":400,"errors":{"prepaid-subscribers":["prepaid subscribers cannot exceed mobile subscribers","something new"]}}""");
        var cut = ctx.Render<FieldError>(p => p.Add(x => x.Problem, problem).Add(x => x.Field, "prepaid-subscribers"));
        var messages = cut.FindAll("span.field-error").Select(e => e.TextContent).ToList();
        Assert.Equal(["số thuê bao trả trước không được vượt quá số thuê bao di động", "something new"], messages);

        var other = ctx.Render<FieldError>(p => p.Add(x => x.Problem, problem).Add(x => x.Field, "mobile-subscribers"));
        Assert.Empty(other.FindAll("span"));
    }

    [Fact]
    public void A_unit_refused_by_the_API_is_said_by_its_code_in_Vietnamese_or_English_with_the_suggestions()
    {
        using var ctx = new ConsoleContext();
        // As the APIs answer an unknown commune: the English message, and at its position the code with the unit and suggestions.
        var problem = Problem(400, """
            {"status":400,"errors":{"headOffice.commune":["is not a commune of Thành phố Lào Cai; did you mean: Phường Cốc Lếu (02644)?","must be at most 100 characters"],"taxCode":["is required"]},
             "errorCodes":{"headOffice.commune":[{"code":"unknown-commune","within":"Thành phố Lào Cai","suggestions":["Phường Cốc Lếu (02644)"]},null]}}
            """);
        var cut = ctx.Render<FieldError>(p => p.Add(x => x.Problem, problem).Add(x => x.Field, "headOffice.commune"));
        Assert.Equal(["không phải xã, phường của Thành phố Lào Cai Có phải: Phường Cốc Lếu (02644)?", "must be at most 100 characters"],
            cut.FindAll("span.field-error").Select(e => e.TextContent));
        var box = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem, problem).Add(x => x.Fields, ["taxCode"]));
        Assert.Contains("headOffice.commune: không phải xã, phường của Thành phố Lào Cai Có phải: Phường Cốc Lếu (02644)?", box.Markup);

        var english = System.Globalization.CultureInfo.GetCultureInfo("en");
        (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (english, english);
        var inEnglish = ctx.Render<FieldError>(p => p.Add(x => x.Problem, problem).Add(x => x.Field, "headOffice.commune"));
        Assert.Equal("is not a commune or ward of Thành phố Lào Cai Did you mean: Phường Cốc Lếu (02644)?", inEnglish.Find("span.field-error").TextContent);
    }

    [Fact]
    public void A_conflict_offers_to_reload_the_page_and_a_validation_problem_does_not()
    {
        using var ctx = new ConsoleContext();
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/bao-cao/123?trang=2&da=accepted");
        var conflict = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem, Problem(409, """{"status":409,"code":"concurrency-conflict","detail":"changed since version 3"}""")));
        // The same page and its query, without the notice of the step done before ("Đã tiếp nhận" would read as this one done).
        Assert.Equal("/bao-cao/123?trang=2", conflict.Find("a.reload").GetAttribute("href"));
        Assert.Contains("Dữ liệu vừa được người khác thay đổi.", conflict.Markup);

        var invalid = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem, Problem(400, """{"status":400,"errors":{"taxCode":["is required"],"If-Match":["bad"]}}"""))
            .Add(x => x.Fields, ["taxCode"]));
        Assert.Empty(invalid.FindAll("a.reload"));
        // The field with its own place on the page is not repeated; the other one is listed.
        Assert.Equal(["If-Match: bad"], invalid.FindAll("li").Select(li => li.TextContent));
    }

    [Fact]
    public void A_business_rule_conflict_says_the_rule_next_to_its_field_and_offers_no_reload()
    {
        using var ctx = new ConsoleContext();
        var open = Problem(409, """{"status":409,"title":"Conflict with the current state.","code":"request-already-open","detail":"VNPT already has an open request for this site."}""");
        // On a page with the site field: the rule sits next to it, not above the form, and nothing says "someone else changed this".
        var box = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem, open).Add(x => x.Fields, ["siteId", "requesterId", "purpose"]));
        Assert.Empty(box.FindAll("a.reload"));
        Assert.DoesNotContain("Dữ liệu vừa được người khác thay đổi.", box.Markup);
        Assert.Empty(box.FindAll(".problem.conflict"));
        Assert.Empty(box.FindAll(".detail"));
        Assert.Equal("Không thực hiện được vì trái với dữ liệu đã ghi nhận.", box.Find("strong").TextContent);
        var field = ctx.Render<FieldError>(p => p.Add(x => x.Problem, open).Add(x => x.Field, "siteId"));
        Assert.Equal("Doanh nghiệp này đã có yêu cầu dùng chung đang mở đối với công trình này.", field.Find("span.field-error").TextContent);
        Assert.Empty(ctx.Render<FieldError>(p => p.Add(x => x.Problem, open).Add(x => x.Field, "purpose")).FindAll("span.field-error"));

        // A rule without a field on the page (next year's agreement exists, from the renewal button): above the form, in Vietnamese.
        var renewal = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem,
            Problem(409, """{"status":409,"code":"agreement-exists-for-year","detail":"A cooperation agreement for 2031 already exists."}""")));
        Assert.Equal("Đã có chương trình phối hợp cho năm này.", renewal.Find(".detail").TextContent);
        Assert.Empty(renewal.FindAll("a.reload"));

        // A stale version is still the other kind: the reload, with its own text.
        var stale = ctx.Render<ProblemBox>(p => p.Add(x => x.Problem, Problem(409, """{"status":409,"code":"concurrency-conflict"}""")).Add(x => x.Fields, ["siteId"]));
        Assert.Single(stale.FindAll("a.reload"));
        Assert.Contains("Dữ liệu vừa được người khác thay đổi.", stale.Markup);
    }

    [Fact]
    public void The_density_chart_draws_one_bar_per_district_and_the_target_line()
    {
        using var ctx = new ConsoleContext();
        var cut = ctx.Render<DensityChart>(p => p.Add(x => x.Bars, [("Bát Xát", 20m), ("Thành phố Lào Cai", 60m)]).Add(x => x.Target, 35m));
        var bars = cut.FindAll("rect");
        Assert.Equal(["below", "met"], bars.Select(b => b.GetAttribute("class")));
        Assert.True(int.Parse(bars[0].GetAttribute("height")!) < int.Parse(bars[1].GetAttribute("height")!));
        Assert.Contains("Chỉ tiêu 35", cut.Find("text.target-label").TextContent);
    }

    [Fact]
    public void The_directory_lists_what_the_Registry_answers_with_Vietnamese_labels_and_dates()
    {
        using var ctx = new ConsoleContext();
        ctx.Answer = _ => (HttpStatusCode.OK, """
            {"items":[{"id":"0195a6a4-0000-7000-8000-000000000001","taxCode":"5300100010","legalName":"Viễn thông Lào Cai","shortName":"VNPT Lào Cai",
              "sectors":["telecom"],"kinds":["network-operator"],"district":"Thành phố Lào Cai","commune":"Phường Cốc Lếu","status":"suspended",
              "registeredAt":"2026-03-04T18:00:00Z","version":3,"communeCode":"02644","generation":"three-tier","currentCommuneCode":"02647","currentCommune":"Phường Lào Cai"}],
              "total":1,"page":1,"pageSize":50}
            """);
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/doanh-nghiep?q=vien%20thong");
        var cut = ctx.Render<EnterpriseDirectory>();
        Assert.Equal(["GET /api/registry/enterprises?q=vien%20thong&page=1&pageSize=50"], ctx.Requests);
        var cells = cut.FindAll("#directory tbody td").Select(td => td.TextContent.Trim()).ToList();
        // The head office's unit code as entered (coded by the register) and the commune it lies in now.
        Assert.Equal(["VNPT Lào Cai", "Viễn thông Lào Cai", "5300100010", "Viễn thông", "Thành phố Lào Cai", "02644", "Phường Lào Cai (02647)", "Tạm ngừng", "05/03/2026"], cells);
        Assert.NotEmpty(cut.FindAll("#register-enterprise")); // an officer may register
    }

    [Fact]
    public void A_failing_service_shows_its_problem_instead_of_the_list()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Auditor);
        ctx.Answer = _ => (HttpStatusCode.ServiceUnavailable, """{"status":503,"title":"down"}""");
        var cut = ctx.Render<EnterpriseDirectory>();
        Assert.Equal("503", cut.Find(".problem").GetAttribute("data-status"));
        Assert.Empty(cut.FindAll("#directory"));
        Assert.Empty(cut.FindAll("#register-enterprise")); // an auditor changes nothing
    }

    [Fact]
    public void A_representative_is_sent_to_its_own_enterprise_instead_of_the_directory()
    {
        var own = Guid.NewGuid();
        using var ctx = new ConsoleContext(PlatformRoles.Representative, own);
        ctx.Render<EnterpriseDirectory>();
        Assert.Empty(ctx.Requests);
        Assert.EndsWith($"/doanh-nghiep/{own}", ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }

    [Fact]
    public void The_status_matrix_colours_each_cell_from_the_Reporting_answer()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Manager);
        ctx.Answer = r => r.RequestUri!.AbsolutePath.EndsWith("/templates") ? (HttpStatusCode.OK, Templates) : (HttpStatusCode.OK, """
            {"template":"telecom-monthly","periods":["2026-09","2026-10"],
             "enterprises":[{"enterpriseId":"0195a6a4-0000-7000-8000-000000000001","name":"Viettel","cells":{"2026-09":"accepted-late","2026-10":"overdue"}}]}
            """);
        var cut = ctx.Render<StatusMatrixPage>();
        var cells = cut.FindAll("#status-matrix tbody td, #status-matrix tr td").Skip(1).Take(2).ToList();
        Assert.Equal(["cell-late", "cell-overdue"], cells.Select(c => c.GetAttribute("class")));
        Assert.Equal(["Đã tiếp nhận", "Quá hạn"], cells.Select(c => c.TextContent));
    }

    /// <summary>The Reporting API's template list: three of the shipped templates, one of them annual.</summary>
    private const string Templates = """
        [{"code":"telecom-monthly","name":"Báo cáo viễn thông tháng","periodType":"monthly","latestVersion":1,"latestEffectiveFrom":"2024-01","enterpriseKinds":["network-operator"],"version":1},
         {"code":"postal-quarterly","name":"Báo cáo bưu chính quý","periodType":"quarterly","latestVersion":1,"latestEffectiveFrom":"2024-Q1","enterpriseKinds":["postal-operator"],"version":1},
         {"code":"telecom-annual","name":"Báo cáo viễn thông năm","periodType":"annual","latestVersion":2,"latestEffectiveFrom":"2025","enterpriseKinds":["network-operator"],"version":2}]
        """;

    [Fact]
    public void The_indicator_page_lists_the_templates_Reporting_has_and_asks_an_annual_one_for_last_year()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Manager);
        ctx.Answer = r => r.RequestUri!.AbsolutePath.EndsWith("/templates") ? (HttpStatusCode.OK, Templates)
            : (HttpStatusCode.OK, """{"template":"telecom-annual","period":"2025","acceptedReports":0,"totals":[],"byDistrict":[],"byOperator":[]}""");
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/bao-cao/chi-tieu?mau=telecom-annual");
        var cut = ctx.Render<Indicators>();
        Assert.Equal(["telecom-monthly", "postal-quarterly", "telecom-annual"], cut.FindAll("#template option").Select(o => o.GetAttribute("value")));
        Assert.Equal("telecom-annual", cut.Find("#template option[selected]").GetAttribute("value"));
        var lastYear = DateTime.UtcNow.AddHours(7).Year - 1;
        Assert.Equal($"{lastYear}", cut.Find("#period").GetAttribute("value"));
        Assert.Contains($"GET /api/reporting/indicators/{lastYear}?template=telecom-annual", ctx.Requests);
        Assert.Empty(cut.FindAll("#period-replaced"));
    }

    [Fact]
    public void A_month_typed_for_an_annual_template_is_not_sent_and_the_matrix_shows_every_year()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Manager);
        ctx.Answer = r => r.RequestUri!.AbsolutePath.EndsWith("/templates") ? (HttpStatusCode.OK, Templates)
            : (HttpStatusCode.OK, """{"template":"telecom-annual","periods":["2025"],"enterprises":[]}""");
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/bao-cao/ma-tran?mau=telecom-annual&tu=2026-01&den=2026");
        var cut = ctx.Render<StatusMatrixPage>();
        Assert.Contains("GET /api/reporting/status-matrix?template=telecom-annual&to=2026", ctx.Requests);
        Assert.Contains("2026-01", cut.Find("#period-replaced").TextContent);
        Assert.Equal("2026", cut.Find("#from").GetAttribute("placeholder"));
    }

    [Fact]
    public void A_population_figure_is_corrected_from_its_row_with_the_version_read()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer);
        ctx.Services.AddSingleton(new Platform.Geography.ProvinceGeography(Platform.Geography.Country.Vietnam, Platform.Geography.ProvinceGeography.LaoCai));
        ctx.Answer = _ => (HttpStatusCode.OK, """
            {"year":2031,"inhabitants":40000,"basis":"districts-before-2025",
             "figures":[{"year":2031,"generation":"two-tier","code":"03006","unit":"Phường Sa Pa","level":"commune","inhabitants":40000,"version":4}]}
            """);
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/bao-cao/dan-so?nam=2031&don-vi=03006&the-he=two-tier");
        var cut = ctx.Render<PopulationPage>();
        Assert.EndsWith("/bao-cao/dan-so?nam=2031&don-vi=03006&the-he=two-tier", cut.Find("#population-figures a").GetAttribute("href"));
        // The form starts from the figure as read: its unit, generation, number and version (sent as If-Match).
        Assert.Equal("03006", cut.Find("#unit").GetAttribute("value"));
        Assert.Equal("40.000", cut.Find("#inhabitants").GetAttribute("value")); // as the table writes it, and as it is read back
        Assert.Equal("4", cut.Find("input[name='Form.Version']").GetAttribute("value"));
    }
}
