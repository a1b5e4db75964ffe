using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Web.Components.Pages;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The list pages' CSV/Excel links carry the page's filters, in the API's names, to the console's /xuat/{list}.</summary>
public class DownloadLinkTests
{
    [Fact]
    public void The_directory_links_its_search_and_filters()
    {
        using var ctx = new ConsoleContext();
        ctx.Answer = _ => (HttpStatusCode.OK, """{"items":[],"total":0,"page":1,"pageSize":50}""");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/doanh-nghiep?q=vien%20thong&sector=postal&trang=2");
        var cut = ctx.Render<EnterpriseDirectory>();
        Assert.Equal("/xuat/doanh-nghiep?q=vien%20thong&sector=postal&format=csv", cut.Find("#download-csv").GetAttribute("href"));
        Assert.Equal("/xuat/doanh-nghiep?q=vien%20thong&sector=postal&format=xlsx", cut.Find("#download-xlsx").GetAttribute("href"));
    }

    [Fact]
    public void The_sharing_requests_link_their_filters_and_the_escalations_theirs()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Manager);
        // The tracker also loads the active enterprises, the sharing form the public site register; every list here answers a page.
        ctx.Answer = _ => (HttpStatusCode.OK, """{"items":[],"total":0,"page":1,"pageSize":200}""");
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/ha-tang/dung-chung?quaHan=true");
        Assert.Equal("/xuat/yeu-cau-dung-chung?overdueOnly=true&format=csv", ctx.Render<SharingRequests>().Find("#download-csv").GetAttribute("href"));
        navigation.NavigateTo("/hop/kien-nghi?noiNhan=ministry");
        Assert.Equal("/xuat/kien-nghi?to=ministry&format=xlsx", ctx.Render<Escalations>().Find("#download-xlsx").GetAttribute("href"));
        navigation.NavigateTo("/hop/nhiem-vu?trangThai=overdue&q=bts");
        Assert.Equal("/xuat/nhiem-vu?status=overdue&q=bts&format=csv", ctx.Render<ActionTracker>().Find("#download-csv").GetAttribute("href"));
    }
}
