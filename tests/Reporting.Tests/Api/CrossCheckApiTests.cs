using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Infrastructure;
using Platform.Contracts.Meetings;
using Platform.Reporting.CrossChecks;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Reporting.Tests.Api;

/// <summary>Cross-checks fed by the Infrastructure and Meetings services' events over RabbitMQ, status-table exports, and as-of after a correction.</summary>
public class CrossCheckApiTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private readonly HttpClient _manager = host.CreateClient();
    private static string LastMonth => DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM");
    private static DateOnly LastMonthEnd => DateOnly.ParseExact(LastMonth + "-01", "yyyy-MM-dd").AddMonths(1).AddDays(-1);
    private IBus Bus => host.Services.GetRequiredService<IBus>();

    private async Task SubmitAndAcceptAsync(Guid op, string period, Dictionary<string, decimal> values)
    {
        var url = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", period)}";
        await (await _manager.PostAsJsonAsync($"{url}/submission", new { values, signerName = "Lê Văn Bình", signerTitle = "Giám đốc" })).ExpectAsync(HttpStatusCode.OK);
        await (await _manager.PostAsJsonAsync($"{url}/acceptance", new { })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reported_BTS_are_compared_with_towers_the_Infrastructure_service_announced_and_redeliveries_count_once()
    {
        var op = await host.OperatorAsync("Viettel-BTS", monthsAgo: 2);
        await host.Scheduler.OpenObligationsAsync(default);
        var values = ReportingHost.Values();
        values["operational-bts"] = 3;
        await SubmitAndAcceptAsync(op, LastMonth, values);

        var towers = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        var before = LastMonthEnd.AddDays(-20);
        foreach (var tower in towers)
            await Bus.Publish(new SiteRegisteredV1(Guid.NewGuid(), tower, 1, DateTimeOffset.UtcNow.AddMonths(-3), op, "greenfield-tower", "Thành phố Lào Cai", "Phường Cốc Lếu", "in-plan", 2));
        var operational = new SiteStatusChangedV1(Guid.NewGuid(), towers[0], 2, DateTimeOffset.UtcNow, op, "greenfield-tower", "operational", before, null);
        await Bus.Publish(operational);
        await Bus.Publish(operational); // a redelivery: applied once
        await Bus.Publish(new SiteStatusChangedV1(Guid.NewGuid(), towers[1], 2, DateTimeOffset.UtcNow, op, "greenfield-tower", "operational", before, null));
        await Bus.Publish(new SiteStatusChangedV1(Guid.NewGuid(), towers[2], 2, DateTimeOffset.UtcNow, op, "greenfield-tower", "operational", LastMonthEnd.AddDays(1), null));

        await Eventually.Until(async () =>
        {
            await using var s = host.Store.QuerySession();
            return await s.LoadManyAsync<OperatorSite>(towers);
        }, sites => sites.Count == 3 && sites.All(x => x.Transitions.Count == 2), what: "three towers with their operation");

        var report = await (await _manager.GetAsync($"/api/reporting/cross-checks/bts/{LastMonth}")).ExpectAsync(HttpStatusCode.OK);
        var row = report.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("enterpriseId").GetGuid() == op);
        Assert.Equal((3m, 2, 1m, "accepted"), (row.GetProperty("reported").GetDecimal(), row.GetProperty("registered").GetInt32(),
            row.GetProperty("difference").GetDecimal(), row.GetProperty("basis").GetString()));
        Assert.True(report.GetProperty("differences").GetInt32() >= 1);
        await (await _manager.GetAsync("/api/reporting/cross-checks/bts/2026-Q3")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await host.CreateClientAs(Representative, op).GetAsync($"/api/reporting/cross-checks/bts/{LastMonth}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_agreement_with_a_reporting_commitment_from_Meetings_shows_with_each_bound_enterprises_score()
    {
        var (onTime, never) = (await host.OperatorAsync("MobiFone-C", monthsAgo: 3), await host.OperatorAsync("Gtel-C", monthsAgo: 3));
        await host.Scheduler.OpenObligationsAsync(default);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var agreement = Guid.NewGuid();
        var inForce = new AgreementInForceV1(Guid.NewGuid(), agreement, 9, DateTimeOffset.UtcNow, today.Year, new DateOnly(today.Year, 1, 15), new DateOnly(today.Year, 12, 31),
            [onTime, never], ["briefing", "reporting"]);
        await Bus.Publish(inForce);
        await Bus.Publish(inForce with { EventId = Guid.NewGuid(), StreamVersion = 8, CommitmentCategories = null }); // older: ignored

        // Every report of onTime's due this year, submitted now: on time only where the due date has not passed.
        var obligations = (await (await _manager.GetAsync($"/api/reporting/obligations?enterpriseId={onTime}&pageSize=200")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        var dueThisYear = obligations.EnumerateArray().Where(o => DateOnly.Parse(o.GetProperty("dueOn").GetString()!) is var d && d.Year == today.Year && d <= today).ToList();

        var scores = await Eventually.Until(async () => await (await _manager.GetAsync($"/api/reporting/compliance?year={today.Year}")).ExpectAsync(HttpStatusCode.OK),
            // Both versions may arrive in either order (consumers take several messages at once); what must hold is that
            // the copy ends at version 9, whose categories commit to reporting, and the older one never overwrites it.
            s => s.EnumerateArray().Any(x => x.GetProperty("enterpriseId").GetGuid() == never && x.GetProperty("agreementId").ValueKind != System.Text.Json.JsonValueKind.Null
                && x.GetProperty("commitsToReporting").ValueKind == System.Text.Json.JsonValueKind.True),
            what: "agreement (version 9) known to Reporting");
        await Task.Delay(1000); // the older version, if it came second, has been handled by now: it changed nothing
        scores = await (await _manager.GetAsync($"/api/reporting/compliance?year={today.Year}")).ExpectAsync(HttpStatusCode.OK);
        var neverRow = scores.EnumerateArray().Single(x => x.GetProperty("enterpriseId").GetGuid() == never);
        Assert.Equal(agreement, neverRow.GetProperty("agreementId").GetGuid());
        Assert.True(neverRow.GetProperty("commitsToReporting").GetBoolean());
        Assert.Equal(dueThisYear.Count, neverRow.GetProperty("missing").GetInt32());
        Assert.Equal(0m, neverRow.GetProperty("score").GetDecimal());
        await (await _manager.GetAsync($"/api/reporting/compliance?year={today.Year + 1}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_status_table_exports_as_XLSX_and_CSV_with_Vietnamese_headers_and_labels()
    {
        var op = await host.OperatorAsync("Đông Dương Telecom", monthsAgo: 2);
        await host.Scheduler.OpenObligationsAsync(default);
        var thisMonth = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM"); // open now, due after it ends: accepted on time
        await SubmitAndAcceptAsync(op, thisMonth, ReportingHost.Values());

        var xlsx = await _manager.GetAsync("/api/reporting/status-matrix?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Tình hình báo cáo");
        Assert.Equal("Doanh nghiệp", sheet.Cell(1, 1).GetString());
        var column = sheet.Row(1).CellsUsed().Single(c => c.GetString() == $"Kỳ {thisMonth}").Address.ColumnNumber;
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Đông Dương Telecom");
        Assert.Equal("Đã chấp nhận", row.Cell(column).GetString());

        var csv = Encoding.UTF8.GetString(await (await _manager.GetAsync("/api/reporting/status-matrix?format=csv")).Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF\"Doanh nghiệp\"", csv);
        Assert.Contains("\"Đông Dương Telecom\"", csv);
        await (await _manager.GetAsync("/api/reporting/status-matrix?format=pdf")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task As_of_a_moment_before_a_correction_gives_the_figures_known_then_and_now_gives_the_corrected_ones()
    {
        var op = await host.OperatorAsync("Indochina-AsOf", monthsAgo: 2, district: "Huyện Si Ma Cai");
        await host.Scheduler.OpenObligationsAsync(default);
        await SubmitAndAcceptAsync(op, LastMonth, ReportingHost.Values(mobile: 10_000));
        await Task.Delay(100);
        var beforeCorrection = DateTimeOffset.UtcNow;
        await Task.Delay(100);
        var url = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", LastMonth)}";
        await (await _manager.PostAsJsonAsync($"{url}/return", new { reason = "Số thuê bao di động sai" })).ExpectAsync(HttpStatusCode.OK);
        var etag = (await _manager.GetAsync(url)).Headers.ETag!.Tag;
        await (await _manager.SendAsync(HttpMethod.Post, $"{url}/submission", ReportingHost.Submission(mobile: 12_000), etag)).ExpectAsync(HttpStatusCode.OK);
        await (await _manager.PostAsJsonAsync($"{url}/acceptance", new { })).ExpectAsync(HttpStatusCode.OK);

        decimal MobileIn(System.Text.Json.JsonElement report) => report.GetProperty("byDistrict").EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == "Huyện Si Ma Cai").GetProperty("values").GetProperty("mobile-subscribers").GetDecimal();
        var now = await (await _manager.GetAsync($"/api/reporting/indicators/{LastMonth}")).ExpectAsync(HttpStatusCode.OK);
        var then = await (await _manager.GetAsync($"/api/reporting/indicators/{LastMonth}?asOf={Uri.EscapeDataString(beforeCorrection.ToString("O"))}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(12_000m, MobileIn(now));
        Assert.Equal(10_000m, MobileIn(then));
        Assert.Equal(beforeCorrection, then.GetProperty("asOf").GetDateTimeOffset());
    }
}
