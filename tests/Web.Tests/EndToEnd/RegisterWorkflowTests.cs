using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Platform.Registry.Enterprises;
using Platform.Testing;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The register's workflows in the browser: an enterprise's lifecycle and licences, editing its details, a
/// site through its permit steps, a site import file, planned civil works. Each: the main path, and a refusal that
/// shows next to its field (or as the API's problem) and changes nothing.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RegisterWorkflowTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    [Fact]
    public async Task An_officer_grants_and_renews_a_licence_and_a_manager_suspends_reinstates_revokes_and_records_cessation()
    {
        var id = await Platform.RegisterEnterpriseAsync("Công ty TNHH Bưu chính Phan Xi Păng", "Bưu chính Phan Xi Păng");
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "nguyen.thi.lan", $"/doanh-nghiep/{id}");
        // An officer edits and grants, but sanctions and revocations are a manager's: those buttons are not there.
        await Expect(officer.Locator("#grant")).ToBeVisibleAsync();
        await Expect(officer.Locator("#edit-details")).ToBeVisibleAsync();
        await Expect(officer.Locator("#suspend, #cease, #revoke")).ToHaveCountAsync(0);

        await officer.FillAsync("#licence-number", "45/GP-BTTTT");
        await officer.SelectOptionAsync("#licence-type", "postal");
        await officer.SelectOptionAsync("#licence-authority", "ministry");
        await officer.FillAsync("#licence-issued", "15/03/2021");
        await officer.FillAsync("#licence-expires", "31/02/2031"); // no such day: refused by the console, next to the field
        await officer.ClickAsync("#grant");
        await Expect(officer.Locator("span.field-error[data-field=expiresOn]")).ToHaveTextAsync("phải là ngày viết theo dạng dd/mm/yyyy");
        await Expect(officer.Locator("#licence-number")).ToHaveValueAsync("45/GP-BTTTT"); // nothing typed is lost
        await officer.FillAsync("#licence-expires", "14/03/2031");
        await officer.ClickAsync("#grant");
        await Expect(officer.Locator("#done")).ToHaveTextAsync("Đã ghi nhận giấy phép.");
        var licenceRow = officer.Locator("#licences tr", new() { HasText = "45/GP-BTTTT" });
        await Expect(licenceRow).ToContainTextAsync("15/03/2021");
        await Expect(licenceRow).ToContainTextAsync("14/03/2031");
        await Expect(licenceRow).ToContainTextAsync("Còn hiệu lực");

        // A renewal must move the expiry later: the Registry's 422 is shown and the licence keeps its date.
        await officer.FillAsync("#renew-expires", "01/01/2030");
        await officer.ClickAsync("#renew");
        await Expect(officer.Locator(".problem")).ToHaveAttributeAsync("data-status", "422");
        await ShotAndCheck(officer, "20-licence-renewal-refused");
        Assert.Equal("2031-03-14", (await DetailAsync(id)).GetProperty("licences")[0].GetProperty("expiresOn").GetString());
        await officer.FillAsync("#renew-expires", "14/03/2036");
        await officer.ClickAsync("#renew");
        await Expect(officer.Locator("#done")).ToHaveTextAsync("Đã gia hạn giấy phép.");
        await Expect(licenceRow).ToContainTextAsync("14/03/2036");
        await ShotAndCheck(officer, "21-licence-renewed");

        var manager = await Platform.OpenAsAsync(PlatformRoles.Manager, "tran.quoc.huy", $"/doanh-nghiep/{id}");
        await manager.ClickAsync("#suspend"); // without a reason: the Registry's field error, next to the field
        await Expect(manager.Locator("#suspend-form span.field-error[data-field=reason]")).ToHaveTextAsync("là bắt buộc");
        Assert.Equal("active", (await DetailAsync(id)).GetProperty("status").GetString());
        await manager.FillAsync("#suspend-reason", "Không nộp báo cáo 3 kỳ liên tiếp");
        await manager.ClickAsync("#suspend");
        await Expect(manager.Locator("#done")).ToHaveTextAsync("Doanh nghiệp đã bị tạm ngừng hoạt động.");
        await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Tạm ngừng");
        await Expect(manager.Locator("#status-reason")).ToHaveTextAsync("Không nộp báo cáo 3 kỳ liên tiếp");
        await Expect(manager.Locator("#suspend")).ToHaveCountAsync(0); // a suspended enterprise is reinstated, not suspended again
        await ShotAndCheck(manager, "22-enterprise-suspended");

        await manager.ClickAsync("#reinstate");
        await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đang hoạt động");
        await manager.FillAsync("#revoke-reason", "Vi phạm điều kiện cấp phép");
        await manager.ClickAsync("#revoke");
        await Expect(manager.Locator("#done")).ToHaveTextAsync("Đã thu hồi giấy phép.");
        await Expect(manager.Locator("#licences tr", new() { HasText = "45/GP-BTTTT" })).ToContainTextAsync("Đã thu hồi");
        await manager.FillAsync("#cease-reason", "Giải thể theo quyết định của chủ sở hữu");
        await manager.ClickAsync("#cease");
        await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Chấm dứt hoạt động");
        // Ceased is final: no step is offered any more.
        await Expect(manager.Locator("main form")).ToHaveCountAsync(0);
        await Expect(manager.Locator(".timeline")).ToContainTextAsync("Thu hồi giấy phép");
        await ShotAndCheck(manager, "23-enterprise-ceased");
        Assert.Equal("ceased", (await DetailAsync(id)).GetProperty("status").GetString());

        // An auditor reads the same page and is offered nothing.
        var auditor = await Platform.OpenAsAsync(PlatformRoles.Auditor, "le.thanh.tra", $"/doanh-nghiep/{await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Tin học Cốc Lếu", "Tin học Cốc Lếu")}");
        await Expect(auditor.Locator("h1")).ToContainTextAsync("Tin học Cốc Lếu");
        await Expect(auditor.Locator("main form")).ToHaveCountAsync(0);
        await Expect(auditor.Locator("#edit-details")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_officer_edits_an_enterprises_details_and_a_stale_copy_offers_to_reload()
    {
        var id = await Platform.RegisterEnterpriseAsync("Công ty TNHH Điện tử Kim Tân", "Điện tử Kim Tân");
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "nguyen.thi.lan", $"/doanh-nghiep/{id}");
        await officer.ClickAsync("#edit-details");
        await officer.WaitForURLAsync($"**/doanh-nghiep/{id}/sua");
        var stale = await officer.SecondTabAsync();

        // The other tab still shows the version before the first tab's save: its edit is refused, not written over the first.
        await StaleStep.ExpectRefusedAsync(stale,
            async () =>
            {
                await officer.FillAsync("#legalName", "");
                await officer.ClickAsync("#save");
                await Expect(officer.Locator("span.field-error[data-field=legalName]")).ToHaveTextAsync("là bắt buộc");
                await officer.FillAsync("#legalName", "Công ty Cổ phần Điện tử Kim Tân");
                await officer.CheckAsync("input[name=sectors][value=it]");
                await officer.FillAsync("#street", "Số 20 đường Hoàng Liên");
                await officer.FillAsync("#amend-reason", "Đổi loại hình công ty theo giấy chứng nhận mới");
                await officer.ClickAsync("#save");
                await Expect(officer.Locator("#done")).ToHaveTextAsync("Đã lưu thông tin doanh nghiệp.");
                await Expect(officer.Locator("#legal-name")).ToHaveTextAsync("Công ty Cổ phần Điện tử Kim Tân");
                await Expect(officer.Locator("#head-office")).ToContainTextAsync("Số 20 đường Hoàng Liên");
                await ShotAndCheck(officer, "24-enterprise-details-amended");
                var saved = await DetailAsync(id);
                Assert.Equal(["telecom", "it"], saved.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
            },
            async () =>
            {
                await stale.FillAsync("#shortName", "Kim Tân Electronics");
                await stale.ClickAsync("#save");
            }, "412",
            () => Expect(stale.Locator("#legalName")).ToHaveValueAsync("Công ty Cổ phần Điện tử Kim Tân"),
            async () =>
            {
                await ShotAndCheck(stale, "25-enterprise-details-conflict");
                Assert.Equal("Điện tử Kim Tân", (await DetailAsync(id)).GetProperty("shortName").GetString());
            });
    }

    [Fact]
    public async Task A_representative_registers_a_site_and_requests_its_permit_and_a_manager_approves_it()
    {
        var owner = await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Hạ tầng Bát Xát", "Hạ tầng Bát Xát");
        await Platform.KnownAsync(owner, Platform.Infrastructure.Services);
        var rep = await Platform.OpenAsAsync(PlatformRoles.Representative, "hoang.van.duc", "/ha-tang/tram", owner);
        await rep.ClickAsync("#register-site");
        await Expect(rep.Locator("#site-owner")).ToHaveValueAsync("Hạ tầng Bát Xát"); // its own enterprise, not a choice
        await rep.FillAsync("#site-name", "Trạm BTS A Mú Sung");
        await rep.SelectOptionAsync("#site-kind", "greenfield-tower");
        await rep.FillAsync("#site-district", "Huyện Bát Xát");
        await rep.FillAsync("#site-commune", "Xã A Mú Sung");
        await rep.FillAsync("#site-address", "Thôn Lũng Pô");
        await rep.FillAsync("#site-latitude", "10,7769"); // Hồ Chí Minh City: outside the province
        await rep.FillAsync("#site-longitude", "106,7009");
        await rep.FillAsync("#site-height", "42");
        await rep.ClickAsync("#register-site");
        await Expect(rep.Locator("span.field-error[data-field=latitude]")).ToContainTextAsync("lies outside Tỉnh Lào Cai");
        await Expect(rep.Locator("#site-name")).ToHaveValueAsync("Trạm BTS A Mú Sung");
        await ShotAndCheck(rep, "26-site-registration-refused");
        await rep.FillAsync("#site-latitude", "22,6160");
        await rep.FillAsync("#site-longitude", "103,6310");
        await rep.ClickAsync("#register-site");
        await Expect(rep.Locator("#done")).ToHaveTextAsync("Đã đăng ký công trình.");
        await Expect(rep.Locator("h1 .status")).ToHaveTextAsync("Quy hoạch");
        await Expect(rep.Locator("dl.facts")).ToContainTextAsync("22.616° N, 103.631° E");
        var siteUrl = rep.Url;

        // The permit decision is the Department's: the representative requests, and is not offered the approval.
        await Expect(rep.Locator("#approve-permit")).ToHaveCountAsync(0);
        await rep.FillAsync("#permit-request-on", "02/11/2026");
        await rep.ClickAsync("#request-permit");
        await Expect(rep.Locator("h1 .status")).ToHaveTextAsync("Đang xin phép");
        await Expect(rep.Locator("#approve-permit")).ToHaveCountAsync(0);

        var manager = await Platform.OpenAsAsync(PlatformRoles.Manager, "tran.quoc.huy", siteUrl);
        await manager.FillAsync("#permit-refusal-on", "05/11/2026");
        await manager.ClickAsync("#refuse-permit"); // a refusal needs its reason
        await Expect(manager.Locator("span.field-error[data-field=reason]")).ToHaveTextAsync("là bắt buộc");
        await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đang xin phép");
        await manager.FillAsync("#permit-approval-on", "06/11/2026");
        await manager.ClickAsync("#approve-permit");
        await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đã cấp phép");
        await Expect(manager.Locator(".timeline")).ToContainTextAsync("Chấp thuận giấy phép xây dựng");
        await ShotAndCheck(manager, "27-site-permit-approved");

        await rep.ReloadAsync();
        await rep.FillAsync("#operation-on", "20/11/2026");
        await rep.ClickAsync("#start-operation");
        await Expect(rep.Locator("h1 .status")).ToHaveTextAsync("Đang khai thác");
        await ShotAndCheck(rep, "28-site-operational");
        var history = (await SiteAsync(new Uri(siteUrl).Segments[^1])).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["site_registered", "site_permit_requested", "site_permit_approved", "site_became_operational"], history);
    }

    [Fact]
    public async Task An_officer_imports_sites_sees_each_refused_row_with_its_reason_nothing_stored_and_the_warnings_of_a_stored_file()
    {
        var owner = await Platform.RegisterEnterpriseAsync("Tổng công ty Viễn thông Sa Pa", "Viễn thông Sa Pa");
        await Platform.KnownAsync(owner, Platform.Infrastructure.Services);
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "nguyen.thi.lan", "/ha-tang/tram");
        await officer.ClickAsync("#import-sites");
        const string header = "name,kind,ownerId,district,commune,latitude,longitude,address,heightMetres,tenantCapacity,zone,plannedUndergroundingYear";
        var csv = $"""
            {header}
            Trạm BTS Tả Van,greenfield-tower,{owner},Thị xã Sa Pa,Xã Tả Van,22.3100,103.8900,Thôn Tả Van,30,3,in-plan,
            Trạm BTS Hà Nội,greenfield-tower,{owner},Quận Hoàn Kiếm,Phường Hàng Trống,21.0285,105.8542,Phố Hàng Trống,30,3,in-plan,
            Cột điện Bản Hồ,electricity-pole,{owner},Thị xã Sa Pa,Xã Bản Hồ,22.2700,103.9500,Thôn Bản Hồ,,2,in-plan,
            """;
        await officer.SetInputFilesAsync("#import-file", new FilePayload { Name = "tram-sa-pa.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await officer.ClickAsync("#import");
        // Row 2 only (Hà Nội: neither its district nor its coordinates are the province's), one line per reason.
        var refused = officer.Locator("#rejected-rows tbody tr");
        await Expect(refused).ToHaveCountAsync(2);
        await Expect(officer.Locator("#rejected-rows tbody tr:not([data-row='2'])")).ToHaveCountAsync(0);
        await Expect(refused.Filter(new() { HasText = "district" })).ToContainTextAsync("is not a district of Tỉnh Lào Cai");
        await Expect(refused.Filter(new() { HasText = "latitude" })).ToContainTextAsync("lies outside Tỉnh Lào Cai");
        await Expect(officer.Locator("#import-rejected")).ToContainTextAsync("1 dòng bị từ chối: không có dòng nào của tệp được lưu.");
        await Expect(officer.Locator("#imported")).ToHaveCountAsync(0);
        await ShotAndCheck(officer, "29-site-import-rejected-rows");
        // All or nothing: the two good rows of the refused file are not stored either.
        Assert.Empty(await SitesOfAsync(owner));

        var geoJson = $$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[103.8440,22.3360]},
             "properties":{"name":"Trạm BTS Cầu Mây","kind":"rooftop-tower","ownerId":"{{{owner}}}","district":"Thị xã Sa Pa","commune":"Phường Cầu Mây",
             "address":"Số 5 Cầu Mây","heightMetres":12,"tenantCapacity":2,"zone":"in-plan"}},
             {"type":"Feature","geometry":{"type":"Point","coordinates":[103.9707,22.4856]},
             "properties":{"name":"Trạm BTS lệch xã","kind":"rooftop-tower","ownerId":"{{{owner}}}","commune":"Phường Sa Pa",
             "address":"Tổ 2","heightMetres":12,"tenantCapacity":2,"zone":"in-plan"}}]}
            """;
        await officer.SetInputFilesAsync("#import-file", new FilePayload { Name = "cau-may.geojson", MimeType = "application/octet-stream", Buffer = Encoding.UTF8.GetBytes(geoJson) });
        await officer.ClickAsync("#import");
        await Expect(officer.Locator("#imported")).ToHaveTextAsync("Đã đăng ký 2 công trình từ tệp cau-may.geojson.");
        // The second point lies in Lào Cai city, not in Sa Pa: stored, with the API's warning on its row, linked to the site.
        var warning = officer.Locator("#import-warnings tbody tr");
        await Expect(warning).ToHaveCountAsync(1);
        await Expect(warning).ToHaveAttributeAsync("data-row", "2");
        await Expect(warning).ToContainTextAsync("Vị trí nằm ngoài ranh giới xã/phường đã khai");
        await Expect(warning.Locator("a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/ha-tang/tram/[0-9a-f-]{36}$"));
        await ShotAndCheck(officer, "30-site-import-done");
        Assert.Contains("Trạm BTS Cầu Mây", await SitesOfAsync(owner));
        Assert.Contains("Trạm BTS lệch xã", await SitesOfAsync(owner));

        // A file of another kind is refused by the console before any call.
        await officer.SetInputFilesAsync("#import-file", new FilePayload { Name = "tram.xlsx", MimeType = "application/octet-stream", Buffer = [1, 2, 3] });
        await officer.ClickAsync("#import");
        await Expect(officer.Locator("span.field-error[data-field=file]")).ToHaveTextAsync("phải là tệp .csv hoặc .geojson");
    }

    [Fact]
    public async Task A_representative_publishes_planned_works_and_another_enterprise_registers_interest()
    {
        var (owner, other) = (await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Cáp quang Lào Cai", "Cáp quang Lào Cai"), await Platform.RegisterEnterpriseAsync("Công ty TNHH Truyền hình cáp Phố Lu", "Truyền hình cáp Phố Lu"));
        await Platform.KnownAsync(owner, Platform.Infrastructure.Services);
        await Platform.KnownAsync(other, Platform.Infrastructure.Services);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var rep = await Platform.SignInAsync(PlatformRoles.Representative, "vu.minh.chau", owner);
        await rep.ClickAsync("nav a[href='/ha-tang/cong-trinh']");
        await rep.FillAsync("#works-route", "Tuyến cống bể đường Hoàng Liên, Phường Cốc Lếu");
        await rep.FillAsync("#works-district", "Thành phố Lào Cai");
        await rep.SelectOptionAsync("#works-kind", "duct-laying");
        await rep.FillAsync("#works-start", today.AddDays(-3).ToString("dd/MM/yyyy")); // in the past: refused
        await rep.FillAsync("#works-duration", "45");
        await rep.ClickAsync("#publish-works");
        await Expect(rep.Locator("span.field-error[data-field=plannedStart]")).ToHaveTextAsync("không được ở trong quá khứ");
        await ShotAndCheck(rep, "31-civil-works-refused");
        var start = today.AddDays(40);
        await rep.FillAsync("#works-start", start.ToString("dd/MM/yyyy"));
        await rep.ClickAsync("#publish-works");
        await Expect(rep.Locator("#done")).ToHaveTextAsync("Đã công bố công trình thi công dự kiến.");
        var row = rep.Locator("#works tbody tr", new() { HasText = "Tuyến cống bể đường Hoàng Liên" });
        await Expect(row).ToContainTextAsync(start.ToString("dd/MM/yyyy"));
        await Expect(row).ToContainTextAsync("Cáp quang Lào Cai");
        await Expect(row.Locator("a.join")).ToHaveCountAsync(0); // the owner does not join its own works

        var otherRep = await Platform.OpenAsAsync(PlatformRoles.Representative, "dang.thu.ha", "/ha-tang/cong-trinh", other);
        await otherRep.Locator("#works tbody tr", new() { HasText = "Tuyến cống bể đường Hoàng Liên" }).Locator("a.join").ClickAsync();
        await otherRep.FillAsync("#interest-note", "Cần hạ 2 ống cáp quang");
        await otherRep.ClickAsync("#register-interest");
        await Expect(otherRep.Locator("#done")).ToHaveTextAsync("Đã đăng ký tham gia.");
        await Expect(otherRep.Locator("#works tbody tr", new() { HasText = "Tuyến cống bể đường Hoàng Liên" })).ToContainTextAsync("Truyền hình cáp Phố Lu");
        await ShotAndCheck(otherRep, "32-civil-works-interest");

        // The Department may register interest for any enterprise, but the Infrastructure refuses the owner itself.
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "nguyen.thi.lan", "/ha-tang/cong-trinh");
        await officer.Locator("#works tbody tr", new() { HasText = "Tuyến cống bể đường Hoàng Liên" }).Locator("a.join").ClickAsync();
        await PlatformUnderTest.FindEnterpriseAsync(officer, "interest-enterprise", "Cáp quang Lào Cai");
        await officer.SelectOptionAsync("#interest-enterprise", owner.ToString());
        await officer.ClickAsync("#register-interest");
        await Expect(officer.Locator(".problem")).ToHaveAttributeAsync("data-status", "422");
        await Expect(officer.Locator(".problem")).ToContainTextAsync("Chủ công trình không thể đăng ký tham gia công trình của chính mình.");

        // The English variant of the same page, from the English resources.
        await officer.GotoAsync("/ha-tang/cong-trinh?culture=en");
        await Expect(officer.Locator("h1")).ToHaveTextAsync("Planned civil works");
        await Expect(officer.Locator("#works thead")).ToContainTextAsync("Route or area");
    }

    [Fact]
    public async Task Every_page_of_the_console_passes_the_accessibility_check()
    {
        // Fails first, and fast, when a page has no place on the tour (ConsolePagesTests says the same without a browser).
        Assert.Empty(ConsolePages.Routes().Except(ConsolePages.Tour.Keys));
        var (owner, requester) = (await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Hạ tầng Kim Tân", "Hạ tầng Kim Tân"), await Platform.RegisterEnterpriseAsync("Công ty TNHH Viễn thông Bắc Hà", "Viễn thông Bắc Hà"));
        await Platform.KnownAsync(owner, Platform.Infrastructure.Services);
        await Platform.KnownAsync(requester, Platform.Infrastructure.Services);
        using var infrastructure = Platform.Infrastructure.CreateClient();
        var site = await infrastructure.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = "Trạm BTS Bắc Cường", kind = "greenfield-tower", ownerId = owner, district = "Thành phố Lào Cai", commune = "Phường Bắc Cường",
            latitude = 22.4300, longitude = 103.9900, address = "Tổ 5", heightMetres = 30, tenantCapacity = 3, zone = "in-plan",
        });
        Assert.Equal(HttpStatusCode.Created, site.StatusCode);
        var siteId = (await site.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var request = await infrastructure.PostAsJsonAsync("/api/infrastructure/sharing-requests", new { siteId, requesterId = requester, purpose = "Lắp đặt ăng-ten 5G" });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var requestId = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var meetings = await MeetingsRecordsAsync(owner);
        var samples = new ConsolePages.Samples(owner, siteId, requestId, meetings.Meeting, meetings.ActionItem, meetings.Escalation, meetings.Agreement,
            await SubmissionOfAsync(owner));

        var manager = await Platform.SignInAsync(PlatformRoles.Manager, "tran.quoc.huy");
        var anonymous = await Platform.NewSessionAsync();
        // Server-rendered without a circuit (issue 18, point 6): no page opens a WebSocket or loads Blazor's script; the
        // one script is the site map's (Leaflet and its own).
        var (sockets, scripts) = (new List<string>(), new List<string>());
        foreach (var watched in new[] { manager, anonymous })
        {
            watched.WebSocket += (_, socket) => sockets.Add(socket.Url);
            watched.Request += (_, request) =>
            {
                if (request.ResourceType == "script" || request.Url.Contains("/_blazor", StringComparison.Ordinal)) scripts.Add(new Uri(request.Url).AbsolutePath);
            };
        }
        foreach (var (template, address) in ConsolePages.Tour.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            // The sign-in page as one who is not signed in sees it; every other page as a manager (who is offered the most steps).
            var page = template == "/dang-nhap" ? anonymous : manager;
            await page.GotoAsync(address(samples));
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Accessibility.ExpectAccessibleAsync(page, template, Output);
        }
        Assert.Empty(sockets);
        Assert.All(scripts, path => Assert.Matches(@"^/(lib/leaflet/leaflet|js/site-map)(\.[0-9a-z]+)?\.js$", path));
        Assert.NotEmpty(scripts); // the watch saw the site map's scripts: it would see Blazor's
        // The registration form with the Registry's field errors shown.
        await manager.GotoAsync("/doanh-nghiep/moi");
        await manager.ClickAsync("#save");
        await Expect(manager.Locator("span.field-error[data-field=taxCode]")).ToBeVisibleAsync();
        await Accessibility.ExpectAccessibleAsync(manager, "enterprise registration with field errors", Output);

        var officer = await Platform.SignInAsync(PlatformRoles.Officer, "nguyen.thi.lan");
        await Accessibility.ExpectAccessibleAsync(officer, "dashboard (officer)", Output);
        var rep = await Platform.SignInAsync(PlatformRoles.Representative, "hoang.van.duc", requester);
        await Accessibility.ExpectAccessibleAsync(rep, "dashboard (representative)", Output);
        await rep.GotoAsync($"/ha-tang/dung-chung/{requestId}");
        await Accessibility.ExpectAccessibleAsync(rep, "sharing request (requester)", Output);
    }




    /// <summary>A meeting held today with a difficulty the enterprise raised and escalated, a task and a drafted agreement,
    /// made through the Meetings API (as a manager) for the pages that show one.</summary>
    private async Task<(Guid Meeting, Guid ActionItem, Guid Escalation, Guid Agreement)> MeetingsRecordsAsync(Guid enterprise)
    {
        using var meetings = Platform.Meetings.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        async Task<Guid> CreatedAsync(Task<HttpResponseMessage> post)
        {
            var response = await post;
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var scheduled = await Eventually.Until(() => meetings.PostAsJsonAsync("/api/meetings/meetings", new
        {
            kind = "quarterly-briefing", title = "Giao ban doanh nghiệp hạ tầng", date = today, place = "Hội trường Sở", chair = "Phó Giám đốc Sở",
            agenda = new[] { "Dùng chung hạ tầng" }, invitedEnterpriseIds = new[] { enterprise }, invitedOfficials = Array.Empty<object>(),
        }), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "meeting scheduled (its invitee known to Meetings)");
        var meeting = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.True((await meetings.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/holding", new { attendance = Array.Empty<object>() })).IsSuccessStatusCode);
        var raised = await meetings.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/difficulties",
            new { enterpriseId = enterprise, topic = "land-and-permits", text = "Chậm cấp phép xây dựng trạm BTS" });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        var difficulty = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("itemId").GetGuid();
        var escalation = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/escalations", new
        {
            to = "peoples-committee", summary = "Đề nghị đẩy nhanh cấp phép xây dựng trạm BTS", difficulties = new[] { new { meetingId = meeting, difficultyId = difficulty } }, escalatedOn = today,
        }));
        var actionItem = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/action-items", new
        {
            title = "Tổng hợp danh mục trạm chờ cấp phép", assigneeKind = "department-unit", assigneeName = "Phòng Bưu chính, Viễn thông", deadline = today.AddDays(30),
        }));
        var year = Platform.Allocate.Years();
        var agreement = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/agreements", new
        {
            // One agreement per year for the whole Department: a year of this test's own.
            year, title = $"Thỏa thuận hợp tác năm {year}", enterpriseIds = new[] { enterprise },
            commitments = new[] { new { text = "Báo cáo định kỳ đúng hạn", category = "reporting", party = "enterprises", cadence = "monthly" } },
        }));
        return (meeting, actionItem, escalation, agreement);
    }

    /// <summary>The enterprise's latest report obligation, which Reporting opens when it learns of the registration.</summary>
    private async Task<Guid> SubmissionOfAsync(Guid enterprise)
    {
        using var reporting = Platform.Reporting.CreateClient();
        var obligations = await Eventually.Until(
            async () => (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/obligations?enterpriseId={enterprise}&pageSize=200")).GetProperty("items"),
            o => o.GetArrayLength() > 0, TimeSpan.FromSeconds(60), "obligation opened");
        return obligations[obligations.GetArrayLength() - 1].GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> DetailAsync(Guid enterprise)
    {
        using var registry = Platform.Registry.CreateClient();
        return await registry.GetFromJsonAsync<JsonElement>($"/api/registry/enterprises/{enterprise}");
    }

    private async Task<JsonElement> SiteAsync(string site)
    {
        using var infrastructure = Platform.Infrastructure.CreateClient();
        return await infrastructure.GetFromJsonAsync<JsonElement>($"/api/infrastructure/sites/{site}");
    }

    private async Task<List<string>> SitesOfAsync(Guid owner)
    {
        using var infrastructure = Platform.Infrastructure.CreateClient();
        var page = await infrastructure.GetFromJsonAsync<JsonElement>($"/api/infrastructure/sites?ownerId={owner}");
        return page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
    }
}
