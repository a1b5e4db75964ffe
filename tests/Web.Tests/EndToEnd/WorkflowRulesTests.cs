using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Platform.Testing;
using Xunit;
using static Web.Tests.EndToEnd.ApiCalls;

namespace Web.Tests.EndToEnd;

/// <summary>The walk of every workflow's rules in the browser, where the workflow tests (ConsoleTests, RegisterWorkflowTests,
/// MeetingWorkflowTests) do not already check them: what each role is offered (an auditor nothing, a representative only
/// its own enterprise's steps), one refusal next to its field with nothing written, a stale step's reload showing the
/// current state, and dates and amounts written the Department's way in a browser set to another locale.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class WorkflowRulesTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    /// <summary>Forms that change something (the sign-out form is in the side bar, the filters are GET forms).</summary>
    private const string Steps = "main form[method=post]";

    [Fact]
    public async Task An_auditor_is_offered_no_step_a_representative_only_its_own_enterprises_and_each_refusal_sits_next_to_its_field()
    {
        var r = await RecordsAsync("Quy tắc");
        var year = Platform.Allocate.Years();

        // An auditor reads every workflow's page and is offered no step on any of them.
        var auditor = await Platform.SignInAsync(PlatformRoles.Auditor, "le.thanh.tra");
        foreach (var address in new[]
                 {
                     "/doanh-nghiep/moi", $"/doanh-nghiep/{r.Owner}", $"/bao-cao/dan-so?nam={year}", $"/bao-cao/{r.Report}", "/ha-tang/tram/moi",
                     "/ha-tang/tram/nhap", $"/ha-tang/tram/{r.Site}", "/ha-tang/dung-chung", $"/ha-tang/dung-chung/{r.Request}", "/ha-tang/cong-trinh", "/hop/moi",
                     $"/hop/{r.Meeting}", "/hop/nhiem-vu", $"/hop/nhiem-vu/{r.Task}", $"/hop/kien-nghi/{r.Escalation}", "/hop/thoa-thuan/moi",
                 })
        {
            var response = await auditor.GotoAsync(address);
            Assert.True(response!.Status < 500, $"{address}: {response.Status}");
            await Expect(auditor.Locator("h1")).ToBeVisibleAsync();
            await Expect(auditor.Locator(Steps)).ToHaveCountAsync(0);
        }
        await Expect(auditor.Locator("body")).Not.ToContainTextAsync("Exception");
        await auditor.GotoAsync($"/bao-cao/dan-so?nam={year}");
        await Expect(auditor.Locator("#population-figures")).ToBeVisibleAsync(); // reads the figures, enters none
        await auditor.GotoAsync("/doanh-nghiep/moi");
        await Expect(auditor.Locator("#not-offered")).ToBeVisibleAsync();
        await Accessibility.ExpectAccessibleAsync(auditor, "enterprise registration (auditor)", Output);

        // The requester's representative: the owner's pages and steps are not its own.
        var rep = await Platform.SignInAsync(PlatformRoles.Representative, "vu.van.yeu", r.Requester);
        foreach (var address in new[] { $"/doanh-nghiep/{r.Owner}", $"/bao-cao/{r.Report}", $"/hop/nhiem-vu/{r.Task}", "/bao-cao/dan-so" })
        {
            var response = await rep.GotoAsync(address);
            Assert.True(response!.Status < 500, $"{address}: {response.Status}");
            await Expect(rep.Locator(".problem")).ToHaveAttributeAsync("data-status", "403");
            await Expect(rep.Locator(Steps)).ToHaveCountAsync(0);
        }
        await rep.GotoAsync("/doanh-nghiep/moi");
        await Expect(rep.Locator(Steps)).ToHaveCountAsync(0);
        // Another enterprise's site: the representative asks to share it, for itself only, from the sharing requests' page
        // (the sites of the public register: it may not open the page of a site it has no part in).
        await rep.GotoAsync($"/ha-tang/tram/{r.FreeSite}");
        await Expect(rep.Locator(".problem")).ToHaveAttributeAsync("data-status", "403");
        await rep.GotoAsync("/ha-tang/dung-chung");
        await Expect(rep.Locator("#sharing-requester")).ToHaveValueAsync(r.RequesterName);
        await rep.SelectOptionAsync("#sharing-site", r.FreeSite.ToString());
        await rep.ClickAsync("#request-sharing"); // without a purpose: the Infrastructure API's error, next to the field
        await Expect(rep.Locator("span.field-error[data-field=purpose]")).ToHaveTextAsync("là bắt buộc");
        await Expect(rep.Locator("#sharing-site")).ToHaveValueAsync(r.FreeSite.ToString()); // the choice is kept
        Assert.Equal(1, await RequestsOfAsync(r.Requester)); // the one made for this test's setting, no other
        await Accessibility.ExpectAccessibleAsync(rep, "sharing requests with a field error (requester)", Output);
        await rep.FillAsync("#sharing-purpose", "Treo thiết bị truyền dẫn viba");
        await rep.ClickAsync("#request-sharing");
        await rep.WaitForURLAsync("**/ha-tang/dung-chung/**");
        await Expect(rep.Locator("#done")).ToHaveTextAsync("Đã gửi đề nghị dùng chung; chủ công trình trả lời trong thời hạn quy định.");
        await Expect(rep.Locator("dl.facts")).ToContainTextAsync("Treo thiết bị truyền dẫn viba");
        await Expect(rep.Locator("#offer")).ToHaveCountAsync(0); // offering is the owner's step
        await Accessibility.ExpectAccessibleAsync(rep, "sharing request sent (requester)", Output);
        await Shot(rep, "r01-sharing-requested");
        Assert.Equal(2, await RequestsOfAsync(r.Requester));
        // Now the site is one it asked to share: it reads it, and is offered none of the owner's steps.
        await rep.GotoAsync($"/ha-tang/tram/{r.FreeSite}");
        await Expect(rep.Locator("h1")).ToContainTextAsync("Trạm BTS Pom Hán");
        await Expect(rep.Locator(".workflow form")).ToHaveCountAsync(0);
        await rep.GotoAsync($"/ha-tang/tram/{r.OwnSite}");
        await Expect(rep.Locator("#request-sharing-link")).ToHaveCountAsync(0); // its own site

        // An officer answers for the owner: an amount the console cannot read, then no term (the API's rule), each next to its field.
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "pham.van.quy", $"/ha-tang/dung-chung/{r.Request}");
        await officer.FillAsync("input[name='OfferForm.Fee']", "hai triệu");
        await officer.FillAsync("input[name='OfferForm.Term']", "12");
        await officer.FillAsync("input[name='OfferForm.Conditions']", "Lắp ở độ cao 25 m");
        await officer.ClickAsync("#offer");
        await Expect(officer.Locator("span.field-error[data-field=monthlyFeeVnd]")).ToHaveTextAsync("phải là số tiền nguyên (đồng), không âm");
        await officer.FillAsync("input[name='OfferForm.Fee']", "2.000.000");
        await officer.FillAsync("input[name='OfferForm.Term']", "");
        await officer.ClickAsync("#offer");
        await Expect(officer.Locator("span.field-error[data-field=termMonths]")).ToBeVisibleAsync();
        await Expect(officer.Locator("input[name='OfferForm.Conditions']")).ToHaveValueAsync("Lắp ở độ cao 25 m");
        Assert.Equal("submitted", await StatusAsync(Platform.Infrastructure.CreateClient(), $"/api/infrastructure/sharing-requests/{r.Request}", "request"));
        // An officer neither decides the permit nor accepts reports: a manager's steps.
        await officer.GotoAsync($"/bao-cao/{r.Report}");
        await Expect(officer.Locator("#accept-report, #return-report")).ToHaveCountAsync(0);
        await officer.GotoAsync($"/ha-tang/tram/{r.Site}");
        await Expect(officer.Locator("#request-permit")).ToBeVisibleAsync(); // the Department acts for the owner
        await Expect(officer.Locator("#approve-permit, #refuse-permit")).ToHaveCountAsync(0);
        // Population: a unit the province does not have is the Reporting API's error, next to the unit.
        await officer.GotoAsync($"/bao-cao/dan-so?nam={year}");
        await officer.FillAsync("#unit", "Xã Không Có Thật");
        await officer.FillAsync("#inhabitants", "12.000");
        await officer.ClickAsync("#save-population");
        await Expect(officer.Locator("span.field-error[data-field=unit]")).ToBeVisibleAsync();
        await Expect(officer.Locator("#inhabitants")).ToHaveValueAsync("12.000");
        await Shot(officer, "r02-population-refused");
        await Expect(officer.Locator("#population-figures tr:has(td)")).ToHaveCountAsync(0);

        // A manager: a return needs its reason, a cessation its reason, a meeting's difficulty its text, an answer its text.
        var manager = await Platform.OpenAsAsync(PlatformRoles.Manager, "tran.quoc.huy", $"/bao-cao/{r.Report}");
        await Expect(manager.Locator("h1")).ToContainTextAsync(Today.ToString("MM/yyyy", CultureInfo.InvariantCulture)); // the period as the Department writes it
        await manager.ClickAsync("#return-report");
        await Expect(manager.Locator("span.field-error[data-field=reason]")).ToHaveTextAsync("là bắt buộc");
        await Expect(manager.Locator(".problem li")).ToHaveCountAsync(0); // next to the field, not repeated above the form
        Assert.Equal("submitted", await StatusAsync(Platform.Reporting.CreateClient(), $"/api/reporting/submissions/{r.Report}", "submission"));
        await manager.GotoAsync($"/doanh-nghiep/{r.Owner}");
        await manager.ClickAsync("#cease");
        await Expect(manager.Locator("#cease-form span.field-error[data-field=reason]")).ToHaveTextAsync("là bắt buộc");
        Assert.Equal("active", await StatusAsync(Platform.Registry.CreateClient(), $"/api/registry/enterprises/{r.Owner}", null));
        await manager.GotoAsync($"/hop/{r.Meeting}");
        await manager.ClickAsync("#raise-difficulty");
        await Expect(manager.Locator("#difficulty-form span.field-error[data-field=text]")).ToHaveTextAsync("là bắt buộc");
        await Expect(manager.Locator("#conclusion-form span.field-error")).ToHaveCountAsync(0); // the conclusion's text is not the one refused
        await Shot(manager, "r03-difficulty-refused");
        await manager.GotoAsync($"/hop/kien-nghi/{r.Escalation}");
        await manager.ClickAsync("#record-answer");
        await Expect(manager.Locator("span.field-error[data-field=response]")).ToHaveTextAsync("là bắt buộc");
        await Expect(manager.Locator("#answer")).ToHaveTextAsync("Đang chờ trả lời");
    }

    [Fact]
    public async Task A_stale_step_in_each_workflow_is_refused_and_its_reload_shows_what_changed_meanwhile()
    {
        var r = await RecordsAsync("Cũ");
        var manager = await Platform.SignInAsync(PlatformRoles.Manager, "tran.quoc.huy");
        using var registry = Platform.Registry.CreateClient();
        using var infrastructure = Platform.Infrastructure.CreateClient();
        using var meetings = Platform.Meetings.CreateClient();
        using var reporting = Platform.Reporting.CreateClient();

        // Each time: the page is read, the same record changes through the API (another user), the page's step is refused
        // (409, or 412 for a correction), nothing of it is written, and the reload shows the other user's change.
        // Registry: a licence granted meanwhile.
        await StaleStep.ExpectRefusedAsync(manager, $"/doanh-nghiep/{r.Owner}",
            async () => await ExpectOkAsync(registry.PostAsJsonAsync($"/api/registry/enterprises/{r.Owner}/licences", new
            {
                number = "11/GP-STTTT", type = "telecom-services", issuingAuthority = "department", issuedOn = Today.AddYears(-1), expiresOn = Today.AddYears(4),
            })),
            async () =>
            {
                await manager.FillAsync("#licence-number", "12/GP-STTTT");
                await manager.FillAsync("#licence-issued", Day(Today.AddDays(-2)));
                await manager.FillAsync("#licence-expires", Day(Today.AddYears(5)));
                await manager.ClickAsync("#grant");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("#licences")).ToContainTextAsync("11/GP-STTTT");
                await Expect(manager.Locator("#licences")).Not.ToContainTextAsync("12/GP-STTTT");
            }, () => Shot(manager, "r10-licence-stale"));
        Assert.Equal(1, (await registry.GetFromJsonAsync<JsonElement>($"/api/registry/enterprises/{r.Owner}")).GetProperty("licences").GetArrayLength());

        // Infrastructure: the permit requested meanwhile.
        await StaleStep.ExpectRefusedAsync(manager, $"/ha-tang/tram/{r.Site}",
            async () => await ExpectOkAsync(infrastructure.PostAsJsonAsync($"/api/infrastructure/sites/{r.Site}/permit-request", new { on = Today })),
            () => manager.ClickAsync("#request-permit"), "409",
            async () =>
            {
                await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đang xin phép");
                await Expect(manager.Locator("#approve-permit")).ToBeVisibleAsync();
            }, () => Shot(manager, "r11-site-stale"));

        // Reporting: the report returned meanwhile, so the acceptance from the stale page is refused.
        await StaleStep.ExpectRefusedAsync(manager, $"/bao-cao/{r.Report}",
            async () => await ExpectOkAsync(reporting.PostAsJsonAsync($"/api/reporting/submissions/{r.Report}/return", new { reason = "Thiếu số trạm BTS" })),
            () => manager.ClickAsync("#accept-report"), "409",
            async () =>
            {
                await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Trả lại");
                await Expect(manager.Locator("#accept-report")).ToHaveCountAsync(0);
            }, () => Shot(manager, "r12-report-stale"));
        Assert.Equal("returned", await StatusAsync(Platform.Reporting.CreateClient(), $"/api/reporting/submissions/{r.Report}", "submission"));
        // The returned report corrected and sent again by the enterprise meanwhile: the Department's stale send is refused.
        await StaleStep.ExpectRefusedAsync(manager, $"/bao-cao/{r.Report}",
            () => SubmitReportAsync(r.Owner, r.Report, revenue: 1_600_000_000),
            async () =>
            {
                await manager.FillAsync("#v-revenue-vnd", "1.700.000.000");
                await manager.ClickAsync("#submit-report");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đã gửi");
                await Expect(manager.Locator(".version").First).ToContainTextAsync("1.600.000.000 ₫");
                await Expect(manager.Locator("#accept-report")).ToBeVisibleAsync();
            }, () => Shot(manager, "r17-report-resubmitted-meanwhile"));

        // Meetings: a difficulty recorded meanwhile; the conclusion from the stale page is not recorded.
        await StaleStep.ExpectRefusedAsync(manager, $"/hop/{r.Meeting}",
            async () => await ExpectOkAsync(meetings.PostAsJsonAsync($"/api/meetings/meetings/{r.Meeting}/difficulties",
                new { enterpriseId = r.Owner, topic = "infrastructure-sharing", text = "Giá thuê cột điện tăng gấp đôi" })),
            async () =>
            {
                await manager.FillAsync("#conclusion-text", "Sở làm việc với Điện lực về giá thuê cột");
                await manager.ClickAsync("#conclude");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("#difficulties")).ToContainTextAsync("Giá thuê cột điện tăng gấp đôi");
                await Expect(manager.Locator("#conclusions li")).ToHaveCountAsync(0);
            }, () => Shot(manager, "r13-meeting-stale"));

        // A task's progress reported meanwhile.
        await StaleStep.ExpectRefusedAsync(manager, $"/hop/nhiem-vu/{r.Task}",
            async () => await ExpectOkAsync(meetings.PostAsJsonAsync($"/api/meetings/action-items/{r.Task}/progress", new { note = "Đã gửi công văn cho Điện lực", percent = 40 })),
            async () =>
            {
                await manager.FillAsync("#progress-note", "Chưa bắt đầu");
                await manager.FillAsync("#progress-percent", "0");
                await manager.ClickAsync("#report-progress");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("#notes")).ToContainTextAsync("Đã gửi công văn cho Điện lực");
                await Expect(manager.Locator("#notes")).Not.ToContainTextAsync("Chưa bắt đầu");
            }, () => Shot(manager, "r14-task-stale"));

        // An escalation answered meanwhile.
        await StaleStep.ExpectRefusedAsync(manager, $"/hop/kien-nghi/{r.Escalation}",
            async () => await ExpectOkAsync(meetings.PostAsJsonAsync($"/api/meetings/escalations/{r.Escalation}/response",
                new { response = "UBND tỉnh giao Sở Xây dựng hướng dẫn", respondedOn = Today })),
            async () =>
            {
                await manager.FillAsync("#response", "Chưa có văn bản");
                await manager.FillAsync("#responded-on", Day(Today));
                await manager.ClickAsync("#record-answer");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("#answer")).ToContainTextAsync("UBND tỉnh giao Sở Xây dựng hướng dẫn");
                await Expect(manager.Locator("#answer-form")).ToHaveCountAsync(0);
            }, () => Shot(manager, "r15-escalation-stale"));

        // A population figure corrected meanwhile (an edit: 412); the reload opens the figure as it is now, with its version.
        var year = Platform.Allocate.Years();
        var unit = $"/api/reporting/population/{year}/{Uri.EscapeDataString("Huyện Bát Xát")}?generation=three-tier";
        await ExpectOkAsync(reporting.PutAsJsonAsync(unit, new { inhabitants = 80_000 }));
        // The year is this test's own: its one figure.
        var figure = (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/population/{year}")).GetProperty("figures").EnumerateArray().Single();
        var change = $"/bao-cao/dan-so?nam={year}&don-vi={figure.GetProperty("code").GetString()}&the-he=three-tier";
        await StaleStep.ExpectRefusedAsync(manager, change,
            async () =>
            {
                using var correction = new HttpRequestMessage(HttpMethod.Put, unit) { Content = JsonContent.Create(new { inhabitants = 81_234 }) };
                correction.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{figure.GetProperty("version").GetInt64()}\""));
                await ExpectOkAsync(reporting.SendAsync(correction));
            },
            async () =>
            {
                await Expect(manager.Locator("#inhabitants")).ToHaveValueAsync("80.000");
                await manager.FillAsync("#inhabitants", "79.500");
                await manager.ClickAsync("#save-population");
            }, "412",
            async () =>
            {
                await Expect(manager.Locator("#inhabitants")).ToHaveValueAsync("81.234");
                await Expect(manager.Locator("#population-figures")).ToContainTextAsync("81.234");
            }, () => Shot(manager, "r16-population-stale"));
        await Accessibility.ExpectAccessibleAsync(manager, "population figures (reloaded)", Output);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public async Task Days_and_amounts_are_typed_and_shown_the_Departments_way_in_a_browser_set_to_another_locale(string locale)
    {
        var r = await RecordsAsync(locale);
        var officer = await Platform.SignInAsync(PlatformRoles.Officer, "nguyen.thi.lan", locale: locale);
        Assert.Equal(locale, await officer.EvaluateAsync<string>("navigator.language"));

        // Days: typed dd/MM/yyyy into plain text inputs (no date picker in the browser's format), shown dd/MM/yyyy.
        await officer.GotoAsync($"/doanh-nghiep/{r.Owner}");
        await Expect(officer.Locator("input[type=date]")).ToHaveCountAsync(0);
        await Expect(officer.Locator("#licence-issued")).ToHaveAttributeAsync("placeholder", "dd/mm/yyyy");
        await officer.FillAsync("#licence-number", "77/GP-STTTT");
        await officer.FillAsync("#licence-issued", "05/09/2025"); // 5 September: in a US browser 09/05 would be read as 5 September too, not here
        await officer.FillAsync("#licence-expires", "04/09/2030");
        await officer.ClickAsync("#grant");
        await Expect(officer.Locator("#done")).ToHaveTextAsync("Đã ghi nhận giấy phép.");
        var row = officer.Locator("#licences tr", new() { HasText = "77/GP-STTTT" });
        await Expect(row).ToContainTextAsync("05/09/2025");
        await Expect(row).ToContainTextAsync("04/09/2030");
        var licence = (await DetailAsync(r.Owner)).GetProperty("licences")[0];
        Assert.Equal("2025-09-05", licence.GetProperty("issuedOn").GetString());
        Assert.Equal("2030-09-04", licence.GetProperty("expiresOn").GetString());
        await Shot(officer, $"r20-licence-{locale}");
        // The English variant keeps the Department's day format.
        await officer.GotoAsync($"/doanh-nghiep/{r.Owner}?culture=en");
        await Expect(officer.Locator("#licences tr", new() { HasText = "77/GP-STTTT" })).ToContainTextAsync("04/09/2030");
        await officer.GotoAsync($"/doanh-nghiep/{r.Owner}?culture=vi");

        foreach (var address in new[] { $"/ha-tang/tram/{r.Site}", "/ha-tang/cong-trinh", "/hop/moi", "/hop/nhiem-vu", $"/hop/nhiem-vu/{r.Task}", $"/hop/{r.Meeting}", "/bao-cao/chi-tieu" })
        {
            await officer.GotoAsync(address);
            await Expect(officer.Locator("h1")).ToBeVisibleAsync();
            await Expect(officer.Locator("input[type=date]")).ToHaveCountAsync(0);
        }
        await officer.GotoAsync($"/hop/nhiem-vu/{r.Task}");
        await Expect(officer.Locator("#deadline")).ToContainTextAsync(Day(Today.AddDays(30)));

        // Amounts: typed "2.500.000", shown "2.500.000 ₫"; a figure typed "1.234.567" is one million and more, shown the same way.
        await officer.GotoAsync($"/ha-tang/dung-chung/{r.Request}");
        await officer.FillAsync("input[name='OfferForm.Fee']", "2.500.000");
        await officer.FillAsync("input[name='OfferForm.Term']", "24");
        await officer.FillAsync("input[name='OfferForm.Conditions']", "Lắp ở độ cao 30 m");
        await officer.ClickAsync("#offer");
        await Expect(officer.Locator("dl.facts")).ToContainTextAsync("2.500.000 ₫");
        using (var infrastructure = Platform.Infrastructure.CreateClient())
        {
            var request = await infrastructure.GetFromJsonAsync<JsonElement>($"/api/infrastructure/sharing-requests/{r.Request}");
            Assert.Equal(2_500_000m, request.GetProperty("request").GetProperty("offer").GetProperty("monthlyFeeVnd").GetDecimal());
        }
        var year = Platform.Allocate.Years();
        await officer.GotoAsync($"/bao-cao/dan-so?nam={year}");
        await officer.FillAsync("#unit", "Huyện Bảo Thắng");
        await officer.SelectOptionAsync("#generation", "three-tier");
        await officer.FillAsync("#inhabitants", "1.234.567");
        await officer.ClickAsync("#save-population");
        await Expect(officer.Locator("#population-saved")).ToBeVisibleAsync();
        await Expect(officer.Locator("#population-figures tr:has(td)")).ToHaveCountAsync(1); // the year is this test's own
        await Expect(officer.Locator("#population-figures tr:has(td)")).ToContainTextAsync("Bảo Thắng");
        await Expect(officer.Locator("#population-figures tr:has(td)")).ToContainTextAsync("1.234.567");
        await Shot(officer, $"r21-population-{locale}");
        await Accessibility.ExpectAccessibleAsync(officer, $"population figures ({locale})", Output);
    }

    private sealed record Records(Guid Owner, Guid Requester, string RequesterName, Guid Site, Guid FreeSite, Guid OwnSite, Guid Request, Guid Report,
        Guid Meeting, Guid Task, Guid Escalation);

    /// <summary>One of each workflow's records, this test's own: an owner and a requester, two of the owner's sites (planned)
    /// and one of the requester's, a sharing request on the owner's site, the owner's report of this month (submitted), a meeting held
    /// today with a difficulty escalated, and a task assigned to the owner.</summary>
    private async Task<Records> RecordsAsync(string tag)
    {
        var requesterName = $"Viễn thông Đề Nghị {tag}";
        var (owner, requester) = (await Platform.RegisterEnterpriseAsync($"Công ty Hạ tầng Chủ {tag}", $"Hạ tầng Chủ {tag}"),
            await Platform.RegisterEnterpriseAsync($"Công ty {requesterName}", requesterName));
        foreach (var enterprise in new[] { owner, requester })
            await Platform.KnownAsync(enterprise, Platform.Infrastructure.Services, Platform.Meetings.Services);

        using var infrastructure = Platform.Infrastructure.CreateClient();
        async Task<Guid> SiteAsync(Guid of, string name) => await CreatedAsync(infrastructure.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name, kind = "greenfield-tower", ownerId = of, district = "Thành phố Lào Cai", commune = "Phường Bắc Cường",
            latitude = 22.4300, longitude = 103.9900, address = "Tổ 7", heightMetres = 30, tenantCapacity = 3, zone = "in-plan",
        }));
        var site = await SiteAsync(owner, $"Trạm BTS Bắc Cường {tag}");
        var freeSite = await SiteAsync(owner, $"Trạm BTS Pom Hán {tag}"); // nobody has asked to share it yet
        var ownSite = await SiteAsync(requester, $"Trạm BTS Nam Cường {tag}");
        var request = await CreatedAsync(infrastructure.PostAsJsonAsync("/api/infrastructure/sharing-requests", new { siteId = site, requesterId = requester, purpose = "Lắp đặt ăng-ten 5G" }));

        using var reporting = Platform.Reporting.CreateClient();
        var obligations = await Eventually.Until(
            async () => (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/obligations?enterpriseId={owner}&pageSize=200")).GetProperty("items"),
            o => o.EnumerateArray().Any(Monthly), TimeSpan.FromSeconds(60), "this month's report owed");
        static bool Monthly(JsonElement o) => o.GetProperty("template").GetString() == "telecom-monthly";
        var report = obligations.EnumerateArray().Last(Monthly).GetProperty("id").GetGuid();
        await SubmitReportAsync(owner, report, revenue: 1_500_000_000);

        using var meetings = Platform.Meetings.CreateClient();
        var meeting = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/meetings", new
        {
            kind = "quarterly-briefing", title = $"Giao ban hạ tầng {tag}", date = Today, place = "Hội trường Sở", chair = "Phó Giám đốc Sở",
            agenda = new[] { "Dùng chung hạ tầng" }, invitedEnterpriseIds = new[] { owner, requester }, invitedOfficials = Array.Empty<object>(),
        }));
        await ExpectOkAsync(meetings.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/holding", new { attendance = Array.Empty<object>() }));
        var raised = await meetings.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/difficulties",
            new { enterpriseId = owner, topic = "land-and-permits", text = "Chậm cấp phép xây dựng trạm BTS" });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        var difficulty = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("itemId").GetGuid();
        var escalation = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/escalations", new
        {
            to = "peoples-committee", summary = "Đề nghị đẩy nhanh cấp phép xây dựng trạm BTS", difficulties = new[] { new { meetingId = meeting, difficultyId = difficulty } }, escalatedOn = Today,
        }));
        var task = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/action-items", new
        {
            title = "Báo cáo danh mục trạm chờ cấp phép", assigneeKind = "enterprise", assigneeEnterpriseId = owner, deadline = Today.AddDays(30),
        }));
        return new(owner, requester, requesterName, site, freeSite, ownSite, request, report, meeting, task, escalation);
    }

    /// <summary>The enterprise's representative sends the report (again, after a return).</summary>
    private async Task SubmitReportAsync(Guid enterprise, Guid report, decimal revenue)
    {
        using var representative = Platform.Reporting.CreateClientAs(PlatformRoles.Representative, enterprise);
        await ExpectOkAsync(representative.PostAsJsonAsync($"/api/reporting/submissions/{report}/submission", new
        {
            values = new Dictionary<string, decimal>
            {
                ["mobile-subscribers"] = 50_000, ["prepaid-subscribers"] = 40_000, ["prepaid-registered"] = 39_000, ["fixed-subscribers"] = 1_000,
                ["internet-subscribers"] = 9_000, ["operational-bts"] = 30, ["revenue-vnd"] = revenue,
            },
            signerName = "Nguyễn Văn An", signerTitle = "Giám đốc",
        }));
    }

    private async Task<int> RequestsOfAsync(Guid requester)
    {
        using var infrastructure = Platform.Infrastructure.CreateClient();
        var all = await infrastructure.GetFromJsonAsync<JsonElement>($"/api/infrastructure/sharing-requests?enterpriseId={requester}&pageSize=200");
        return all.GetProperty("items").EnumerateArray().Count(q => q.GetProperty("requesterId").GetGuid() == requester);
    }

    private async Task<JsonElement> DetailAsync(Guid enterprise)
    {
        using var registry = Platform.Registry.CreateClient();
        return await registry.GetFromJsonAsync<JsonElement>($"/api/registry/enterprises/{enterprise}");
    }

    /// <summary>The record's status as its API answers it (<paramref name="inner"/>: the property that holds the record).</summary>
    private static async Task<string> StatusAsync(HttpClient api, string path, string? inner)
    {
        using var client = api;
        var body = await client.GetFromJsonAsync<JsonElement>(path);
        return (inner is null ? body : body.GetProperty(inner)).GetProperty("status").GetString()!;
    }
}
