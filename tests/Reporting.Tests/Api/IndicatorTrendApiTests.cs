using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;
using static Reporting.Tests.ReportingHost;

namespace Reporting.Tests.Api;

/// <summary>The trend over three months of reports submitted and accepted through the API, on this class's own database,
/// so every accepted report in it is known here and each expected figure is worked out by hand below.</summary>
public class IndicatorTrendApiTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private readonly HttpClient _manager = host.CreateClient();

    private Task FileAsync(Guid op, string period, decimal mobile) => host.AcceptedReportAsync(_manager, op, period, ReportingHost.Submission(mobile));

    private static decimal?[] Values(JsonElement series) =>
        series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : p.GetProperty("value").GetDecimal()).ToArray();

    private static decimal?[] Group(JsonElement series, string name) =>
        series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("name").GetString() == name)
            .Select(g => g.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : g.GetProperty("value").GetDecimal()).SingleOrDefault()).ToArray();

    [Fact]
    public async Task Known_accepted_reports_give_known_series_per_operator_and_unit_with_densities_and_the_target_line()
    {
        var (m1, m2, m3) = (Month(3), Month(2), Month(1));
        foreach (var year in new[] { m1, m3 }.Select(m => m[..4]).Distinct())
        {
            await (await _manager.PutAsJsonAsync($"/api/reporting/population/{year}/15?generation=two-tier", new { inhabitants = 1_000_000 })).ExpectAsync(HttpStatusCode.OK);
            await (await _manager.PutAsJsonAsync($"/api/reporting/population/{year}/Th%C3%A0nh%20ph%E1%BB%91%20L%C3%A0o%20Cai", new { inhabitants = 200_000 })).ExpectAsync(HttpStatusCode.OK);
            await (await _manager.PutAsJsonAsync($"/api/reporting/population/{year}/Huy%E1%BB%87n%20B%C3%A1t%20X%C3%A1t", new { inhabitants = 100_000 })).ExpectAsync(HttpStatusCode.OK);
        }
        var a = await host.OperatorAsync("Xu hướng Viettel", monthsAgo: 4, district: "Thành phố Lào Cai");
        var b = await host.OperatorAsync("Xu hướng VNPT", monthsAgo: 4, district: "Huyện Bát Xát");
        await host.Scheduler.OpenObligationsAsync(default);
        await FileAsync(a, m1, 300_000);
        await FileAsync(a, m2, 310_000);
        await FileAsync(a, m3, 320_000);
        await FileAsync(b, m1, 100_000);
        await FileAsync(b, m3, 110_000); // b's middle month is never accepted
        // A's middle month returned and resubmitted with other figures, not yet accepted: its accepted 310,000 still counts.
        var aMiddle = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(a, "telecom-monthly", m2)}";
        await (await _manager.PostAsJsonAsync($"{aMiddle}/return", new { reason = "Số liệu chưa khớp" })).ExpectAsync(HttpStatusCode.OK);
        await (await _manager.PostAsJsonAsync($"{aMiddle}/submission", ReportingHost.Submission(999_000))).ExpectAsync(HttpStatusCode.OK);

        var trend = await (await _manager.GetAsync($"/api/reporting/indicators/trend?from={m1}&to={m3}&by=operator&template=telecom-monthly")).ExpectAsync(HttpStatusCode.OK);
        var mobile = Series(trend, "mobile-subscribers");
        Assert.Equal([m1, m2, m3], mobile.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()));
        Assert.Equal([400_000m, 310_000m, 430_000m], Values(mobile)); // 300,000 + 100,000; 310,000 alone; 320,000 + 110,000
        Assert.Equal([300_000m, 310_000m, 320_000m], Group(mobile, "Xu hướng Viettel"));
        Assert.Equal([100_000m, null, 110_000m], Group(mobile, "Xu hướng VNPT"));
        Assert.Equal(700_000m, mobile.GetProperty("target").GetDecimal()); // Reporting:Targets in appsettings.json

        var density = Series(trend, "density-per-100");
        Assert.Equal(35m, density.GetProperty("target").GetDecimal());
        // Telephones are mobile + 5,000 fixed per report (ReportingHost.Values), per 100 of the province's 1,000,000:
        // (305,000 + 105,000) / 10,000 = 41; 315,000 / 10,000 = 31.5; (325,000 + 115,000) / 10,000 = 44.
        Assert.Equal([41m, 31.5m, 44m], Values(density));
        Assert.Equal([30.5m, 31.5m, 32.5m], Group(density, "Xu hướng Viettel"));
        Assert.Equal([10.5m, null, 11.5m], Group(density, "Xu hướng VNPT"));

        var byUnit = await (await _manager.GetAsync($"/api/reporting/indicators/trend?from={m1}-01&to={m1}&by=unit")).ExpectAsync(HttpStatusCode.OK);
        var unitDensity = Series(byUnit, "density-per-100");
        Assert.Equal([152.5m], Group(unitDensity, "Thành phố Lào Cai")); // 305,000 × 100 / 200,000
        Assert.Equal([105m], Group(unitDensity, "Huyện Bát Xát")); // 105,000 × 100 / 100,000
        Assert.Contains(byUnit.GetProperty("series").EnumerateArray(), s => s.GetProperty("template").GetString() == "postal-quarterly"); // every template when none is named

        // The period's indicators give each operator its density too (it was always null).
        var indicators = await (await _manager.GetAsync($"/api/reporting/indicators/{m1}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(30.5m, indicators.GetProperty("byOperator").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Xu hướng Viettel").GetProperty("densityPer100").GetDecimal());

        var csv = await (await _manager.GetAsync($"/api/reporting/indicators/trend?from={m1}&to={m3}&by=operator&template=telecom-monthly&format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("\uFEFF\"Mã chỉ tiêu\",\"Tên chỉ tiêu\",\"Kỳ\"", csv);
        Assert.Contains($"\"density-per-100\",\"Mật độ điện thoại / 100 dân\",\"{m1}\"", csv);
        Assert.Contains($"\"{m1}\",01/{m1[5..7]}/{m1[..4]},", csv); // days as the Department writes them
        Assert.Contains("\"Toàn tỉnh\",41,35\r\n", csv);
        Assert.Contains("\"Xu hướng VNPT\",10.5,\r\n", csv);
        var xlsx = await _manager.GetAsync($"/api/reporting/indicators/trend?from={m1}&to={m3}&template=telecom-monthly&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var row = workbook.Worksheet("Xu hướng").RowsUsed().Single(r => r.Cell(1).GetString() == "mobile-subscribers" && r.Cell(3).GetString() == m3);
        Assert.Equal(430_000d, row.Cell(7).GetDouble());
        Assert.Equal(new DateTime(Today.AddMonths(-1).Year, Today.AddMonths(-1).Month, 1), row.Cell(4).GetDateTime()); // the period's first day, a date cell
    }

    [Fact]
    public async Task A_bad_range_or_grouping_is_400_with_the_field_and_only_the_department_reads_it()
    {
        async Task<string[]> Fields(string query) => (await (await _manager.GetAsync($"/api/reporting/indicators/trend?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors();
        Assert.Equal(["from"], await Fields("from=2026-06-01&to=2026-05-31"));
        Assert.Equal(["to"], await Fields("from=2020-01&to=2025-01")); // 61 months, more than Reporting:TrendMaxMonths
        Assert.Equal(["by"], await Fields("from=2026-01&to=2026-03&by=district"));
        Assert.Equal(["from"], await Fields("from=01/03/2026&to=2026-03"));
        await (await host.CreateClientAs(ExternalSystem).GetAsync("/api/reporting/indicators/trend")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
