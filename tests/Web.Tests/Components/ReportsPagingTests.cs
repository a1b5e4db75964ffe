using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Microsoft.Extensions.Hosting;
using Platform.Web.Components.Pages;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The reports list pages in the console (the Reporting API answers every obligation that matches), and the
/// page links keep the filters.</summary>
public class ReportsPagingTests
{
    [Fact]
    public void Thirty_obligations_show_as_two_pages_and_the_page_links_keep_the_filters()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Manager);
        var enterprise = Guid.Parse("0195a6a4-0000-7000-8000-000000000001");
        var rows = Enumerable.Range(1, 30).Select(i => new
        {
            id = Guid.CreateVersion7(), enterpriseId = enterprise, enterpriseName = $"Doanh nghiệp {i:00}", template = "telecom-monthly",
            period = "2026-10", dueOn = "2026-11-20", status = "due", versions = 0, late = false, overdue = false, locked = false, version = 1,
        });
        ctx.Answer = _ => (HttpStatusCode.OK, JsonSerializer.Serialize(rows));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/bao-cao?trangThai=due&doanhNghiep={enterprise}&trang=2");

        var cut = ctx.Render<Reports>();

        // Page 2 of 25 a page: the last five.
        Assert.Equal(Enumerable.Range(26, 5).Select(i => $"Doanh nghiệp {i:00}"),
            cut.FindAll("#obligations tr[data-period] td:first-child").Select(td => td.TextContent));
        var previous = cut.Find("a.prev").GetAttribute("href")!;
        Assert.Contains("trangThai=due", previous);
        Assert.Contains($"doanhNghiep={enterprise}", previous);
        Assert.Contains("trang=1", previous);
        Assert.Empty(cut.FindAll("a.next"));
    }
}
