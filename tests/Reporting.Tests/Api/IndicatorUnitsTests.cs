using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using MassTransit;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts.Registry;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>Indicators by area as the head offices were entered, or by the current communes (old addresses mapped).</summary>
public class IndicatorUnitsTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private readonly HttpClient _manager = host.CreateClient();

    private static string LastMonth => DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM");

    /// <summary>An operator as the Registry announces it over RabbitMQ, with the unit code its head office was entered with.</summary>
    private async Task<Guid> OperatorAsync(string shortName, string district, string commune, string code, string generation)
    {
        var id = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow.AddMonths(-3),
            $"Công ty {shortName}", shortName, "5399900014", ["telecom"], ["network-operator"], district, commune, "Số 1", code, generation));
        var known = await Eventually.Until(async () =>
        {
            await using var s = host.Store.QuerySession();
            return await s.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: $"{shortName} known");
        Assert.Equal((code, generation), (known!.CommuneCode, known.UnitGeneration));
        return id;
    }

    [Fact]
    public async Task Indicators_group_by_the_units_as_entered_or_by_the_current_communes()
    {
        // Cốc Lếu (before 1 July 2025, in Thành phố Lào Cai) went into Phường Lào Cai (02647).
        var old = await OperatorAsync("Vinaphone", "Thành phố Lào Cai", "Phường Cốc Lếu", "02644", "three-tier");
        var current = await OperatorAsync("MobiFone", "", "Phường Lào Cai", "02647", "two-tier");
        await host.Scheduler.OpenObligationsAsync(default);
        foreach (var op in new[] { old, current })
        {
            var id = ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", LastMonth);
            await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{id}/submission", ReportingHost.Submission(200_000))).ExpectAsync(HttpStatusCode.OK);
            await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{id}/acceptance", new { })).ExpectAsync(HttpStatusCode.OK);
        }
        async Task<List<(string, decimal)>> AreasAsync(string units)
        {
            var report = await (await _manager.GetAsync($"/api/reporting/indicators/{LastMonth}?units={units}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(units, report.GetProperty("units").GetString());
            return report.GetProperty("byDistrict").EnumerateArray()
                .Select(g => (g.GetProperty("name").GetString()!, g.GetProperty("values").GetProperty("mobile-subscribers").GetDecimal())).ToList();
        }
        Assert.Equal([("Phường Lào Cai", 200_000m), ("Thành phố Lào Cai", 200_000m)], await AreasAsync("entered"));
        Assert.Equal([("Phường Lào Cai", 400_000m)], await AreasAsync("current"));
        await (await _manager.GetAsync($"/api/reporting/indicators/{LastMonth}?units=old")).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var xlsx = await _manager.GetAsync($"/api/reporting/indicators/{LastMonth}?units=current&format=xlsx");
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        Assert.Equal("Phường Lào Cai", workbook.Worksheet("Theo xã, phường").Cell(2, 1).GetString());
    }
}
