using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Platform.Testing;
using Xunit;
using static Web.Tests.EndToEnd.ApiCalls;

namespace Web.Tests.EndToEnd;

/// <summary>The stale steps the other browser tests leave out: the register's licence and lifecycle steps, a meeting's
/// attendance and minutes, a site's permit decision and the sharing steps after the other party moved. Each: the page is
/// read, another user changes the record through the API, the step sent from the page is refused as the API answers
/// (409: every one of these is a transition sent with the version the page showed), nothing of it is written, "Tải lại
/// trang" is offered and the reload shows the other user's change.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StaleReloadTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    [Fact]
    public async Task Licence_renewal_and_revocation_suspension_reinstatement_and_cessation_from_a_stale_page_are_refused_and_the_reload_shows_the_change()
    {
        var id = await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Viễn thông Mường Hum", "Viễn thông Mường Hum");
        using var registry = Platform.Registry.CreateClient();
        var path = $"/api/registry/enterprises/{id}";
        var granted = await registry.PostAsJsonAsync($"{path}/licences", new
        {
            number = "31/GP-STTTT", type = "telecom-services", issuingAuthority = "department", issuedOn = Today.AddYears(-1), expiresOn = Today.AddYears(2),
        });
        await ExpectOkAsync(Task.FromResult(granted));
        var licence = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("licenceId").GetGuid();
        var manager = await Platform.SignInAsync(PlatformRoles.Manager, "tran.quoc.huy");
        var page = $"/doanh-nghiep/{id}";

        // Renewed meanwhile to one date; the stale renewal to another is not written.
        await StaleStep.ExpectRefusedAsync(manager, page,
            () => ExpectOkAsync(registry.PostAsJsonAsync($"{path}/licences/{licence}/renewal", new { expiresOn = Today.AddYears(5) })),
            async () =>
            {
                await manager.FillAsync("#renew-expires", Day(Today.AddYears(7)));
                await manager.ClickAsync("#renew");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("#licences tr", new() { HasText = "31/GP-STTTT" })).ToContainTextAsync(Day(Today.AddYears(5)));
                await Expect(manager.Locator("#licences")).Not.ToContainTextAsync(Day(Today.AddYears(7)));
            },
            () => Shot(manager, "s01-licence-renewal-stale"));
        Assert.Equal(Today.AddYears(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (await DetailAsync(registry, path)).GetProperty("licences")[0].GetProperty("expiresOn").GetString());

        // Revoked meanwhile by another manager: the stale revocation is refused, the reload shows the revocation and offers none.
        await StaleStep.ExpectRefusedAsync(manager, page,
            () => ExpectOkAsync(registry.PostAsJsonAsync($"{path}/licences/{licence}/revocation", new { reason = "Không triển khai mạng trong 12 tháng" })),
            async () =>
            {
                await manager.FillAsync("#revoke-reason", "Vi phạm điều kiện giấy phép");
                await manager.ClickAsync("#revoke");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("#licences tr", new() { HasText = "31/GP-STTTT" })).ToContainTextAsync("Không triển khai mạng trong 12 tháng");
                await Expect(manager.Locator("#revoke-form, #renew-form")).ToHaveCountAsync(0);
            });
        Assert.Equal(1, await CountAsync(registry, path, "licence_revoked"));

        // Suspended meanwhile, for another reason.
        await StaleStep.ExpectRefusedAsync(manager, page,
            () => ExpectOkAsync(registry.PostAsJsonAsync($"{path}/suspension", new { reason = "Không nộp báo cáo 3 kỳ liên tiếp" })),
            async () =>
            {
                await manager.FillAsync("#suspend-reason", "Không đóng phí");
                await manager.ClickAsync("#suspend");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Tạm ngừng");
                await Expect(manager.Locator("#status-reason")).ToHaveTextAsync("Không nộp báo cáo 3 kỳ liên tiếp");
                await Expect(manager.Locator("#suspend-form")).ToHaveCountAsync(0);
                await Expect(manager.Locator("#reinstate")).ToBeVisibleAsync();
            },
            () => Shot(manager, "s02-suspension-stale"));
        Assert.Equal(1, await CountAsync(registry, path, "enterprise_suspended"));

        // Reinstated meanwhile.
        await StaleStep.ExpectRefusedAsync(manager, page,
            () => ExpectOkAsync(registry.PostAsJsonAsync($"{path}/reinstatement", new { note = "Đã nộp đủ báo cáo" })),
            () => manager.ClickAsync("#reinstate"), "409",
            async () =>
            {
                await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đang hoạt động");
                await Expect(manager.Locator("#reinstate-form")).ToHaveCountAsync(0);
                await Expect(manager.Locator("#suspend")).ToBeVisibleAsync();
            });
        Assert.Equal(1, await CountAsync(registry, path, "enterprise_reinstated"));

        // A licence granted meanwhile: the cessation was decided on a record without it, so it is refused and the manager sees it first.
        await StaleStep.ExpectRefusedAsync(manager, page,
            () => ExpectOkAsync(registry.PostAsJsonAsync($"{path}/licences", new
            {
                number = "32/GP-STTTT", type = "telecom-services", issuingAuthority = "department", issuedOn = Today, expiresOn = Today.AddYears(5),
            })),
            async () =>
            {
                await manager.FillAsync("#cease-reason", "Giải thể theo quyết định của chủ sở hữu");
                await manager.ClickAsync("#cease");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đang hoạt động");
                await Expect(manager.Locator("#licences")).ToContainTextAsync("32/GP-STTTT");
                await Expect(manager.Locator("#cease")).ToBeVisibleAsync();
            },
            () => Shot(manager, "s03-cessation-stale"));
        Assert.Equal("active", (await DetailAsync(registry, path)).GetProperty("status").GetString());
        await Accessibility.ExpectAccessibleAsync(manager, "enterprise (reloaded)", Output);
    }

    [Fact]
    public async Task Attendance_publishing_and_amending_the_minutes_from_a_stale_page_are_refused_and_the_reload_shows_the_record()
    {
        var (first, second) = (await Platform.RegisterEnterpriseAsync("Công ty TNHH Viễn thông Y Tý", "Viễn thông Y Tý"),
            await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Cáp quang Trịnh Tường", "Cáp quang Trịnh Tường"));
        foreach (var enterprise in new[] { first, second }) await Platform.KnownAsync(enterprise, Platform.Meetings.Services);
        using var meetings = Platform.Meetings.CreateClient();
        var meeting = await CreatedAsync(meetings.PostAsJsonAsync("/api/meetings/meetings", new
        {
            kind = "quarterly-briefing", title = "Giao ban doanh nghiệp vùng biên", date = Today, place = "Hội trường Sở", chair = "Phó Giám đốc Sở",
            agenda = new[] { "Phủ sóng vùng biên" }, invitedEnterpriseIds = new[] { first, second }, invitedOfficials = Array.Empty<object>(),
        }));
        var path = $"/api/meetings/meetings/{meeting}";
        var officer = await Platform.OpenAsAsync(PlatformRoles.Officer, "pham.thu.trang", $"/hop/{meeting}");

        // Attendance recorded meanwhile by another officer: the stale attendance is not written over it.
        await StaleStep.ExpectRefusedAsync(officer,
            () => ExpectOkAsync(meetings.PostAsJsonAsync($"{path}/holding", new
            {
                attendance = new object[]
                {
                    new { inviteeId = first, presence = "present" }, new { inviteeId = second, presence = "delegate", delegateName = "Lương Văn Khánh" },
                },
            })),
            async () =>
            {
                await officer.SelectOptionAsync("#presence-1", "absent");
                await officer.ClickAsync("#hold");
            }, "409",
            async () =>
            {
                await Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Đã họp");
                await Expect(officer.Locator("#attendance")).ToContainTextAsync("Lương Văn Khánh");
                await Expect(officer.Locator("#hold-form")).ToHaveCountAsync(0);
            },
            () => Shot(officer, "s04-attendance-stale"));
        var attendance = (await MeetingAsync(meetings, path)).GetProperty("attendance").EnumerateArray().ToList();
        Assert.Equal("delegate", attendance.Single(a => a.GetProperty("inviteeId").GetGuid() == second).GetProperty("presence").GetString());

        // The minutes published meanwhile, with another summary.
        await StaleStep.ExpectRefusedAsync(officer,
            () => ExpectOkAsync(meetings.PostAsJsonAsync($"{path}/minutes", new { summary = "Văn phòng Sở ban hành biên bản." })),
            async () =>
            {
                await officer.FillAsync("#minutes-summary", "Bản tóm tắt của tôi");
                await officer.ClickAsync("#publish");
            }, "409",
            async () =>
            {
                await Expect(officer.Locator("h1 .status")).ToHaveTextAsync("Đã ban hành biên bản");
                await Expect(officer.Locator("main")).ToContainTextAsync("Văn phòng Sở ban hành biên bản.");
                await Expect(officer.Locator("#publish-form")).ToHaveCountAsync(0);
                await Expect(officer.Locator("#amend-form")).ToBeVisibleAsync();
            });
        Assert.Equal("Văn phòng Sở ban hành biên bản.", (await MeetingAsync(meetings, path)).GetProperty("minutesSummary").GetString());

        // Amended meanwhile: the stale amendment is refused, the reload lists the other one only.
        await StaleStep.ExpectRefusedAsync(officer,
            () => ExpectOkAsync(meetings.PostAsJsonAsync($"{path}/amendments", new { reason = "Ghi sai tên đại biểu", change = "Đại biểu Cáp quang Trịnh Tường là ông Lương Văn Khánh" })),
            async () =>
            {
                await officer.FillAsync("#amend-change", "Bổ sung kết luận về phủ sóng");
                await officer.FillAsync("#amend-reason", "Thiếu kết luận");
                await officer.ClickAsync("#amend");
            }, "409",
            async () =>
            {
                await Expect(officer.Locator("#amendments li")).ToHaveCountAsync(1);
                await Expect(officer.Locator("#amendments")).ToContainTextAsync("Ghi sai tên đại biểu");
            },
            () => Shot(officer, "s05-amendment-stale"));
        Assert.Single((await MeetingAsync(meetings, path)).GetProperty("amendments").EnumerateArray());
        await Accessibility.ExpectAccessibleAsync(officer, "meeting with minutes amended (reloaded)", Output);
    }

    [Fact]
    public async Task The_permit_decision_and_the_sharing_steps_after_the_other_party_moved_are_refused_and_the_reload_shows_the_current_step()
    {
        var (owner, requester) = (await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Hạ tầng Bản Vược", "Hạ tầng Bản Vược"),
            await Platform.RegisterEnterpriseAsync("Công ty TNHH Viễn thông Lũng Pô", "Viễn thông Lũng Pô"));
        foreach (var enterprise in new[] { owner, requester }) await Platform.KnownAsync(enterprise, Platform.Infrastructure.Services);
        using var infrastructure = Platform.Infrastructure.CreateClient();
        using var ownerApi = Platform.Infrastructure.CreateClientAs(PlatformRoles.Representative, owner);
        async Task<Guid> SiteAsync(string name) => await CreatedAsync(infrastructure.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name, kind = "greenfield-tower", ownerId = owner, district = "Thành phố Lào Cai", commune = "Phường Bắc Cường",
            latitude = 22.4300, longitude = 103.9900, address = "Tổ 9", heightMetres = 36, tenantCapacity = 3, zone = "in-plan",
        }));
        async Task<Guid> RequestAsync(Guid site, bool offered)
        {
            var request = await CreatedAsync(infrastructure.PostAsJsonAsync("/api/infrastructure/sharing-requests", new { siteId = site, requesterId = requester, purpose = "Lắp ăng-ten phủ sóng biên giới" }));
            if (offered)
                await ExpectOkAsync(ownerApi.PostAsJsonAsync($"/api/infrastructure/sharing-requests/{request}/offer",
                    new { monthlyFeeVnd = 1_800_000, termMonths = 24, technicalConditions = "Lắp ở độ cao 20 m" }));
            return request;
        }
        var (permitSite, acceptSite, declineSite, disputeSite) = (await SiteAsync("Trạm BTS Bản Vược 1"), await SiteAsync("Trạm BTS Bản Vược 2"),
            await SiteAsync("Trạm BTS Bản Vược 3"), await SiteAsync("Trạm BTS Bản Vược 4"));
        var (toAccept, toDecline, toDispute) = (await RequestAsync(acceptSite, offered: true), await RequestAsync(declineSite, offered: true), await RequestAsync(disputeSite, offered: false));
        var sharing = "/api/infrastructure/sharing-requests";

        // The permit approved meanwhile by another manager: the stale refusal is not recorded.
        await ExpectOkAsync(ownerApi.PostAsJsonAsync($"/api/infrastructure/sites/{permitSite}/permit-request", new { on = Today }));
        var manager = await Platform.SignInAsync(PlatformRoles.Manager, "tran.quoc.huy");
        await StaleStep.ExpectRefusedAsync(manager, $"/ha-tang/tram/{permitSite}",
            () => ExpectOkAsync(infrastructure.PostAsJsonAsync($"/api/infrastructure/sites/{permitSite}/permit-approval", new { on = Today })),
            async () =>
            {
                await manager.FillAsync("#permit-refusal-reason", "Không phù hợp quy hoạch");
                await manager.ClickAsync("#refuse-permit");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("h1 .status")).ToHaveTextAsync("Đã cấp phép");
                await Expect(manager.Locator("#approve-permit, #refuse-permit")).ToHaveCountAsync(0);
            },
            () => Shot(manager, "s06-permit-decision-stale"));
        var events = (await infrastructure.GetFromJsonAsync<JsonElement>($"/api/infrastructure/sites/{permitSite}")).GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["site_registered", "site_permit_requested", "site_permit_approved"], events);

        // The requester's representative reads the offer; meanwhile the owner asks the Department to mediate: accepting and
        // declining from that page are refused, and the reload shows the dispute with neither offered.
        var rep = await Platform.SignInAsync(PlatformRoles.Representative, "lo.van.pao", requester);
        foreach (var (request, step) in new[] { (toAccept, "#accept"), (toDecline, "#decline") })
            await StaleStep.ExpectRefusedAsync(rep, $"/ha-tang/dung-chung/{request}",
                () => ExpectOkAsync(ownerApi.PostAsJsonAsync($"{sharing}/{request}/dispute", new { raisedBy = owner, grounds = "Bên đề nghị chưa nộp hồ sơ kỹ thuật" })),
                () => rep.ClickAsync(step), "409",
                async () =>
                {
                    await Expect(rep.Locator("dl.facts .status")).ToHaveClassAsync(new Regex("s-disputed"));
                    await Expect(rep.Locator("dl.facts")).ToContainTextAsync("Bên đề nghị chưa nộp hồ sơ kỹ thuật");
                    await Expect(rep.Locator("#accept, #decline, #dispute, #mediate")).ToHaveCountAsync(0);
                },
                () => Shot(rep, $"s07-sharing-{step.TrimStart('#')}-stale"));
        foreach (var request in new[] { toAccept, toDecline })
            Assert.Equal("disputed", (await infrastructure.GetFromJsonAsync<JsonElement>($"{sharing}/{request}")).GetProperty("request").GetProperty("status").GetString());

        // The owner refused meanwhile: the requester's dispute, written against the unanswered request, is refused; the
        // reload shows the refusal, against which it may now raise the dispute.
        await StaleStep.ExpectRefusedAsync(rep, $"/ha-tang/dung-chung/{toDispute}",
            () => ExpectOkAsync(ownerApi.PostAsJsonAsync($"{sharing}/{toDispute}/refusal", new { reason = "no-capacity", explanation = "Cột đã đủ ba doanh nghiệp" })),
            async () =>
            {
                await rep.FillAsync("input[name='DisputeForm.Text']", "Chủ công trình không trả lời đúng hạn");
                await rep.ClickAsync("#dispute");
            }, "409",
            async () =>
            {
                await Expect(rep.Locator("dl.facts .status")).ToHaveClassAsync(new Regex("s-refused"));
                await Expect(rep.Locator("dl.facts")).ToContainTextAsync("Cột đã đủ ba doanh nghiệp");
                await Expect(rep.Locator("#dispute")).ToBeVisibleAsync();
            });
        await rep.FillAsync("input[name='DisputeForm.Text']", "Cột mới lắp hai doanh nghiệp, còn chỗ");
        await rep.ClickAsync("#dispute");
        await Expect(rep.Locator("dl.facts .status")).ToHaveClassAsync(new Regex("s-disputed"));

        // Mediated meanwhile by another manager: the stale mediation is refused, the reload shows the decision and no form.
        await StaleStep.ExpectRefusedAsync(manager, $"/ha-tang/dung-chung/{toDispute}",
            () => ExpectOkAsync(infrastructure.PostAsJsonAsync($"{sharing}/{toDispute}/mediation", new { outcome = "upheld", decision = "Giữ nguyên việc từ chối: cột đã đủ tải" })),
            async () =>
            {
                await manager.FillAsync("input[name='MediateForm.Text']", "Đề nghị chủ công trình xem lại");
                await manager.ClickAsync("#mediate");
            }, "409",
            async () =>
            {
                await Expect(manager.Locator("dl.facts")).ToContainTextAsync("Giữ nguyên việc từ chối: cột đã đủ tải");
                await Expect(manager.Locator("#mediate")).ToHaveCountAsync(0);
            },
            () => Shot(manager, "s08-mediation-stale"));
        var mediated = (await infrastructure.GetFromJsonAsync<JsonElement>($"{sharing}/{toDispute}")).GetProperty("request");
        Assert.Equal("Giữ nguyên việc từ chối: cột đã đủ tải", mediated.GetProperty("mediationDecision").GetString());
        await Accessibility.ExpectAccessibleAsync(manager, "sharing request mediated (reloaded)", Output);
    }

    private static async Task<JsonElement> DetailAsync(HttpClient registry, string path) => await registry.GetFromJsonAsync<JsonElement>(path);

    private static async Task<int> CountAsync(HttpClient registry, string path, string eventName) =>
        (await DetailAsync(registry, path)).GetProperty("history").EnumerateArray().Count(e => e.GetProperty("event").GetString() == eventName);

    private static async Task<JsonElement> MeetingAsync(HttpClient meetings, string path) =>
        (await meetings.GetFromJsonAsync<JsonElement>(path)).GetProperty("meeting");
}
