using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.Registry;
using Microsoft.Playwright;
using Platform.Registry.Enterprises;
using Platform.Testing;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The console in headless Chromium against the real services: what an officer, an enterprise representative
/// and a manager do, each signed in through the development sign-in page. Every step waits for what the page shows.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    [Fact]
    public async Task An_officer_signs_in_at_the_identity_service_after_a_wrong_password_and_signs_out_there()
    {
        var userName = await Platform.CreateAccountAsync(PlatformRoles.Officer, "Đỗ Thị Thu Hà", "Mat-khau-2026");
        var page = await Platform.NewSessionAsync();
        await page.GotoAsync("/doanh-nghiep");
        await page.WaitForURLAsync("**/dang-nhap?ReturnUrl=%2Fdoanh-nghiep");
        await page.ClickAsync("#sign-in-oidc");
        await page.WaitForURLAsync($"{Platform.Identity.Address}dang-nhap**"); // the identity service's own page
        await Accessibility.ExpectAccessibleAsync(page, "identity provider: sign-in", Output);

        await page.FillAsync("input[name=UserName]", userName);
        await page.FillAsync("input[name=Password]", "Sai-mat-khau-1");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("không đúng");
        await Shot(page, "oidc-01-wrong-password");
        await Accessibility.ExpectAccessibleAsync(page, "identity provider: sign-in with a wrong password", Output);

        await page.FillAsync("input[name=Password]", "Mat-khau-2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{Platform.Web.Address}doanh-nghiep");
        await Assertions.Expect(page.Locator("[data-testid=who]")).ToContainTextAsync("Đỗ Thị Thu Hà");
        // The directory came from the Registry with the identity service's token.
        await Assertions.Expect(page.Locator("#directory")).ToBeVisibleAsync();
        await Shot(page, "oidc-02-signed-in");

        await page.ClickAsync("text=Đăng xuất");
        await page.WaitForURLAsync($"{Platform.Web.Address}dang-nhap");
        // Signed out at the provider too: signing in again asks for the password.
        await page.ClickAsync("#sign-in-oidc");
        await page.WaitForURLAsync($"{Platform.Identity.Address}dang-nhap**");
        await Assertions.Expect(page.Locator("input[name=Password]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Three_wrong_passwords_at_the_identity_service_lock_the_account()
    {
        var userName = await Platform.CreateAccountAsync(PlatformRoles.Officer, "Vũ Văn Khoá", "Mat-khau-2026");
        var page = await Platform.NewSessionAsync();
        await page.GotoAsync("/dang-nhap");
        await page.ClickAsync("#sign-in-oidc");
        await page.WaitForURLAsync($"{Platform.Identity.Address}dang-nhap**");
        for (var i = 0; i < 3; i++)
        {
            await page.FillAsync("input[name=UserName]", userName);
            await page.FillAsync("input[name=Password]", "Sai-mat-khau-1");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync("[role=alert]");
        }
        await page.FillAsync("input[name=UserName]", userName);
        await page.FillAsync("input[name=Password]", "Mat-khau-2026");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("tạm bị khoá");
        await Shot(page, "oidc-03-locked-out");
        await Accessibility.ExpectAccessibleAsync(page, "identity provider: account locked", Output);
    }

    [Fact]
    public async Task An_officer_registers_an_enterprise_and_sees_it_in_the_directory()
    {
        var page = await Platform.SignInAsync(PlatformRoles.Officer, "nguyen.van.an");
        await Shot(page, "01-dashboard-officer");

        await page.GotoAsync("/doanh-nghiep");
        await page.ClickAsync("#register-enterprise");
        var taxCode = NewTaxCode();
        // First with a tax code whose check digit is wrong: the Registry's message appears next to that field, the rest is kept.
        var wrong = taxCode[..9] + (char)('0' + (taxCode[9] - '0' + 1) % 10);
        await page.FillAsync("#taxCode", wrong);
        await page.FillAsync("#legalName", "Công ty Cổ phần Viễn thông Hoàng Liên");
        await page.FillAsync("#shortName", "Viễn thông Hoàng Liên");
        await page.SelectOptionAsync("#sector", "telecom");
        await page.SelectOptionAsync("#kind", "network-operator");
        await page.FillAsync("#street", "Số 8 đường Hoàng Liên");
        await page.FillAsync("#commune", "Phường Cốc Lếu");
        await page.FillAsync("#district", "Thành phố Lào Cai");
        await page.FillAsync("#repName", "Phạm Thị Hoa");
        await page.FillAsync("#repTitle", "Giám đốc");
        await page.FillAsync("#phone", "0214 3822 888");
        await page.FillAsync("#email", "hoanglien@example.invalid");
        await page.ClickAsync("#save");
        var taxError = page.Locator("span.field-error[data-field=taxCode]");
        await Assertions.Expect(taxError).ToContainTextAsync("chữ số kiểm tra không khớp");
        await Assertions.Expect(page.Locator("#legalName")).ToHaveValueAsync("Công ty Cổ phần Viễn thông Hoàng Liên");
        await Shot(page, "02-enterprise-register-error");

        await page.FillAsync("#taxCode", taxCode);
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#registered")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#legal-name")).ToHaveTextAsync("Công ty Cổ phần Viễn thông Hoàng Liên");
        await Shot(page, "03-enterprise-detail");

        // The browser tests share one platform whose register holds more enterprises than a directory page: found by its tax code.
        await page.GotoAsync($"/doanh-nghiep?q={taxCode}");
        var row = page.Locator("#directory tbody tr", new() { HasText = taxCode });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Viễn thông Hoàng Liên");
        await Assertions.Expect(row).ToContainTextAsync("Đang hoạt động");
        // The same search the Department uses, without diacritics.
        await page.FillAsync("#search", "hoang lien");
        await page.PressAsync("#search", "Enter");
        // The row was there before the search too: wait for the search's own page, or the sign-out below can race it.
        await page.WaitForURLAsync("**q=hoang*");
        await Assertions.Expect(page.Locator("#directory tbody tr", new() { HasText = taxCode })).ToHaveCountAsync(1);
        await Shot(page, "04-enterprise-directory");

        await page.ClickAsync("text=Đăng xuất");
        await page.WaitForURLAsync("**/dang-nhap");
        await page.GotoAsync("/doanh-nghiep");
        await page.WaitForURLAsync("**/dang-nhap?ReturnUrl=%2Fdoanh-nghiep"); // signed out: the pages ask to sign in again
    }

    [Fact]
    public async Task A_representative_submits_a_report_with_one_error_fixes_it_and_a_manager_accepts_it()
    {
        var enterprise = await Platform.RegisterEnterpriseAsync("Công ty TNHH Mạng Sông Hồng", "Mạng Sông Hồng", "network-operator");
        // The Reporting service learns the enterprise from the Registry's event and opens this month's obligation.
        using var reporting = Platform.Reporting.CreateClient();
        var obligations = await Eventually.Until(
            async () => (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/obligations?enterpriseId={enterprise}&pageSize=200")).GetProperty("items"),
            o => o.EnumerateArray().Any(Monthly), TimeSpan.FromSeconds(60), "obligation opened");
        // The monthly report (an operator also owes the annual one, whose form has other fields).
        var submissionId = obligations.EnumerateArray().Last(Monthly).GetProperty("id").GetGuid();
        static bool Monthly(JsonElement o) => o.GetProperty("template").GetString() == "telecom-monthly";

        var rep = await Platform.SignInAsync(PlatformRoles.Representative, "le.van.binh", enterprise);
        await Assertions.Expect(rep.Locator("nav")).Not.ToContainTextAsync("Danh bạ doanh nghiệp"); // its own enterprise's pages only
        await rep.ClickAsync("nav a[href='/bao-cao']");
        await rep.Locator($"#obligations a[href='/bao-cao/{submissionId}']").ClickAsync();
        await rep.FillAsync("#v-mobile-subscribers", "120.000");
        await rep.FillAsync("#v-prepaid-subscribers", "130.000"); // more prepaid than mobile subscribers: the template's rule
        await rep.FillAsync("#v-prepaid-registered", "90.000");
        await rep.FillAsync("#v-fixed-subscribers", "5.000");
        await rep.FillAsync("#v-internet-subscribers", "30.000");
        await rep.FillAsync("#v-operational-bts", "120");
        await rep.FillAsync("#v-revenue-vnd", "9.500.000.000");
        await rep.FillAsync("#signerName", "Lê Văn Bình");
        await rep.FillAsync("#signerTitle", "Giám đốc chi nhánh");
        await rep.ClickAsync("#submit-report");

        var error = rep.Locator("span.field-error[data-field=prepaid-subscribers]");
        await Assertions.Expect(error).ToHaveTextAsync("số thuê bao trả trước không được vượt quá số thuê bao di động");
        await Assertions.Expect(rep.Locator("span.field-error")).ToHaveCountAsync(1);
        await Assertions.Expect(rep.Locator("#v-revenue-vnd")).ToHaveValueAsync("9.500.000.000"); // nothing typed is lost
        await Shot(rep, "05-report-validation-error");
        Assert.Equal("due", await StatusAsync(reporting, submissionId)); // refused: nothing was written

        await rep.FillAsync("#v-prepaid-subscribers", "100.000");
        await rep.ClickAsync("#submit-report");
        await Assertions.Expect(rep.Locator("#done")).ToHaveTextAsync("Đã nộp báo cáo.");
        await Assertions.Expect(rep.Locator("h1 .status")).ToHaveTextAsync("Đã gửi");
        await Shot(rep, "06-report-submitted");

        var manager = await Platform.OpenAsAsync(PlatformRoles.Manager, "tran.quoc.huy", $"/bao-cao?doanhNghiep={enterprise}");
        await manager.Locator($"#obligations a[href='/bao-cao/{submissionId}']").ClickAsync();
        await Assertions.Expect(manager.Locator(".version")).ToContainTextAsync("100.000");
        await Assertions.Expect(manager.Locator(".version")).ToContainTextAsync("9.500.000.000 ₫");
        await manager.ClickAsync("#accept-report");
        await Assertions.Expect(manager.Locator("#done")).ToHaveTextAsync("Đã tiếp nhận báo cáo.");
        await Assertions.Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đã tiếp nhận");
        await Assertions.Expect(manager.Locator(".timeline")).ToContainTextAsync("Tiếp nhận báo cáo");
        await Shot(manager, "07-report-accepted");
        Assert.Equal("accepted", await StatusAsync(reporting, submissionId));

        // The representative sees the acceptance, and cannot open another enterprise's page.
        await rep.ReloadAsync();
        await Assertions.Expect(rep.Locator("h1 .status")).ToHaveTextAsync("Đã tiếp nhận");
        await rep.GotoAsync($"/doanh-nghiep/{Guid.NewGuid()}");
        await Assertions.Expect(rep.Locator(".problem")).ToHaveAttributeAsync("data-status", "403");
    }

    [Fact]
    public async Task The_main_pages_show_the_platforms_data_and_a_stale_step_offers_to_reload()
    {
        var (owner, requester) = (await Platform.RegisterEnterpriseAsync("Tổng công ty Hạ tầng Lào Cai", "Hạ tầng LC", "network-operator"),
            await Platform.RegisterEnterpriseAsync("Công ty Viễn thông Fansipan", "Fansipan Telecom", "network-operator"));
        using var infrastructure = Platform.Infrastructure.CreateClient();
        var sites = new List<Guid>();
        foreach (var (name, district, commune, lat, lng) in new[]
                 {
                     ("Trạm BTS Cốc Lếu", "Thành phố Lào Cai", "Phường Cốc Lếu", 22.4856, 103.9707),
                     ("Trạm BTS Kim Tân", "Thành phố Lào Cai", "Phường Kim Tân", 22.4200, 103.9850),
                     ("Trạm BTS Y Tý", "Huyện Bát Xát", "Xã Y Tý", 22.6300, 103.6300),
                 })
        {
            // Infrastructure knows the owner only once the Registry's event has reached it.
            var created = await Eventually.Until(() => infrastructure.PostAsJsonAsync("/api/infrastructure/sites", new
            {
                name, kind = "greenfield-tower", ownerId = owner, district, commune, latitude = lat, longitude = lng, address = "Thôn 1",
                heightMetres = 36, tenantCapacity = 3, zone = "in-plan",
            }), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), $"site {name} registered");
            sites.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        var request = await Eventually.Until(() => infrastructure.PostAsJsonAsync("/api/infrastructure/sharing-requests",
            new { siteId = sites[0], requesterId = requester, purpose = "Lắp đặt ăng-ten 4G" }), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "sharing request");
        var requestId = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var meetings = Platform.Meetings.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var meeting = await Eventually.Until(() => meetings.PostAsJsonAsync("/api/meetings/meetings", new
        {
            kind = "quarterly-briefing", title = "Giao ban doanh nghiệp viễn thông quý", date = today.AddDays(7), place = "Hội trường Sở",
            chair = "Giám đốc Sở", agenda = new[] { "Dùng chung hạ tầng", "Ngầm hóa cáp treo" }, invitedEnterpriseIds = new[] { owner, requester },
            invitedOfficials = Array.Empty<object>(),
        }), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "meeting scheduled");
        var meetingId = (await meeting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ExpectCreatedAsync(await meetings.PostAsJsonAsync("/api/meetings/action-items", new
        {
            title = "Báo cáo số trạm BTS dùng chung", assigneeKind = "enterprise", assigneeEnterpriseId = owner, deadline = today.AddDays(30),
        }));
        var year = Platform.Allocate.Years(); // one agreement a year: a year no other test drafts
        await ExpectCreatedAsync(await meetings.PostAsJsonAsync("/api/meetings/agreements", new
        {
            year, title = $"Chương trình phối hợp năm {year}", enterpriseIds = new[] { owner, requester },
            commitments = new[] { new { text = "Giao ban 6 tháng một lần", category = "briefing", party = "both", cadence = "six-monthly" } },
        }));

        // An operator registered three months ago owes the past months' reports: last month's is accepted (so the province
        // has a density), the older ones are overdue. The Registry stamps its events with the commit time, so that
        // registration is announced on the bus with its old date, as the Registry would have announced it then.
        var veteran = Guid.NewGuid();
        await Platform.Reporting.Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), veteran, 1, DateTimeOffset.UtcNow.AddDays(-95),
            "Công ty Viễn thông Biên Giới", "Viễn thông Biên Giới", NewTaxCode(), ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 5"));
        using var registry = Platform.Registry.CreateClient();
        await ExpectCreatedAsync(await registry.PostAsJsonAsync($"/api/registry/enterprises/{owner}/licences", new
        {
            number = "123/GP-BTTTT", type = "telecom-network", issuingAuthority = "ministry", issuedOn = today.AddYears(-10), expiresOn = today.AddDays(40),
        }));
        var lastMonth = Platform.Allocate.LastMonth(); // the dashboard's period: this test's alone
        using var reporting = Platform.Reporting.CreateClient();
        var owed = await Eventually.Until(
            async () => (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/obligations?enterpriseId={veteran}&period={lastMonth}&pageSize=200")).GetProperty("items"),
            o => o.GetArrayLength() == 1, TimeSpan.FromSeconds(60), "last month's obligation opened");
        var lastMonthsReport = owed[0].GetProperty("id").GetGuid();
        using var representative = Platform.Reporting.CreateClientAs(PlatformRoles.Representative, veteran);
        Assert.True((await representative.PostAsJsonAsync($"/api/reporting/submissions/{lastMonthsReport}/submission", new
        {
            values = new Dictionary<string, decimal>
            {
                ["mobile-subscribers"] = 95_000, ["prepaid-subscribers"] = 80_000, ["prepaid-registered"] = 79_000, ["fixed-subscribers"] = 4_000,
                ["internet-subscribers"] = 21_000, ["operational-bts"] = 140, ["revenue-vnd"] = 12_500_000_000,
            },
            signerName = "Đỗ Minh Tâm", signerTitle = "Giám đốc",
        })).IsSuccessStatusCode);
        Assert.True((await reporting.PostAsync($"/api/reporting/submissions/{lastMonthsReport}/acceptance", null)).IsSuccessStatusCode);

        var page = await Platform.SignInAsync(PlatformRoles.Manager, "tran.quoc.huy");
        await Assertions.Expect(page.Locator("[data-testid=licences]")).ToContainTextAsync("123/GP-BTTTT");
        await Assertions.Expect(page.Locator("[data-testid=reports]")).ToContainTextAsync("Viễn thông Biên Giới");
        await Assertions.Expect(page.Locator("[data-testid=density] svg rect")).Not.ToHaveCountAsync(0);
        await Shot(page, "08-dashboard-manager");

        // The owner's sites: other browser tests share this platform and register sites of their own.
        await page.GotoAsync($"/ha-tang/tram?chuSoHuu={owner}");
        // No tile server: the base layer is the province's 99 communes (shipped boundaries), coloured by coverage, and
        // Leaflet drew every site as a circle marker on it.
        await Assertions.Expect(page.Locator("#site-map")).ToHaveAttributeAsync("data-points", "3");
        await Assertions.Expect(page.Locator("#site-map path.site")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#site-map")).ToHaveAttributeAsync("data-communes", "99");
        await Assertions.Expect(page.Locator("#site-map path.commune")).ToHaveCountAsync(99);
        await Shot(page, "09-site-register-map");

        await page.GotoAsync("/ha-tang/dung-chung");
        await Assertions.Expect(page.Locator("#sharing tbody tr, #sharing tr", new() { HasText = "Fansipan Telecom" })).ToHaveCountAsync(1);
        await Shot(page, "10-sharing-requests");

        // Two tabs on the same request: the owner's offer is made in one, so the refusal from the other, stale one gets a 409 and a reload link.
        await page.GotoAsync($"/ha-tang/dung-chung/{requestId}");
        var stale = await page.SecondTabAsync();
        await StaleStep.ExpectRefusedAsync(stale,
            async () =>
            {
                await page.FillAsync("input[name='OfferForm.Fee']", "2.500.000");
                await page.FillAsync("input[name='OfferForm.Term']", "24");
                await page.FillAsync("input[name='OfferForm.Conditions']", "Lắp ở độ cao 30 m");
                await page.ClickAsync("#offer");
                await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("2.500.000 ₫");
                await Shot(page, "11-sharing-request-offered");
            },
            async () =>
            {
                await stale.SelectOptionAsync("select[name='RefuseForm.Reason']", "no-capacity");
                await stale.ClickAsync("#refuse");
            }, "409",
            () => Assertions.Expect(stale.Locator("dl.facts .status").First).ToHaveTextAsync("Đã có đề nghị"),
            () => Shot(stale, "12-sharing-request-conflict"));

        // The calendar shows one month a page: the meeting's own month (a week ahead may be next month).
        await page.GotoAsync($"/hop?thang={today.AddDays(7).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}");
        await Assertions.Expect(page.Locator("table.calendar tr", new() { HasText = "Giao ban doanh nghiệp viễn thông quý" }).First).ToBeVisibleAsync();
        await Shot(page, "13-meeting-calendar");
        await page.GotoAsync($"/hop/{meetingId}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Ngầm hóa cáp treo");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Fansipan Telecom");
        await Shot(page, "14-meeting-detail");
        await page.GotoAsync("/hop/nhiem-vu");
        await Assertions.Expect(page.Locator("table.actions")).ToContainTextAsync("Hạ tầng LC");
        await Shot(page, "15-action-tracker");
        await page.GotoAsync("/hop/thoa-thuan");
        // The meeting browser tests, sharing this platform, add agreements of their own: find this test's by its party.
        await Assertions.Expect(page.Locator("table.signatures", new() { HasText = "Fansipan Telecom" }).First).ToBeVisibleAsync();
        await Shot(page, "16-agreement-signatures");

        await page.GotoAsync("/bao-cao/ma-tran");
        await Assertions.Expect(page.Locator("#status-matrix")).ToContainTextAsync("Hạ tầng LC");
        await Shot(page, "17-reporting-status-matrix");
        await page.GotoAsync($"/bao-cao/chi-tieu?ky={lastMonth}&ngay={today:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("#totals tr", new() { HasText = "Doanh thu" })).ToContainTextAsync("12.500.000.000 ₫");
        await Assertions.Expect(page.Locator("#totals tr", new() { HasText = "di động đang hoạt động" })).ToContainTextAsync("95.000");
        await Assertions.Expect(page.Locator("#export-xlsx")).ToHaveAttributeAsync("href", $"/xuat/chi-tieu/{lastMonth}?format=xlsx&template=telecom-monthly&asOf={today:yyyy-MM-dd}");
        await Shot(page, "18-provincial-indicators");
        await page.FillAsync("#as-of", today.AddDays(-1).ToString("dd/MM/yyyy")); // typed as the Department writes days, whatever the browser's locale
        await page.ClickAsync("#indicator-filters button");
        await Assertions.Expect(page.Locator("main .hint")).ToContainTextAsync("Báo cáo đã tiếp nhận: 0"); // as known yesterday, before the acceptance
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename);
        Assert.Contains("Mã chỉ tiêu", await File.ReadAllTextAsync((await download.PathAsync())!));
    }


    private static async Task ExpectCreatedAsync(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    private static async Task<string> StatusAsync(HttpClient reporting, Guid submissionId) =>
        (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/submissions/{submissionId}")).GetProperty("submission").GetProperty("status").GetString()!;
}
