using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Platform.Registry.Enterprises;
using Platform.Testing;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The console's remaining jobs in headless Chromium against the real services: renewing a cooperation agreement,
/// a task from an escalation's answer, the meeting calendar a month a page, the site register paged by the Infrastructure
/// API and a site's location warnings. Each: the main path and one refusal (nothing written), the roles the API refuses
/// offered nothing, and the pages shown pass the accessibility check. The records use years, months and enterprises of their
/// own: other tests share this platform.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleJobTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    /// <summary>Registers an enterprise of this test's own and waits until the Meetings service knows it (from the Registry's event).</summary>
    private Task<Guid> RegisterAsync(string legalName, string shortName) => Platform.RegisterKnownEnterpriseAsync(legalName, shortName, Platform.Meetings.Services);

    [Fact]
    public async Task An_officer_renews_an_agreement_in_force_a_second_renewal_is_refused_and_a_representative_is_not_offered_it()
    {
        var (first, second) = (await RegisterAsync("Công ty Cổ phần Viễn thông Si Ma Cai", "Viễn thông Si Ma Cai"),
            await RegisterAsync("Công ty TNHH Cáp quang Bắc Hà", "Cáp quang Bắc Hà"));
        // One agreement per year for the whole Department: three years of this test's own (the agreement, its renewal, and
        // the year after, which the stale second renewal must leave free).
        var year = Platform.Allocate.Years(3);
        using var meetings = Platform.Meetings.CreateClient();
        var agreement = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/agreements", new
        {
            year, title = $"Chương trình phối hợp năm {year}", enterpriseIds = new[] { first, second },
            commitments = new[]
            {
                new { text = "Giao ban sáu tháng một lần", category = "briefing", party = "both", cadence = "six-monthly" },
                new { text = "Gửi báo cáo định kỳ đúng hạn", category = "reporting", party = "enterprises", cadence = "monthly" },
            },
        }));
        foreach (var party in new Guid?[] { null, first, second })
            (await meetings.PostAsJsonAsync($"/api/meetings/agreements/{agreement}/signatures", new { enterpriseId = party, signedBy = "Người ký", signedOn = Today }))
                .EnsureSuccessStatusCode();

        // A representative signs its own rows but does not renew (the API's Department write).
        var rep = await Platform.OpenAsAsync(PlatformRoles.Representative, "lo.van.chinh", $"/hop/thoa-thuan/{agreement}", first);
        await Expect(rep.Locator("h1 .status")).ToHaveTextAsync("Có hiệu lực");
        await Expect(rep.Locator("#renew-form")).ToHaveCountAsync(0);

        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "pham.thu.trang", $"/hop/thoa-thuan/{agreement}");
        var stale = await officer.SecondTabAsync(); // a second tab still showing the agreement before the renewal
        await Expect(officer.Locator("#renew")).ToHaveTextAsync($"Gia hạn sang năm {year + 1}");
        await officer.ClickAsync("#renew");
        await officer.WaitForURLAsync(new Regex("/hop/thoa-thuan/[0-9a-f-]{36}\\?da=renew$"));
        Assert.DoesNotContain(agreement.ToString(), officer.Url);
        await Expect(officer.Locator("#done")).ToHaveTextAsync("Đã lập dự thảo chương trình phối hợp năm sau từ chương trình năm trước.");
        await Expect(officer.Locator("h1")).ToContainTextAsync($"{year + 1} — Chương trình phối hợp năm {year + 1}");
        await Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Nháp");
        await Expect(officer.Locator("#commitments tr:has(td)")).ToHaveCountAsync(2);
        await Expect(officer.Locator("#renewed-from a")).ToHaveAttributeAsync("href", $"/hop/thoa-thuan/{agreement}");
        await Expect(officer.Locator("table.signatures tr.signed")).ToHaveCountAsync(0); // a new draft: nobody has signed it yet
        await Expect(officer.Locator("#renew-form")).ToHaveCountAsync(0); // a draft is not renewed
        await ShotAndCheck(officer, "w01-agreement-renewed");

        // The stale tab renews again: the Meetings API refuses (next year's agreement exists), the page says so, nothing is drafted.
        await stale.ClickAsync("#renew");
        await Expect(stale.Locator(".problem")).ToHaveAttributeAsync("data-status", "409");
        await Expect(stale.Locator(".problem .detail")).ToHaveTextAsync("Đã có chương trình phối hợp cho năm này.");
        await ShotAndCheck(stale, "w02-agreement-renewal-refused");
        var all = (await meetings.GetFromJsonAsync<JsonElement>("/api/meetings/agreements?pageSize=200")).GetProperty("items");
        Assert.Equal(1, all.EnumerateArray().Count(a => a.GetProperty("year").GetInt32() == year + 1));
        Assert.Equal(0, all.EnumerateArray().Count(a => a.GetProperty("year").GetInt32() == year + 2));
    }

    [Fact]
    public async Task Once_an_escalation_is_answered_an_officer_assigns_a_task_from_it_prefilled_after_a_refused_deadline_and_an_auditor_is_not_offered_it()
    {
        var enterprise = await RegisterAsync("Công ty Cổ phần Hạ tầng số Văn Bàn", "Hạ tầng số Văn Bàn");
        using var meetings = Platform.Meetings.CreateClient();
        var escalation = await EscalationAsync(meetings, enterprise);

        // Not answered yet: nothing to turn into a task.
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "nguyen.van.tam", $"/hop/kien-nghi/{escalation}");
        await Expect(officer.Locator("dl.facts")).ToContainTextAsync("Đang chờ trả lời");
        await Expect(officer.Locator("#task-form")).ToHaveCountAsync(0);

        const string answer = "UBND tỉnh giao Sở Xây dựng chủ trì hướng dẫn thủ tục cấp phép trạm BTS trong khu dân cư";
        (await meetings.PostAsJsonAsync($"/api/meetings/escalations/{escalation}/response", new { response = answer })).EnsureSuccessStatusCode();
        await officer.ReloadAsync();
        await Expect(officer.Locator("#no-tasks")).ToBeVisibleAsync();
        // Prefilled from the answer.
        await Expect(officer.Locator("#task-title")).ToHaveValueAsync($"Thực hiện ý kiến trả lời của UBND tỉnh: {answer}");
        await officer.FillAsync("#task-unit", "Phòng Bưu chính, Viễn thông");
        await officer.FillAsync("#task-deadline", Day(Today.AddDays(-1)));
        await officer.ClickAsync("#assign");
        await Expect(officer.Locator(".problem .detail")).ToHaveTextAsync("Thời hạn không được trước ngày hôm nay.");
        await Expect(officer.Locator("#task-unit")).ToHaveValueAsync("Phòng Bưu chính, Viễn thông"); // what was typed is kept
        await ShotAndCheck(officer, "w03-escalation-task-refused");
        Assert.Equal(0, (await meetings.GetFromJsonAsync<JsonElement>($"/api/meetings/action-items?escalationId={escalation}")).GetProperty("total").GetInt32());

        await officer.FillAsync("#task-deadline", Day(Today.AddDays(20)));
        await officer.ClickAsync("#assign");
        await officer.WaitForURLAsync("**/hop/nhiem-vu/*?da=assign");
        await Expect(officer.Locator("#done")).ToHaveTextAsync("Đã giao nhiệm vụ.");
        await Expect(officer.Locator("dl.facts")).ToContainTextAsync("Phòng Bưu chính, Viễn thông");
        await Expect(officer.Locator("#escalation a")).ToHaveAttributeAsync("href", $"/hop/kien-nghi/{escalation}");
        await officer.ClickAsync("#escalation a");
        await Expect(officer.Locator("table.actions tr:has(td)")).ToHaveCountAsync(1);
        await Expect(officer.Locator("table.actions")).ToContainTextAsync(Day(Today.AddDays(20)));
        await ShotAndCheck(officer, "w04-escalation-with-task");
        var tasks = await meetings.GetFromJsonAsync<JsonElement>($"/api/meetings/action-items?escalationId={escalation}");
        Assert.Equal("department-unit", tasks.GetProperty("items").EnumerateArray().Single().GetProperty("assignee").GetProperty("kind").GetString());

        // An auditor reads the escalation and its task but is offered no assignment (the API would answer 403).
        var auditor = await Platform.OpenAsAsync(PlatformRoles.Auditor, "le.thanh.tra", $"/hop/kien-nghi/{escalation}");
        await Expect(auditor.Locator("table.actions tr:has(td)")).ToHaveCountAsync(1);
        await Expect(auditor.Locator("#task-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_meeting_calendar_shows_one_month_a_page_with_previous_and_next_months_and_refuses_a_month_it_cannot_read()
    {
        // Months no other test schedules in.
        var month = new DateOnly(Today.Year, Today.Month, 1).AddMonths(40);
        using var meetings = Platform.Meetings.CreateClient();
        foreach (var (day, title) in new[] { (month.AddDays(20), "Giao ban tháng thứ hai"), (month.AddDays(4), "Giao ban tháng thứ nhất"), (month.AddMonths(1).AddDays(9), "Đối thoại tháng sau") })
            await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/meetings", new
            {
                kind = "quarterly-briefing", title, date = day, place = "Hội trường Sở", chair = "Giám đốc Sở", agenda = new[] { "Tình hình hoạt động" },
                invitedEnterpriseIds = Array.Empty<Guid>(), invitedOfficials = Array.Empty<object>(),
            }));

        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "dang.van.binh", "/hop");
        await Expect(officer.Locator("#month-title")).ToHaveTextAsync($"Tháng {Today.ToString("MM/yyyy", CultureInfo.InvariantCulture)}");
        await officer.FillAsync("#month", month.ToString("MM/yyyy", CultureInfo.InvariantCulture));
        await officer.ClickAsync("form.filters button");
        await Expect(officer.Locator("#month-title")).ToHaveTextAsync($"Tháng {month.ToString("MM/yyyy", CultureInfo.InvariantCulture)}");
        // The month's meetings by day, dd/MM/yyyy; the next month's is on its own page.
        await Expect(officer.Locator("#calendar tr:has(td)")).ToHaveCountAsync(2);
        await Expect(officer.Locator("#calendar tr:has(td) td.date").First).ToHaveTextAsync(Day(month.AddDays(4)));
        await Expect(officer.Locator("#calendar tr:has(td) td.date").Last).ToHaveTextAsync(Day(month.AddDays(20)));
        await Expect(officer.Locator("#calendar")).Not.ToContainTextAsync("Đối thoại tháng sau");
        await ShotAndCheck(officer, "w05-calendar-month");

        await officer.ClickAsync("#next-month");
        await officer.WaitForURLAsync($"**/hop?thang={month.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        await Expect(officer.Locator("#calendar tr:has(td)")).ToHaveCountAsync(1);
        await Expect(officer.Locator("#calendar")).ToContainTextAsync("Đối thoại tháng sau");
        await Expect(officer.Locator("#calendar td.date")).ToHaveTextAsync(Day(month.AddMonths(1).AddDays(9)));
        await officer.ClickAsync("#previous-month");
        await officer.ClickAsync("#previous-month");
        await officer.WaitForURLAsync($"**/hop?thang={month.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        await Expect(officer.Locator("#no-meetings")).ToBeVisibleAsync();

        // A month the console cannot read: said next to the field, and this month is shown instead.
        await officer.GotoAsync("/hop?thang=13/2026");
        await Expect(officer.Locator("#month-error")).ToHaveTextAsync("Tháng viết theo dạng mm/yyyy, ví dụ 09/2026");
        await Expect(officer.Locator("#month")).ToHaveValueAsync("13/2026");
        await Expect(officer.Locator("#month-title")).ToHaveTextAsync($"Tháng {Today.ToString("MM/yyyy", CultureInfo.InvariantCulture)}");
        await ShotAndCheck(officer, "w06-calendar-month-refused");
    }

    [Fact]
    public async Task The_site_register_is_paged_by_the_infrastructure_api_and_a_site_outside_its_declared_commune_shows_the_warning_after_a_refused_registration()
    {
        var owner = await RegisterAsync("Công ty Cổ phần Trạm phát sóng Bảo Yên", "Trạm phát sóng Bảo Yên");
        await Platform.KnownAsync(owner, Platform.Infrastructure.Services);
        using var infrastructure = Platform.Infrastructure.CreateClient();
        // 27 sites of its own in one import: two pages of the register (25 a page).
        var csv = new StringBuilder("name,kind,ownerId,district,commune,latitude,longitude,address,heightMetres,tenantCapacity,zone,plannedUndergroundingYear\n");
        for (var i = 1; i <= 27; i++)
            csv.Append(CultureInfo.InvariantCulture, $"Trạm BTS Bảo Yên {i:D2},greenfield-tower,{owner},Thị xã Sa Pa,Phường Cầu Mây,22.3360,103.8440,Số {i} Cầu Mây,30,3,in-plan,\n");
        var imported = await infrastructure.PostAsync("/api/infrastructure/sites/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "nguyen.thi.lan", $"/ha-tang/tram?chuSoHuu={owner}");
        await Expect(officer.Locator("#sites tr:has(td)")).ToHaveCountAsync(25);
        await Expect(officer.Locator("nav.pager")).ToHaveAttributeAsync("data-pages", "2");
        await Expect(officer.Locator("#site-map")).ToHaveAttributeAsync("data-points", "25");
        await officer.ClickAsync("nav.pager a.next");
        await officer.WaitForURLAsync($"**/ha-tang/tram?chuSoHuu={owner}&trang=2");
        await Expect(officer.Locator("#sites tr:has(td)")).ToHaveCountAsync(2);
        await Expect(officer.Locator("#sites")).ToContainTextAsync("Trạm BTS Bảo Yên 27");
        await Expect(officer.Locator("nav.pager .position")).ToHaveTextAsync("26–27 trên tổng số 27");
        await ShotAndCheck(officer, "w07-site-register-page-2");

        // One site, registered in the console: without a name the API refuses next to the field and nothing is stored.
        await officer.GotoAsync("/ha-tang/tram/moi");
        await PlatformUnderTest.FindEnterpriseAsync(officer, "site-owner", "Trạm phát sóng Bảo Yên");
        await officer.SelectOptionAsync("#site-owner", owner.ToString());
        await officer.SelectOptionAsync("#site-kind", "rooftop-tower");
        await officer.FillAsync("#site-commune", "Phường Sa Pa");
        await officer.FillAsync("#site-address", "Tổ 2");
        // This point lies in Lào Cai city, not in Sa Pa: the API stores the site and warns.
        await officer.FillAsync("#site-latitude", "22,4856");
        await officer.FillAsync("#site-longitude", "103,9707");
        await officer.FillAsync("#site-height", "12");
        await officer.ClickAsync("#register-site");
        await Expect(officer.Locator("span.field-error[data-field=name]")).ToHaveTextAsync("là bắt buộc");
        await Expect(officer.Locator("#site-latitude")).ToHaveValueAsync("22,4856");
        await ShotAndCheck(officer, "w08-site-registration-refused");
        Assert.Equal(27, (await infrastructure.GetFromJsonAsync<JsonElement>($"/api/infrastructure/sites?ownerId={owner}")).GetProperty("total").GetInt32());

        await officer.FillAsync("#site-name", "Trạm BTS lệch xã Bảo Yên");
        await officer.ClickAsync("#register-site");
        await Expect(officer.Locator("#done")).ToHaveTextAsync("Đã đăng ký công trình.");
        await Expect(officer.Locator("#site-warnings li")).ToHaveCountAsync(1);
        await Expect(officer.Locator("#site-warnings li")).ToHaveAttributeAsync("data-code", "site-outside-commune");
        await Expect(officer.Locator("#site-warnings")).ToContainTextAsync("Vị trí nằm ngoài ranh giới xã/phường đã khai");
        await Expect(officer.Locator("#site-warnings")).ToContainTextAsync("Phường Sa Pa");
        await ShotAndCheck(officer, "w09-site-outside-commune");
        // A site inside its commune shows none.
        await officer.GotoAsync($"/ha-tang/tram?chuSoHuu={owner}");
        await officer.ClickAsync("#sites a >> nth=0");
        await Expect(officer.Locator("h1")).ToContainTextAsync("Trạm BTS");
        await Expect(officer.Locator("#site-warnings")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_indicator_and_status_matrix_pages_offer_the_templates_Reporting_has_and_read_an_annual_template_by_year()
    {
        var enterprise = await RegisterAsync("Công ty Cổ phần Viễn thông Bát Xát", "Viễn thông Bát Xát");
        using var reporting = Platform.Reporting.CreateClient();
        var templates = await reporting.GetFromJsonAsync<JsonElement>("/api/reporting/templates");
        var annual = templates.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "telecom-annual");
        Assert.Equal("annual", annual.GetProperty("periodType").GetString());
        // An operator owes the annual telecom report too: the matrix has a row for it.
        await Eventually.Until(async () => (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/obligations?enterpriseId={enterprise}&pageSize=200")).GetProperty("items"),
            o => o.EnumerateArray().Any(x => x.GetProperty("template").GetString() == "telecom-annual"), TimeSpan.FromSeconds(60), "annual obligation opened");
        var lastYear = (Today.Year - 1).ToString(CultureInfo.InvariantCulture);

        var manager = await Platform.OpenAsAsync(PlatformRoles.Manager, "tran.quoc.huy", "/bao-cao/chi-tieu");
        // The picker lists what Reporting has, by its names (the annual templates too), not two codes fixed in the console.
        Assert.Equal(templates.EnumerateArray().Select(t => t.GetProperty("code").GetString()),
            await manager.Locator("#template option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await Expect(manager.Locator("#template option[value=telecom-annual]")).ToHaveTextAsync(annual.GetProperty("name").GetString()!);
        // Switching to the annual template with last month still in the period field: the month is not sent, last year is shown.
        await manager.SelectOptionAsync("#template", "telecom-annual");
        await manager.ClickAsync("#indicator-filters button");
        await Expect(manager.Locator("#period-replaced")).ToContainTextAsync("không phải kỳ báo cáo của mẫu này");
        await Expect(manager.Locator("#period")).ToHaveValueAsync(lastYear);
        await Expect(manager.Locator("#period-shown")).ToContainTextAsync(lastYear);
        await ShotAndCheck(manager, "w10-indicators-annual-period-replaced");
        await manager.FillAsync("#period", lastYear);
        await manager.ClickAsync("#indicator-filters button");
        await Expect(manager.Locator("#period-replaced")).ToHaveCountAsync(0);
        await Expect(manager.Locator("#period-shown")).ToContainTextAsync(lastYear);
        Assert.Contains("mau=telecom-annual", manager.Url);

        await manager.GotoAsync("/bao-cao/ma-tran?mau=telecom-annual");
        await Expect(manager.Locator("#from")).ToHaveAttributeAsync("placeholder", "2026");
        await Expect(manager.Locator("#status-matrix tr", new() { HasText = "Viễn thông Bát Xát" })).ToHaveCountAsync(1);
        var periods = await manager.Locator("#status-matrix thead th").AllInnerTextsAsync();
        Assert.All(periods.Skip(1), p => Assert.Matches("^\\d{4}$", p)); // years, not months
        await ShotAndCheck(manager, "w11-status-matrix-annual");
    }

    [Fact]
    public async Task The_action_tracker_reads_one_page_at_a_time_from_the_meetings_api_with_the_page_in_the_address()
    {
        // 27 tasks with a word of their own, so the search finds only them: two pages of 25.
        var tag = $"kiemtra{Guid.NewGuid():N}"[..15];
        using var meetings = Platform.Meetings.CreateClient();
        for (var i = 1; i <= 27; i++)
            await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/action-items", new
            {
                title = $"Rà soát hồ sơ trạm {tag} số {i:D2}", assigneeKind = "department-unit", assigneeName = "Phòng Bưu chính, Viễn thông", deadline = Today.AddDays(i),
            }));
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "pham.thu.trang", $"/hop/nhiem-vu?q={tag}");
        await Expect(officer.Locator("table.actions tr:has(td)")).ToHaveCountAsync(25);
        await Expect(officer.Locator("#task-count")).ToContainTextAsync("27");
        await Expect(officer.Locator("nav.pager")).ToHaveAttributeAsync("data-pages", "2");
        await officer.ClickAsync("nav.pager a.next");
        await officer.WaitForURLAsync($"**/hop/nhiem-vu?q={tag}&trang=2");
        // Open tasks by deadline: the page after holds the two latest.
        await Expect(officer.Locator("table.actions tr:has(td)")).ToHaveCountAsync(2);
        await Expect(officer.Locator("table.actions")).ToContainTextAsync($"{tag} số 27");
        await Expect(officer.Locator("table.actions")).Not.ToContainTextAsync($"{tag} số 01");
        await ShotAndCheck(officer, "w12-action-tracker-page-2");
        await officer.ClickAsync("nav.pager a.prev");
        await Expect(officer.Locator("table.actions")).ToContainTextAsync($"{tag} số 01");
    }

    private async Task<Guid> EscalationAsync(HttpClient meetings, Guid enterprise)
    {
        var scheduled = await Eventually.Until(() => meetings.PostAsJsonAsync("/api/meetings/meetings", new
        {
            kind = "quarterly-briefing", title = "Giao ban doanh nghiệp hạ tầng số", date = Today, place = "Hội trường Sở", chair = "Phó Giám đốc Sở",
            agenda = new[] { "Cấp phép trạm BTS" }, invitedEnterpriseIds = new[] { enterprise }, invitedOfficials = Array.Empty<object>(),
        }), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "meeting scheduled (its invitee known to Meetings)");
        var meeting = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await meetings.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/holding", new { attendance = Array.Empty<object>() })).EnsureSuccessStatusCode();
        var raised = await meetings.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/difficulties",
            new { enterpriseId = enterprise, topic = "land-and-permits", text = "Chưa có hướng dẫn cấp phép trạm BTS trong khu dân cư" });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        var difficulty = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("itemId").GetGuid();
        return await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/escalations", new
        {
            to = "peoples-committee", summary = "Đề nghị UBND tỉnh hướng dẫn cấp phép trạm BTS trong khu dân cư",
            difficulties = new[] { new { meetingId = meeting, difficultyId = difficulty } },
        }));
    }

    private static async Task<Guid> CreatedAsync(Task<HttpResponseMessage> post)
    {
        var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }



}
