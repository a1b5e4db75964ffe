using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The console's /xuat/{list}: the browser has no API token, so the console fetches the list's file with the signed-in
/// user's token and passes it through, with the page's filters and without its paging.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DownloadProxyTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    [Fact]
    public async Task A_signed_in_user_downloads_a_list_with_its_filters_and_every_matching_row()
    {
        var marker = $"Tải Xuống {Random.Shared.Next(10_000, 99_999)}";
        using var registry = Platform.Registry.CreateClient();
        // A third enterprise the filter does not find: the file must leave it out.
        foreach (var name in new[] { $"Công ty {marker} Một", $"Công ty {marker} Hai", $"Công ty Khác {Random.Shared.Next(10_000, 99_999)}" })
        {
            var response = await registry.PostAsJsonAsync("/api/registry/enterprises", new
            {
                taxCode = NewTaxCode(), legalName = name, shortName = name[8..], sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
                headOffice = new { street = "Số 2 đường Hoàng Liên", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
                representative = new { name = "Trần Văn Bình", title = "Giám đốc" }, contact = new { phone = "0214 3800 200", email = "lienhe@example.invalid" },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var page = await Platform.SignInAsync(PlatformRoles.Officer, "le.thi.tai");
        var q = Uri.EscapeDataString(marker);
        // The page's paging is not passed on: the file has every matching row, here both, though the page asked for one a page.
        var csv = await page.APIRequest.GetAsync($"/xuat/doanh-nghiep?q={q}&format=csv&page=2&pageSize=1");
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        var text = Encoding.UTF8.GetString(await csv.BodyAsync());
        var lines = text.TrimEnd('\r', '\n').Split("\r\n");
        Assert.Equal(3, lines.Length); // the header and the two enterprises the filter finds
        Assert.Contains(lines, l => l.Contains($"Công ty {marker} Một"));
        Assert.Contains(lines, l => l.Contains($"Công ty {marker} Hai"));
        // The same rows as the API's own file for the same filter.
        var api = await (await registry.GetAsync($"/api/registry/enterprises?q={q}&format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(api.TrimStart('\uFEFF').Split("\r\n")[0], lines[0].TrimStart('\uFEFF'));

        var xlsx = await page.APIRequest.GetAsync($"/xuat/doanh-nghiep?q={q}&format=xlsx");
        Assert.Equal((200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (xlsx.Status, xlsx.Headers["content-type"]));
        Assert.Equal(404, (await page.APIRequest.GetAsync("/xuat/khong-co-danh-sach?format=csv")).Status);
        Assert.Equal(400, (await page.APIRequest.GetAsync($"/xuat/doanh-nghiep?q={q}&format=pdf")).Status);

        // Without a session no file comes: the console sends the browser to sign in.
        var anonymous = await Platform.NewSessionAsync();
        var refused = await anonymous.APIRequest.GetAsync($"/xuat/doanh-nghiep?q={q}&format=csv");
        Assert.DoesNotContain("text/csv", refused.Headers.GetValueOrDefault("content-type") ?? "");
    }
}
