using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Web.Components.Pages;
using Xunit;

namespace Web.Tests.Components;

/// <summary>The trend page's grouping: by the old districts (as entered) or by today's communes and wards (units=current).</summary>
public class TrendPageTests
{
    private const string OneCommune = """
        {"from":"2026-01-01","to":"2026-01-31","by":"unit","units":"current","series":[{"template":"telecom-monthly","code":"density-per-100","name":"Mật độ điện thoại / 100 dân",
         "unit":"Per100Inhabitants","periodType":"monthly","target":35,"points":[{"period":"2026-01","start":"2026-01-01","end":"2026-01-31","acceptedReports":1,"value":7.5,
         "groups":[{"name":"Phường Lào Cai","value":100}]}]}]}
        """;

    [Fact]
    public void By_commune_or_ward_asks_the_trend_by_the_current_units_and_keeps_the_choice()
    {
        using var ctx = new ConsoleContext(PlatformRoles.Manager);
        ctx.Answer = _ => (HttpStatusCode.OK, OneCommune);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/bao-cao/chi-tieu/xu-huong?tu=2026-01&den=2026-01&theo=unit-current");
        var cut = ctx.Render<IndicatorTrendPage>();
        Assert.Contains("GET /api/reporting/indicators/trend?from=2026-01&to=2026-01&by=unit&units=current", ctx.Requests);
        Assert.Equal("unit-current", cut.Find("#trend-by option[selected]").GetAttribute("value"));
        Assert.Equal("Theo xã, phường (từ 1/7/2025)", cut.Find("#trend-by option[value=unit-current]").TextContent);
        Assert.Contains("Phường Lào Cai", cut.Find("#trend-table").TextContent);

        ctx.Requests.Clear();
        navigation.NavigateTo("/bao-cao/chi-tieu/xu-huong?tu=2026-01&den=2026-01&theo=unit");
        ctx.Render<IndicatorTrendPage>();
        Assert.Contains("GET /api/reporting/indicators/trend?from=2026-01&to=2026-01&by=unit", ctx.Requests); // the old districts: no units=
    }
}
