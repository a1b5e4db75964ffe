using System.Reflection;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The console's routable pages, read from the components' <c>@page</c> directives (their <see cref="RouteAttribute"/>),
/// and the accessibility tour: for each route template the address the tour opens, from the records it made. A page added
/// without a place in the tour fails <see cref="ConsolePagesTests"/>, so every page keeps its accessibility check.</summary>
public static class ConsolePages
{
    public sealed record Samples(Guid Enterprise, Guid Site, Guid SharingRequest, Guid Meeting, Guid ActionItem, Guid Escalation, Guid Agreement, Guid Submission);

    public static IReadOnlySet<string> Routes() =>
        typeof(Platform.Web.Components.Pages.Dashboard).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Route template → the address the tour opens (signed in as a manager, except the sign-in page).</summary>
    public static readonly IReadOnlyDictionary<string, Func<Samples, string>> Tour = new Dictionary<string, Func<Samples, string>>
    {
        ["/"] = _ => "/",
        ["/dang-nhap"] = _ => "/dang-nhap",
        ["/loi"] = _ => "/loi",
        ["/khong-tim-thay"] = _ => "/khong-tim-thay",
        ["/doanh-nghiep"] = _ => "/doanh-nghiep",
        ["/doanh-nghiep/moi"] = _ => "/doanh-nghiep/moi",
        ["/doanh-nghiep/{Id:guid}"] = s => $"/doanh-nghiep/{s.Enterprise}",
        ["/doanh-nghiep/{Id:guid}/sua"] = s => $"/doanh-nghiep/{s.Enterprise}/sua",
        ["/ha-tang/tram"] = _ => "/ha-tang/tram",
        ["/ha-tang/tram/moi"] = _ => "/ha-tang/tram/moi",
        ["/ha-tang/tram/nhap"] = _ => "/ha-tang/tram/nhap",
        ["/ha-tang/tram/{Id:guid}"] = s => $"/ha-tang/tram/{s.Site}",
        ["/ha-tang/dung-chung"] = _ => "/ha-tang/dung-chung",
        ["/ha-tang/dung-chung/{Id:guid}"] = s => $"/ha-tang/dung-chung/{s.SharingRequest}",
        ["/ha-tang/cong-trinh"] = _ => "/ha-tang/cong-trinh",
        ["/hop"] = _ => "/hop",
        ["/hop/moi"] = _ => "/hop/moi",
        ["/hop/{Id:guid}"] = s => $"/hop/{s.Meeting}",
        ["/hop/nhiem-vu"] = _ => "/hop/nhiem-vu",
        ["/hop/nhiem-vu/{Id:guid}"] = s => $"/hop/nhiem-vu/{s.ActionItem}",
        ["/hop/kien-nghi"] = _ => "/hop/kien-nghi",
        ["/hop/kien-nghi/{Id:guid}"] = s => $"/hop/kien-nghi/{s.Escalation}",
        ["/hop/thoa-thuan"] = _ => "/hop/thoa-thuan",
        ["/hop/thoa-thuan/moi"] = _ => "/hop/thoa-thuan/moi",
        ["/hop/thoa-thuan/{Id:guid}"] = s => $"/hop/thoa-thuan/{s.Agreement}",
        ["/bao-cao"] = _ => "/bao-cao",
        ["/bao-cao/{Id:guid}"] = s => $"/bao-cao/{s.Submission}",
        ["/bao-cao/ma-tran"] = _ => "/bao-cao/ma-tran",
        ["/bao-cao/chi-tieu"] = _ => "/bao-cao/chi-tieu",
        ["/bao-cao/chi-tieu/xu-huong"] = _ => "/bao-cao/chi-tieu/xu-huong",
        ["/bao-cao/mau"] = _ => "/bao-cao/mau",
        ["/bao-cao/mau/{Code}"] = _ => "/bao-cao/mau/telecom-monthly",
        ["/bao-cao/dan-so"] = _ => "/bao-cao/dan-so",
    };
}

public class ConsolePagesTests
{
    [Fact]
    public void Every_routable_page_of_the_console_is_on_the_accessibility_tour()
    {
        var routes = ConsolePages.Routes();
        Assert.Contains("/hop/{Id:guid}", routes); // the reflection finds the pages at all
        Assert.Empty(routes.Except(ConsolePages.Tour.Keys).Order());
        // And the tour names no page that no longer exists.
        Assert.Empty(ConsolePages.Tour.Keys.Except(routes).Order());
    }
}
