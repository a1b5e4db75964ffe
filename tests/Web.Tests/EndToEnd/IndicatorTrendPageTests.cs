using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Platform.Contracts.Registry;
using Platform.Testing;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The indicators' trend as the console draws it: an operator's two accepted months, by operator, as a server-drawn
/// SVG chart with its target line, Vietnamese labels and figures, and the table that carries the same figures.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class IndicatorTrendPageTests(PlatformUnderTest platform, ITestOutputHelper output) : BrowserTests(platform, output)
{
    [Fact]
    public async Task A_manager_sees_an_operators_subscribers_per_month_against_the_target_as_an_accessible_chart()
    {
        var name = $"Viễn thông Xu Hướng {Random.Shared.Next(1000, 9999)}";
        var op = Guid.NewGuid();
        // Two months no other test of the shared platform reports in; the operator registered a few days before the first.
        var months = Platform.Allocate.Months(2);
        var (earlier, later) = (months[0], months[1]);
        var registeredAt = new DateTimeOffset(Allocations.FirstDay(earlier).AddDays(-5).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        await Platform.Reporting.Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), op, 1, registeredAt,
            $"Công ty {name}", name, Platform.Allocate.TaxCode(), ["telecom"], ["network-operator"], "Huyện Bát Xát", "Xã Bản Vược", "Số 7"));
        using var reporting = Platform.Reporting.CreateClient(); // a manager
        foreach (var (period, mobile) in new[] { (earlier, 120_000m), (later, 123_456m) })
        {
            var owed = await Eventually.Until(
                async () => (await reporting.GetFromJsonAsync<JsonElement>($"/api/reporting/obligations?enterpriseId={op}&period={period}&pageSize=200")).GetProperty("items"),
                o => o.GetArrayLength() == 1, TimeSpan.FromSeconds(60), $"{period} obligation opened");
            var url = $"/api/reporting/submissions/{owed[0].GetProperty("id").GetGuid()}";
            // The earlier month is locked by now: the manager lets it be entered.
            Assert.True((await reporting.PostAsJsonAsync($"{url}/exception", new { until = Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason = "Nhập bổ sung" })).IsSuccessStatusCode);
            Assert.True((await reporting.PostAsJsonAsync($"{url}/submission", new
            {
                values = new Dictionary<string, decimal>
                {
                    ["mobile-subscribers"] = mobile, ["prepaid-subscribers"] = 100_000, ["prepaid-registered"] = 90_000, ["fixed-subscribers"] = 4_000,
                    ["internet-subscribers"] = 30_000, ["operational-bts"] = 150, ["revenue-vnd"] = 9_000_000_000,
                },
                signerName = "Đỗ Minh Tâm", signerTitle = "Giám đốc",
            })).IsSuccessStatusCode);
            Assert.True((await reporting.PostAsync($"{url}/acceptance", null)).IsSuccessStatusCode);
        }

        var page = await Platform.OpenAsAsync(PlatformRoles.Manager, "nguyen.van.xu", "/bao-cao/chi-tieu");
        await page.ClickAsync("#trend-link");
        await page.WaitForURLAsync("**/bao-cao/chi-tieu/xu-huong");
        await page.FillAsync("#trend-from", earlier);
        await page.FillAsync("#trend-to", later);
        await page.SelectOptionAsync("#trend-by", "operator");
        await page.SelectOptionAsync("#trend-indicator", "mobile-subscribers");
        await page.ClickAsync("#trend-filters button");

        string Label(string period) => $"{period[5..7]}/{period[..4]}"; // 10/2026
        var chart = page.Locator("svg#trend");
        await Assertions.Expect(chart.Locator("title").First).ToHaveTextAsync("Số thuê bao di động đang hoạt động");
        await Assertions.Expect(chart.Locator("desc")).ToHaveTextAsync(
            $"Số thuê bao di động đang hoạt động theo kỳ từ {Label(earlier)} đến {Label(later)}. Chỉ tiêu kế hoạch: 700.000. Số liệu chi tiết trong bảng dưới biểu đồ.");
        await Assertions.Expect(chart.Locator("line.target")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("text.target-label")).ToHaveTextAsync("Chỉ tiêu 700.000");
        await Assertions.Expect(chart.Locator("text.tick", new() { HasText = Label(later) })).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("text.axis-title").First).ToHaveTextAsync("Kỳ báo cáo");
        // The operator's line: a dot per month whose tooltip names it with the vi-VN figure.
        await Assertions.Expect(chart.Locator("circle title", new() { HasText = $"{name}, {Label(later)}: 123.456" })).ToHaveCountAsync(1);

        var table = page.Locator("#trend-table");
        var column = await table.Locator("thead th").AllTextContentsAsync();
        var at = column.ToList().IndexOf(name);
        Assert.True(at > 0, string.Join(" | ", column));
        var row = table.Locator("tbody tr", new() { HasText = Label(later) });
        await Assertions.Expect(row.Locator("th, td").Nth(at)).ToHaveTextAsync("123.456");
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync($"01/{Label(later)}");
        await Assertions.Expect(table.Locator("tbody tr", new() { HasText = Label(earlier) }).Locator("th, td").Nth(at)).ToHaveTextAsync("120.000");
        await Platform.Screenshots.TakeAsync(page, "19-indicator-trend", Output);
        await Accessibility.ExpectAccessibleAsync(page, "indicator trend", Output);
    }
}
