using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>In headless Chromium against the real services: an enterprise picker finds any enterprise of a register larger
/// than what it lists (search by name without diacritics or by tax code, posted with the form, the ticks kept), and a 409 that
/// is a business rule says the rule next to its field instead of offering a reload.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PickerAndConflictTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    private async Task<string> TaxCodeAsync(Guid enterprise)
    {
        using var registry = Platform.Registry.CreateClient();
        return (await registry.GetFromJsonAsync<JsonElement>($"/api/registry/enterprises/{enterprise}")).GetProperty("taxCode").GetString()!;
    }

    [Fact]
    public async Task An_officer_invites_enterprises_found_by_name_and_tax_code_among_more_than_the_picker_lists_and_the_ticks_stay_across_searches()
    {
        // More enterprises of this test's own than a picker lists (25), all with a word nobody else uses.
        var tag = "Thử" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5));
        var ids = new List<Guid>();
        for (var i = 1; i <= 30; i++) ids.Add(await Platform.RegisterEnterpriseAsync($"Công ty TNHH Bưu chính {tag} {i:00}", $"Bưu chính {tag} {i:00}"));
        var last = await TaxCodeAsync(ids[29]);
        foreach (var id in new[] { ids[0], ids[1], ids[29] }) await Platform.KnownAsync(id, Platform.Meetings.Services);

        var officer = await Platform.SignInAsync(PlatformRoles.Officer, "vu.thi.mai");
        await officer.GotoAsync("/hop/moi");
        var day = Today.AddDays(20);
        await officer.SelectOptionAsync("#kind", "dialogue");
        await officer.FillAsync("#meeting-title", $"Đối thoại {tag}");
        await officer.FillAsync("#meeting-date", day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await officer.FillAsync("#place", "Hội trường Sở");
        await officer.FillAsync("#chair", "Giám đốc Sở");
        await officer.FillAsync("#agenda", "Dịch vụ bưu chính công ích");

        // Found by name, without diacritics: the first 25 of the 30, and how to find the others.
        await PlatformUnderTest.FindEnterpriseAsync(officer, "invited-enterprises", tag.Replace("Thử", "thu"));
        await Expect(officer.Locator("#invited-enterprises input[type=checkbox]")).ToHaveCountAsync(25);
        await Expect(officer.Locator("#invited-enterprises-more")).ToHaveTextAsync("Đang liệt kê 25 trong 30 doanh nghiệp: tìm theo tên hoặc mã số thuế để thấy các doanh nghiệp khác.");
        await Expect(officer.Locator($"#invited-enterprises input[name='Form.Invited[{ids[29]}]']")).ToHaveCountAsync(0); // the 30th is not listed
        await officer.CheckAsync($"#invited-enterprises input[name='Form.Invited[{ids[0]}]']");
        await officer.CheckAsync($"#invited-enterprises input[name='Form.Invited[{ids[1]}]']");

        // The 30th by its tax code: listed beside the two ticked, which stay ticked; what was typed is kept.
        await PlatformUnderTest.FindEnterpriseAsync(officer, "invited-enterprises", last);
        await Expect(officer.Locator("#invited-enterprises input[type=checkbox]")).ToHaveCountAsync(3);
        await Expect(officer.Locator("#invited-enterprises input[type=checkbox]:checked")).ToHaveCountAsync(2);
        await Expect(officer.Locator("#meeting-title")).ToHaveValueAsync($"Đối thoại {tag}");
        await officer.CheckAsync($"#invited-enterprises input[name='Form.Invited[{ids[29]}]']");
        await ShotAndCheck(officer, "p01-invitations-found-by-tax-code");

        // A search that finds nothing says so and loses no tick.
        await PlatformUnderTest.FindEnterpriseAsync(officer, "invited-enterprises", "không có doanh nghiệp này");
        await Expect(officer.Locator("#invited-enterprises-none")).ToHaveTextAsync("Không có doanh nghiệp đang hoạt động nào khớp.");
        await Expect(officer.Locator("#invited-enterprises input[type=checkbox]:checked")).ToHaveCountAsync(3);

        await officer.ClickAsync("#schedule");
        await officer.WaitForURLAsync(new Regex("/hop/[0-9a-f-]{36}\\?da=schedule$"));
        var meeting = Guid.Parse(Regex.Match(officer.Url, "/hop/([0-9a-f-]{36})").Groups[1].Value);
        using var meetings = Platform.Meetings.CreateClient();
        var invited = (await meetings.GetFromJsonAsync<JsonElement>($"/api/meetings/meetings/{meeting}")).GetProperty("meeting").GetProperty("enterprises")
            .EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Order().ToList();
        Assert.Equal(new[] { ids[0], ids[1], ids[29] }.Order(), invited);
    }

    [Fact]
    public async Task A_tax_code_already_registered_is_said_next_to_the_field_as_the_rule_it_is_with_no_reload_offered()
    {
        var existing = await Platform.RegisterEnterpriseAsync("Công ty Cổ phần Bưu chính Mường Hum", "Bưu chính Mường Hum");
        var taxCode = await TaxCodeAsync(existing);
        var officer = await Platform.SignInAsync(PlatformRoles.Officer, "ly.van.tu");
        await officer.GotoAsync("/doanh-nghiep/moi");
        await officer.FillAsync("#taxCode", taxCode);
        await officer.FillAsync("#legalName", "Công ty TNHH Bưu chính Mường Hum Mới");
        await officer.FillAsync("#shortName", "Bưu chính Mường Hum Mới");
        await officer.SelectOptionAsync("#sector", "postal");
        await officer.SelectOptionAsync("#kind", "postal-operator");
        await officer.FillAsync("#street", "Số 2 đường Hoàng Liên");
        await officer.FillAsync("#commune", "Phường Cốc Lếu");
        await officer.FillAsync("#district", "Thành phố Lào Cai");
        await officer.FillAsync("#repName", "Lý Thị Hoa");
        await officer.FillAsync("#repTitle", "Giám đốc");
        await officer.FillAsync("#phone", "0214 3822 999");
        await officer.FillAsync("#email", "muonghum@example.invalid");
        await officer.ClickAsync("#save");

        // The Registry's 409 duplicate-tax-code: its rule next to the tax code, no "someone else changed this" and no reload.
        await Expect(officer.Locator(".problem")).ToHaveAttributeAsync("data-status", "409");
        await Expect(officer.Locator("span.field-error[data-field=taxCode]")).ToHaveTextAsync("Mã số thuế này đã được đăng ký cho một doanh nghiệp khác.");
        await Expect(officer.Locator(".problem strong")).ToHaveTextAsync("Không thực hiện được vì trái với dữ liệu đã ghi nhận.");
        await Expect(officer.Locator("a.reload")).ToHaveCountAsync(0);
        await Expect(officer.Locator(".problem.conflict")).ToHaveCountAsync(0);
        await Expect(officer.Locator("#legalName")).ToHaveValueAsync("Công ty TNHH Bưu chính Mường Hum Mới");
        await ShotAndCheck(officer, "p02-duplicate-tax-code");
        using var registry = Platform.Registry.CreateClient();
        var page = await registry.GetFromJsonAsync<JsonElement>($"/api/registry/enterprises?q={taxCode}");
        Assert.Equal(1, page.GetProperty("total").GetInt32()); // nothing registered
    }
}
