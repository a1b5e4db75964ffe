using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using Microsoft.Extensions.Hosting;
using Platform.Web.Components.Pages;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The long lists whose APIs page (obligations, planned civil works, agreements) are read a page at a time: the console
/// asks the API for the page in its address (?trang=), shows what the API answered, and the page links keep the filters.</summary>
public class ReportsPagingTests
{
    /// <summary>A canned API that pages <paramref name="rows"/> as the services do (page, pageSize; PageOf).</summary>
    private static Func<HttpRequestMessage, (HttpStatusCode, string)> PagedApi(string path, IReadOnlyList<object> rows) => request =>
    {
        if (request.RequestUri!.AbsolutePath != path) return (HttpStatusCode.OK, "{}");
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        var (page, size) = (int.Parse(query["page"] ?? "1"), int.Parse(query["pageSize"] ?? "50"));
        var items = rows.Skip((page - 1) * size).Take(size).ToList();
        return (HttpStatusCode.OK, JsonSerializer.Serialize(new { items, total = rows.Count, page, pageSize = size }));
    };

    [Fact]
    public void Thirty_obligations_show_as_two_pages_read_from_the_api_and_the_page_links_keep_the_filters()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Manager);
        var enterprise = Guid.Parse("0195a6a4-0000-7000-8000-000000000001");
        var rows = Enumerable.Range(1, 30).Select(i => (object)new
        {
            id = Guid.CreateVersion7(), enterpriseId = enterprise, enterpriseName = $"Doanh nghiệp {i:00}", template = "telecom-monthly",
            period = "2026-10", dueOn = "2026-11-20", status = "due", versions = 0, late = false, overdue = false, locked = false, version = 1,
        }).ToList();
        ctx.Answer = PagedApi("/api/reporting/obligations", rows);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/bao-cao?trangThai=due&doanhNghiep={enterprise}&trang=2");

        var cut = ctx.Render<Reports>();

        // Page 2 of 25 a page, asked of the Reporting API with the filters: the last five.
        Assert.Contains($"GET /api/reporting/obligations?enterpriseId={enterprise}&status=due&page=2&pageSize=25", ctx.Requests);
        Assert.Equal(Enumerable.Range(26, 5).Select(i => $"Doanh nghiệp {i:00}"),
            cut.FindAll("#obligations tr[data-period] td:first-child").Select(td => td.TextContent));
        var previous = cut.Find("a.prev").GetAttribute("href")!;
        Assert.Contains("trangThai=due", previous);
        Assert.Contains($"doanhNghiep={enterprise}", previous);
        Assert.Contains("trang=1", previous);
        Assert.Empty(cut.FindAll("a.next"));
    }

    [Fact]
    public void Planned_civil_works_are_read_a_page_at_a_time_from_the_api()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer);
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var rows = Enumerable.Range(1, 60).Select(i => (object)new
        {
            id = Guid.CreateVersion7(), ownerId = Guid.CreateVersion7(), owner = "Viettel", routeOrArea = $"Tuyến {i:00}", district = "Thành phố Lào Cai",
            kind = "trenching", plannedStart = start.AddDays(i).ToString("yyyy-MM-dd"), durationDays = 5, permitDate = (string?)null, interested = Array.Empty<string>(), version = 1,
        }).ToList();
        ctx.Answer = PagedApi("/api/infrastructure/civil-works", rows);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/ha-tang/cong-trinh?trang=3");

        var cut = ctx.Render<CivilWorks>();

        Assert.Contains("GET /api/infrastructure/civil-works?page=3&pageSize=25", ctx.Requests);
        Assert.Equal(Enumerable.Range(51, 10).Select(i => $"Tuyến {i:00}"), cut.FindAll("#works tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal("3", cut.Find("nav.pager").GetAttribute("data-page"));
        Assert.Contains("trang=2", cut.Find("a.prev").GetAttribute("href"));
        // Joining is offered for the works of the page shown.
        Assert.Equal(10, cut.FindAll("#interest-works option").Count);
    }

    [Fact]
    public void Agreements_are_read_ten_a_page_from_the_api()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Officer);
        var rows = Enumerable.Range(0, 12).Select(i => (object)new
        {
            id = Guid.CreateVersion7(), year = 2040 - i, title = $"Chương trình phối hợp năm {2040 - i}", status = "draft", inForceFrom = (string?)null,
            expiresOn = $"{2040 - i}-12-31", signatures = Array.Empty<object>(), commitments = Array.Empty<object>(), version = 1,
        }).ToList();
        ctx.Answer = PagedApi("/api/meetings/agreements", rows);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/hop/thoa-thuan?trang=2");

        var cut = ctx.Render<Agreements>();

        Assert.Contains("GET /api/meetings/agreements?page=2&pageSize=10", ctx.Requests);
        Assert.Equal(["2030 — Chương trình phối hợp năm 2030", "2029 — Chương trình phối hợp năm 2029"],
            cut.FindAll("section.agreement h2 a").Select(a => a.TextContent));
        Assert.Contains("trang=1", cut.Find("a.prev").GetAttribute("href"));
    }
}
