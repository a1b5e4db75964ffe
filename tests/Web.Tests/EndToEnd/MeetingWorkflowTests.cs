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

/// <summary>The meeting workflows in headless Chromium against the real services: a briefing held, its record kept and its
/// minutes published, amended and printed on A4; tasks assigned, reported on by the enterprise and closed; difficulties
/// escalated and answered; an agreement drafted and signed by every party. Each workflow also meets one refusal, shown
/// next to the field or above the form with nothing written, and every page visited passes the accessibility check.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class MeetingWorkflowTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    /// <summary>Registers an enterprise of this test's own and waits until the Meetings service knows it (from the Registry's event).</summary>
    private Task<Guid> RegisterAsync(string legalName, string shortName) => Platform.RegisterKnownEnterpriseAsync(legalName, shortName, Platform.Meetings.Services);

    [Fact]
    public async Task An_officer_keeps_a_briefings_record_publishes_amends_and_prints_its_minutes_and_a_manager_escalates_a_difficulty()
    {
        var (hoangLien, fansipan) = (await RegisterAsync("Công ty Viễn thông Hoàng Liên Sơn", "Hoàng Liên Sơn Telecom"),
            await RegisterAsync("Công ty Cổ phần Mạng Phan Xi Păng", "Mạng Phan Xi Păng"));
        var meetingId = await ScheduleAsync("Giao ban doanh nghiệp viễn thông quý IV", Today, hoangLien, fansipan);

        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "pham.thu.trang", $"/hop/{meetingId}");
        await Axe(officer, "meeting (scheduled)");

        // Attendance: a delegate without a name is refused by the API, next to that field, and nothing is recorded.
        await officer.SelectOptionAsync("#presence-0", "present");
        await officer.SelectOptionAsync("#presence-1", "delegate");
        await officer.SelectOptionAsync("#presence-2", "absent");
        await officer.ClickAsync("#hold");
        await Assertions.Expect(officer.Locator("span.field-error[data-field='attendance[1].delegateName']")).ToHaveTextAsync("là bắt buộc");
        await Assertions.Expect(officer.Locator("#presence-1")).ToHaveValueAsync("delegate"); // what was chosen is kept
        await Shot(officer, "m01-attendance-refused");
        await Assertions.Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Đã lên lịch");
        await officer.FillAsync("#delegate-1", "Trần Văn Cường");
        await officer.ClickAsync("#hold");
        await Assertions.Expect(officer.Locator("#done")).ToHaveTextAsync("Đã ghi nhận thành phần tham dự.");
        await Assertions.Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Đã họp");
        await Assertions.Expect(officer.Locator("#attendance")).ToContainTextAsync("Trần Văn Cường");

        // The record: two difficulties, one resolved at the meeting, a conclusion, a task answering the other.
        await officer.SelectOptionAsync("#difficulty-enterprise", hoangLien.ToString());
        await officer.SelectOptionAsync("#difficulty-topic", "infrastructure-sharing");
        await officer.FillAsync("#difficulty-text", "Chủ cột điện lực chưa trả lời đề nghị treo cáp quá 30 ngày");
        await officer.ClickAsync("#raise-difficulty");
        await Assertions.Expect(officer.Locator("#done")).ToHaveTextAsync("Đã ghi nhận khó khăn, vướng mắc.");
        await officer.SelectOptionAsync("#difficulty-enterprise", fansipan.ToString());
        await officer.SelectOptionAsync("#difficulty-topic", "land-and-permits");
        await officer.FillAsync("#difficulty-text", "Thủ tục cấp phép xây dựng trạm BTS tại huyện Sa Pa kéo dài");
        await officer.ClickAsync("#raise-difficulty");
        await Assertions.Expect(officer.Locator("#difficulties tr:has(td)")).ToHaveCountAsync(2);
        await officer.FillAsync("#conclusion-text", "Các doanh nghiệp hoàn thành ngầm hóa cáp treo trục chính trước quý II");
        await officer.ClickAsync("#conclude");
        await Assertions.Expect(officer.Locator("#conclusions")).ToContainTextAsync("ngầm hóa cáp treo");

        // A task answering the first difficulty: a deadline already past is refused (the API's rule, nothing assigned).
        await officer.FillAsync("#task-title", "Làm việc với Điện lực Lào Cai về treo cáp");
        await officer.SelectOptionAsync("#task-difficulty", new SelectOptionValue { Label = "Hoàng Liên Sơn Telecom: Chủ cột điện lực chưa trả lời đề nghị treo cáp quá 30 ngày" });
        await officer.SelectOptionAsync("#task-assignee", hoangLien.ToString());
        await officer.FillAsync("#task-deadline", Day(Today.AddDays(-1)));
        await officer.ClickAsync("#assign");
        await Assertions.Expect(officer.Locator(".problem .detail")).ToHaveTextAsync("Thời hạn không được trước ngày hôm nay.");
        await Assertions.Expect(officer.Locator("#task-title")).ToHaveValueAsync("Làm việc với Điện lực Lào Cai về treo cáp");
        await Shot(officer, "m02-task-deadline-refused");
        await officer.FillAsync("#task-deadline", Day(Today.AddDays(30)));
        await officer.ClickAsync("#assign");
        await Assertions.Expect(officer.Locator("#done")).ToHaveTextAsync("Đã giao nhiệm vụ.");
        await Assertions.Expect(officer.Locator("table.actions")).ToContainTextAsync(Day(Today.AddDays(30))); // dd/MM/yyyy
        await Assertions.Expect(officer.Locator("#difficulties")).ToContainTextAsync("Giao nhiệm vụ");
        // An officer does not escalate (a manager's step): the form is not offered.
        await Assertions.Expect(officer.Locator("#escalate-form")).ToHaveCountAsync(0);
        await Axe(officer, "meeting (held)");
        await Shot(officer, "m03-meeting-record");

        await officer.FillAsync("#minutes-summary", "Hội nghị thống nhất các nội dung trên.");
        await officer.ClickAsync("#publish");
        await Assertions.Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Đã ban hành biên bản");
        await Assertions.Expect(officer.Locator("#conclusion-form")).ToHaveCountAsync(0); // the record is closed

        // Amending: without a reason the API refuses, next to the field; with one the change is listed.
        await officer.FillAsync("#amend-change", "Bổ sung: đại diện Mạng Phan Xi Păng là ông Trần Văn Cường, Phó Giám đốc");
        await officer.ClickAsync("#amend");
        await Assertions.Expect(officer.Locator("span.field-error[data-field=reason]")).ToHaveTextAsync("là bắt buộc");
        await Assertions.Expect(officer.Locator("#amendments li")).ToHaveCountAsync(0);
        await officer.FillAsync("#amend-reason", "Ghi thiếu chức danh đại biểu");
        await officer.ClickAsync("#amend");
        await Assertions.Expect(officer.Locator("#amendments li")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator("#amendments")).ToContainTextAsync("Ghi thiếu chức danh đại biểu");
        await Axe(officer, "meeting (minutes published)");
        await Shot(officer, "m04-minutes-published-amended");

        // The printable minutes, reached from the meeting, printed to PDF on A4.
        var minutes = await officer.RunAndWaitForPopupAsync(() => officer.ClickAsync("#minutes-link"));
        await minutes.WaitForLoadStateAsync();
        await Assertions.Expect(minutes.Locator("h1")).ToHaveTextAsync("BIÊN BẢN");
        await Assertions.Expect(minutes.Locator("body")).ToContainTextAsync("Trần Văn Cường");
        await Assertions.Expect(minutes.Locator("body")).ToContainTextAsync("Ghi thiếu chức danh đại biểu");
        await Axe(minutes, "printable minutes");
        await Shot(minutes, "m05-printable-minutes");
        var pdf = await minutes.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        var pdfFile = Path.Combine(Platform.Screenshots.Directory, "m05-printable-minutes.pdf");
        await File.WriteAllBytesAsync(pdfFile, pdf);
        var pages = PdfPages.Read(pdf);
        Output.WriteLine($"[pdf] {pdfFile}: {pages.Count} pages, {string.Join("; ", pages.Select(p => $"{p.Width:0.##}x{p.Height:0.##} pt"))}");
        Assert.InRange(pages.Count, 1, 3); // a short briefing's minutes: one to three pages, not one page per table row
        Assert.All(pages, p =>
        {
            Assert.InRange(p.Width, 594, 597); // A4 is 210 × 297 mm = 595.3 × 841.9 pt
            Assert.InRange(p.Height, 841, 843.5);
        });

        // A manager escalates the second difficulty to the Ministry; choosing none is refused next to the list.
        var manager = await Platform.OpenAsAsync(PlatformRoles.Manager, "tran.quoc.huy", $"/hop/{meetingId}");
        await manager.SelectOptionAsync("#escalate-to", "ministry");
        await manager.FillAsync("#escalate-summary", "Đề nghị Bộ hướng dẫn thủ tục cấp phép trạm BTS tại khu du lịch Sa Pa");
        await manager.ClickAsync("#escalate");
        await Assertions.Expect(manager.Locator("span.field-error[data-field=difficulties]")).ToHaveTextAsync("cần chọn ít nhất một kiến nghị");
        await Shot(manager, "m06-escalation-refused");
        await manager.CheckAsync("#escalate-form input[type=checkbox]");
        await manager.ClickAsync("#escalate");
        await manager.WaitForURLAsync("**/hop/kien-nghi/**");
        await Assertions.Expect(manager.Locator("#done")).ToHaveTextAsync("Đã kiến nghị cấp trên.");
        await Assertions.Expect(manager.Locator("dl.facts")).ToContainTextAsync("Bộ Thông tin và Truyền thông");
        var escalationUrl = manager.Url;

        // The answer: dated tomorrow it is refused; dated today it is recorded and the answer form goes away.
        await manager.FillAsync("#response", "Bộ đã có văn bản hướng dẫn số 1234/BTTTT-CVT");
        await manager.FillAsync("#responded-on", Day(Today.AddDays(1)));
        await manager.ClickAsync("#record-answer");
        await Assertions.Expect(manager.Locator(".problem .detail")).ToHaveTextAsync("Ngày trả lời không được sau ngày hôm nay.");
        await Shot(manager, "m07-escalation-answer-refused");
        await manager.FillAsync("#responded-on", Day(Today));
        await manager.ClickAsync("#record-answer");
        await Assertions.Expect(manager.Locator("#done")).ToHaveTextAsync("Đã ghi nhận trả lời.");
        await Assertions.Expect(manager.Locator("#answer")).ToContainTextAsync("1234/BTTTT-CVT");
        await Assertions.Expect(manager.Locator("#answer-form")).ToHaveCountAsync(0);
        await Axe(manager, "escalation");
        await Shot(manager, "m08-escalation-answered");
        await manager.GotoAsync("/hop/kien-nghi");
        await Assertions.Expect(manager.Locator("#escalations")).ToContainTextAsync("Sa Pa");
        await Axe(manager, "escalation register");
        await Shot(manager, "m09-escalations");

        // An officer reads the escalation but is not offered the manager's answer form.
        await officer.GotoAsync(escalationUrl);
        await Assertions.Expect(officer.Locator("dl.facts")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#answer-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_officer_schedules_a_meeting_inviting_an_enterprise_and_an_official_after_a_refused_empty_title_and_an_auditor_is_not_offered_it()
    {
        var sinQuyen = await RegisterAsync("Công ty Cổ phần Viễn thông Sín Quyền", "Viễn thông Sín Quyền");
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "dang.van.binh", "/hop");
        await officer.ClickAsync("#schedule-meeting");
        await officer.WaitForURLAsync("**/hop/moi");
        var day = Today.AddDays(14);
        await officer.SelectOptionAsync("#kind", "dialogue");
        await officer.FillAsync("#meeting-date", Day(day));
        await officer.FillAsync("#place", "Hội trường Sở Thông tin và Truyền thông");
        await officer.FillAsync("#chair", "Giám đốc Sở");
        await officer.FillAsync("#agenda", "Tháo gỡ vướng mắc cấp phép trạm BTS\nNgầm hóa cáp treo");
        await PlatformUnderTest.FindEnterpriseAsync(officer, "invited-enterprises", "sin quyen");
        await officer.CheckAsync($"#invited-enterprises input[name='Form.Invited[{sinQuyen}]']");
        await officer.FillAsync("#o-name-1", "Ông Vũ Văn Nam");
        await officer.FillAsync("#o-title-1", "Phó Chủ tịch");
        await officer.FillAsync("#o-organisation-1", "UBND xã Sín Quyền");
        // Refused by the Meetings API: the title is required; the error sits next to it and nothing is scheduled.
        await officer.ClickAsync("#schedule");
        await Assertions.Expect(officer.Locator("span.field-error[data-field=title]")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#meeting-date")).ToHaveValueAsync(Day(day));
        await Axe(officer, "meeting scheduling with a field error");
        await Shot(officer, "40-meeting-schedule-refused");
        Assert.Empty(await MeetingsOnAsync(day, "Đối thoại doanh nghiệp vùng cao"));

        await officer.FillAsync("#meeting-title", "Đối thoại doanh nghiệp vùng cao");
        await officer.ClickAsync("#schedule");
        await officer.WaitForURLAsync(new Regex("/hop/[0-9a-f-]{36}\\?da=schedule$"));
        await Assertions.Expect(officer.Locator("#done")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("body")).ToContainTextAsync("Viễn thông Sín Quyền");
        await Assertions.Expect(officer.Locator("body")).ToContainTextAsync("Ông Vũ Văn Nam – Phó Chủ tịch, UBND xã Sín Quyền");
        await Axe(officer, "meeting scheduled");
        await Shot(officer, "41-meeting-scheduled");
        Assert.Single(await MeetingsOnAsync(day, "Đối thoại doanh nghiệp vùng cao"));

        // An auditor reads the calendar but is offered no scheduling (the API would answer 403).
        var auditor = await Platform.OpenAsAsync(PlatformRoles.Auditor, "le.thanh.tra", "/hop");
        await Assertions.Expect(auditor.Locator("h1")).ToBeVisibleAsync();
        await Assertions.Expect(auditor.Locator("#schedule-meeting")).ToHaveCountAsync(0);
        await auditor.GotoAsync("/hop/moi");
        await Assertions.Expect(auditor.Locator("#schedule-form")).ToHaveCountAsync(0);
    }

    private async Task<List<JsonElement>> MeetingsOnAsync(DateOnly day, string title)
    {
        using var meetings = Platform.Meetings.CreateClient();
        var list = await meetings.GetFromJsonAsync<JsonElement>($"/api/meetings/meetings?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        return list.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("title").GetString() == title).ToList();
    }

    [Fact]
    public async Task A_representative_reports_progress_on_its_own_task_and_closes_it_but_cannot_touch_another_enterprises()
    {
        var (own, other) = (await RegisterAsync("Công ty TNHH Bưu chính Lào Cai Xanh", "Bưu chính LC Xanh"),
            await RegisterAsync("Công ty Cổ phần Dịch vụ số Bắc Hà", "Dịch vụ số Bắc Hà"));
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "pham.thu.trang", "/hop/nhiem-vu");
        // Assigned from the tracker: without a title the API refuses next to the field.
        await PlatformUnderTest.FindEnterpriseAsync(officer, "task-assignee", "Bưu chính LC Xanh");
        await officer.SelectOptionAsync("#task-assignee", own.ToString());
        await officer.FillAsync("#task-deadline", Day(Today.AddDays(14)));
        await officer.ClickAsync("#assign");
        await Assertions.Expect(officer.Locator("span.field-error[data-field=title]")).ToHaveTextAsync("là bắt buộc");
        await Assertions.Expect(officer.Locator("#task-deadline")).ToHaveValueAsync(Day(Today.AddDays(14)));
        await officer.FillAsync("#task-title", "Báo cáo kế hoạch chuyển đổi điểm phục vụ bưu chính");
        await officer.ClickAsync("#assign");
        await officer.WaitForURLAsync("**/hop/nhiem-vu/**");
        await Assertions.Expect(officer.Locator("#done")).ToHaveTextAsync("Đã giao nhiệm vụ.");
        await Assertions.Expect(officer.Locator("#deadline")).ToContainTextAsync(Day(Today.AddDays(14)));
        await Assertions.Expect(officer.Locator("#cancel-form")).ToHaveCountAsync(0); // cancelling is a manager's step
        var taskUrl = new Uri(officer.Url).AbsolutePath;
        var manager = await Platform.OpenAsAsync(PlatformRoles.Manager, "tran.quoc.huy", taskUrl);
        await Assertions.Expect(manager.Locator("#cancel-form")).ToHaveCountAsync(1);
        await Axe(manager, "action item (manager)");

        var rep = await Platform.OpenAsAsync(PlatformRoles.Representative, "vu.thi.lan", "/hop/nhiem-vu", own);
        await Assertions.Expect(rep.Locator("table.actions tr:has(td)")).ToHaveCountAsync(1); // its own task only
        await Assertions.Expect(rep.Locator("#assign-form")).ToHaveCountAsync(0);
        await Axe(rep, "action tracker (representative)");
        await Shot(rep, "m10-tracker-representative");
        await rep.ClickAsync("table.actions a");
        await Assertions.Expect(rep.Locator("#cancel-form")).ToHaveCountAsync(0);

        // Progress over 100 % is refused next to the field; 60 % is recorded.
        await rep.FillAsync("#progress-note", "Đã rà soát 12 điểm phục vụ");
        await rep.FillAsync("#progress-percent", "160");
        await rep.ClickAsync("#report-progress");
        await Assertions.Expect(rep.Locator("span.field-error[data-field=percent]")).ToHaveTextAsync("phải từ 0 đến 100");
        await Assertions.Expect(rep.Locator("#progress-note")).ToHaveValueAsync("Đã rà soát 12 điểm phục vụ");
        await Shot(rep, "m11-progress-refused");
        await rep.FillAsync("#progress-percent", "60");
        await rep.ClickAsync("#report-progress");
        await Assertions.Expect(rep.Locator("#done")).ToHaveTextAsync("Đã báo cáo tiến độ.");
        await Assertions.Expect(rep.Locator("#notes")).ToContainTextAsync("(60%)");
        await rep.FillAsync("#evidence", "Công văn số 15/BC-LCX gửi Sở");
        await rep.FillAsync("#completed-on", Day(Today));
        await rep.ClickAsync("#complete");
        await Assertions.Expect(rep.Locator("h1 .status")).ToHaveTextAsync("Hoàn thành");
        await Assertions.Expect(rep.Locator("#progress-form")).ToHaveCountAsync(0);
        await Assertions.Expect(rep.Locator(".timeline").Last).ToContainTextAsync("Hoàn thành nhiệm vụ");
        await Axe(rep, "action item (representative)");
        await Shot(rep, "m12-task-done");

        // Another enterprise's representative neither sees the task nor gets a form for it.
        var stranger = await Platform.OpenAsAsync(PlatformRoles.Representative, "dinh.van.son", taskUrl, other);
        await Assertions.Expect(stranger.Locator(".problem")).ToHaveAttributeAsync("data-status", "403");
        await Assertions.Expect(stranger.Locator("form.step")).ToHaveCountAsync(0);

        // Closed, the task offers nothing more, not even to a manager.
        await manager.ReloadAsync();
        await Assertions.Expect(manager.Locator("form.step")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_agreement_is_drafted_and_signed_by_every_party_a_representative_only_for_its_own_and_a_stale_signature_offers_to_reload()
    {
        var (first, second) = (await RegisterAsync("Công ty Viễn thông Mường Khương", "Viễn thông Mường Khương"),
            await RegisterAsync("Công ty Cổ phần Cáp quang Bảo Thắng", "Cáp quang Bảo Thắng"));
        var year = Platform.Allocate.Years(); // one agreement a year for the Department: a year of this test's own
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "pham.thu.trang", "/hop/thoa-thuan");
        await officer.ClickAsync("#draft-agreement");
        await officer.FillAsync("#year", year.ToString());
        await officer.FillAsync("#title", $"Chương trình phối hợp năm {year}");
        await officer.FillAsync("#c-text-0", "Giao ban sáu tháng một lần");
        await officer.SelectOptionAsync("#c-category-0", "briefing");
        await officer.SelectOptionAsync("#c-cadence-0", "six-monthly");
        await officer.FillAsync("#c-text-1", "Gửi báo cáo định kỳ đúng hạn");
        await officer.SelectOptionAsync("#c-category-1", "reporting");
        await officer.SelectOptionAsync("#c-party-1", "enterprises");
        await officer.SelectOptionAsync("#c-cadence-1", "monthly");
        // No party chosen: refused next to the parties, and the commitments typed are kept.
        await officer.ClickAsync("#draft");
        await Assertions.Expect(officer.Locator("span.field-error[data-field=enterpriseIds]")).ToHaveTextAsync("cần chọn ít nhất một doanh nghiệp");
        await Assertions.Expect(officer.Locator("#c-text-1")).ToHaveValueAsync("Gửi báo cáo định kỳ đúng hạn");
        await Axe(officer, "agreement draft");
        await Shot(officer, "m13-agreement-draft-refused");
        await PlatformUnderTest.FindEnterpriseAsync(officer, "parties", "Viễn thông Mường Khương");
        await officer.CheckAsync($"#parties input[name='Form.Chosen[{first}]']");
        await PlatformUnderTest.FindEnterpriseAsync(officer, "parties", "Cáp quang Bảo Thắng"); // the first stays ticked
        await officer.CheckAsync($"#parties input[name='Form.Chosen[{second}]']");
        await officer.ClickAsync("#draft");
        await officer.WaitForURLAsync("**/hop/thoa-thuan/*?da=draft");
        await Assertions.Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Nháp");
        await Assertions.Expect(officer.Locator("#commitments")).ToContainTextAsync("Gửi báo cáo định kỳ đúng hạn");
        var agreementUrl = new Uri(officer.Url).AbsolutePath;

        // The Department's signature, dated tomorrow, is refused; dated today it is recorded.
        await officer.SelectOptionAsync("#party", "department");
        await officer.FillAsync("#signed-by", "Nguyễn Văn Sơn, Giám đốc Sở");
        await officer.FillAsync("#signed-on", Day(Today.AddDays(1)));
        await officer.ClickAsync("#sign");
        await Assertions.Expect(officer.Locator(".problem .detail")).ToHaveTextAsync("Ngày ký không được sau ngày hôm nay.");
        await officer.FillAsync("#signed-on", Day(Today));
        await officer.ClickAsync("#sign");
        await Assertions.Expect(officer.Locator("#done")).ToHaveTextAsync("Đã ghi nhận chữ ký.");
        await Assertions.Expect(officer.Locator("table.signatures tr.signed")).ToHaveCountAsync(1);

        // The first enterprise's representative is offered its own row only, and signs.
        var rep = await Platform.OpenAsAsync(PlatformRoles.Representative, "hoang.minh.duc", agreementUrl, first);
        await Assertions.Expect(rep.Locator("#party option")).ToHaveCountAsync(1);
        await Assertions.Expect(rep.Locator("#party option")).ToHaveAttributeAsync("value", first.ToString());
        await rep.FillAsync("#signed-by", "Hoàng Minh Đức, Giám đốc");
        await rep.FillAsync("#signed-on", Day(Today));
        await rep.ClickAsync("#sign");
        await Assertions.Expect(rep.Locator("#done")).ToHaveTextAsync("Đã ghi nhận chữ ký.");
        await Assertions.Expect(rep.Locator("#sign-form")).ToHaveCountAsync(0); // nothing left for it to sign
        await Axe(rep, "agreement (representative)");

        // Two officer tabs: the last signature recorded in one, the same from the stale other gets a 409 and a reload link.
        await officer.ReloadAsync();
        var stale = await officer.SecondTabAsync(agreementUrl);
        await StaleStep.ExpectRefusedAsync(stale,
            async () =>
            {
                await officer.SelectOptionAsync("#party", second.ToString());
                await officer.FillAsync("#signed-by", "Lý Thị Mai, Tổng Giám đốc");
                await officer.FillAsync("#signed-on", Day(Today));
                await officer.ClickAsync("#sign");
                await Assertions.Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Có hiệu lực");
                await Assertions.Expect(officer.Locator("table.signatures tr.signed")).ToHaveCountAsync(3);
                await Axe(officer, "agreement (in force)");
                await Shot(officer, "m14-agreement-in-force");
            },
            async () =>
            {
                await stale.SelectOptionAsync("#party", second.ToString());
                await stale.FillAsync("#signed-by", "Lý Thị Mai, Tổng Giám đốc");
                await stale.FillAsync("#signed-on", Day(Today));
                await stale.ClickAsync("#sign");
            }, "409",
            () => Assertions.Expect(stale.Locator("h1 .status")).ToHaveTextAsync("Có hiệu lực"),
            () => Shot(stale, "m15-agreement-stale-signature"));

        await officer.GotoAsync("/hop/thoa-thuan");
        await Assertions.Expect(officer.Locator("section.agreement", new() { HasText = $"{year}" })).ToContainTextAsync("Có hiệu lực");
        await Axe(officer, "agreements");
        await officer.GotoAsync("/hop");
        await Axe(officer, "meeting calendar");
    }


    private async Task<Guid> ScheduleAsync(string title, DateOnly date, params Guid[] enterprises)
    {
        using var meetings = Platform.Meetings.CreateClient();
        var created = await Eventually.Until(() => meetings.PostAsJsonAsync("/api/meetings/meetings", new
        {
            kind = "quarterly-briefing", title, date, place = "Hội trường Sở Thông tin và Truyền thông", chair = "Phó Giám đốc Sở",
            agenda = new[] { "Dùng chung hạ tầng", "Ngầm hóa cáp treo" }, invitedEnterpriseIds = enterprises,
            invitedOfficials = new[] { new { name = "Bà Lê Thị Hồng", title = "Phó Trưởng phòng", organisation = "Sở Xây dựng" } },
        }), r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "meeting scheduled (its invitees known to Meetings)");
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

}

/// <summary>The pages of a PDF as Chromium writes it: each page object's MediaBox (its own, or the page tree's it
/// inherits), in points. Chromium (Skia) writes the object dictionaries uncompressed; only content streams are packed.</summary>
public static class PdfPages
{
    public sealed record Page(double Width, double Height);

    public static IReadOnlyList<Page> Read(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text);
        var objects = Regex.Matches(text, @"\d+\s+\d+\s+obj\b(.*?)\bendobj", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.DoesNotContain(objects, o => Regex.IsMatch(o, @"/Type\s*/ObjStm")); // dictionaries packed in object streams would hide pages
        var tree = objects.Where(o => Regex.IsMatch(o, @"/Type\s*/Pages\b")).Select(MediaBox).FirstOrDefault(b => b is not null);
        return objects.Where(o => Regex.IsMatch(o, @"/Type\s*/Page(?![a-zA-Z])"))
            .Select(o => MediaBox(o) ?? tree ?? throw new Xunit.Sdk.XunitException("a page without a MediaBox"))
            .ToList();
    }

    private static Page? MediaBox(string pdfObject)
    {
        var b = Regex.Match(pdfObject, @"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]");
        if (!b.Success) return null;
        double N(int i) => double.Parse(b.Groups[i].Value, CultureInfo.InvariantCulture);
        return new Page(N(3) - N(1), N(4) - N(2));
    }
}
