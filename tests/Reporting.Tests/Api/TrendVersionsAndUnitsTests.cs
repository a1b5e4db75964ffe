using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Platform.Contracts;
using Platform.Contracts.Reporting;
using Platform.Reporting.Templates;
using Platform.Testing;
using Xunit;
using static Reporting.Tests.ReportingHost;

namespace Reporting.Tests.Api;

/// <summary>The trend with a template version a manager published (and that version going out over RabbitMQ), the trend by the
/// current communes, and the indicator sheets in English; on this class's own database, so every figure is worked out here.
/// The version starts two months back; the unit figures are five months back, before it.</summary>
public class TrendVersionsAndUnitsTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private readonly HttpClient _manager = host.CreateClient();

    private Task FileAsync(Guid op, string period, object submission) => host.AcceptedReportAsync(_manager, op, period, submission);

    /// <summary>An operator as the Registry announces it, with the unit code its head office was entered with.</summary>
    private Task<Guid> OperatorAsync(string shortName, string district, string commune, string code, string generation) =>
        host.OperatorAsync(shortName, monthsAgo: 8, district: district, commune: commune, communeCode: code, generation: generation);

    private static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    private static List<(string, decimal?)> Groups(JsonElement series) =>
        series.GetProperty("points").EnumerateArray().Single().GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("name").GetString()!, Number(g.GetProperty("value")))).ToList();

    [Fact]
    public async Task A_version_a_manager_publishes_with_a_new_field_is_in_the_trend_from_its_period_and_goes_out_over_RabbitMQ()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri, IntegrationEventNames.ExchangeFor<ReportTemplateVersionPublishedV1>());
        var op = await host.OperatorAsync("Phiên bản Viettel", monthsAgo: 8);
        await host.Scheduler.OpenObligationsAsync(default);

        var shipped = Templates.Files.Single(f => f.Code == "telecom-monthly").Versions[^1];
        var v2 = shipped with
        {
            EffectiveFrom = Month(2),
            Source = "Công văn của Sở về thuê bao 5G (thử nghiệm)",
            Fields = [.. shipped.Fields!, new FieldRequest("subscribers-5g", "Số thuê bao 5G", "5G subscribers", "count", false, null, 10_000_000)],
        };
        await (await _manager.PostAsJsonAsync("/api/reporting/templates/telecom-monthly/versions", v2)).ExpectAsync(HttpStatusCode.Created);

        await FileAsync(op, Month(3), ReportingHost.Submission(300_000)); // under version 1
        var withNewField = ReportingHost.Values(320_000);
        withNewField["subscribers-5g"] = 4_000;
        await FileAsync(op, Month(1), new { values = withNewField, signerName = "Lê Văn Bình", signerTitle = "Giám đốc chi nhánh" }); // under version 2

        var trend = await (await _manager.GetAsync($"/api/reporting/indicators/trend?from={Month(3)}&to={Month(1)}&template=telecom-monthly")).ExpectAsync(HttpStatusCode.OK);
        var fiveG = Series(trend, "subscribers-5g");
        Assert.Equal("Số thuê bao 5G", fiveG.GetProperty("name").GetString());
        // Month −3 was filed under version 1 (no such field), month −2 has no report: gaps; month −1 gives it.
        Assert.Equal([null, null, 4_000m], fiveG.GetProperty("points").EnumerateArray().Select(p => Number(p.GetProperty("value"))));
        Assert.Equal([300_000m, null, 320_000m], Series(trend, "mobile-subscribers").GetProperty("points").EnumerateArray().Select(p => Number(p.GetProperty("value"))));

        // Outside systems hear of the version from the committed event: whole, with its fields, rules and source.
        var message = await Eventually.Until(() => Task.FromResult(consumer.Received.FirstOrDefault(m =>
                m.Body.GetProperty("template").GetString() == "telecom-monthly" && m.Body.GetProperty("version").GetInt32() == 2)),
            m => m.Body.ValueKind != JsonValueKind.Undefined, what: "template version published");
        var body = message.Body;
        Assert.Equal((Month(2), $"{Month(2)}-01", "monthly", 2L), (body.GetProperty("effectiveFrom").GetString(), body.GetProperty("effectiveFromDate").GetString(),
            body.GetProperty("periodType").GetString(), body.GetProperty("streamVersion").GetInt64()));
        Assert.Equal("Công văn của Sở về thuê bao 5G (thử nghiệm)", body.GetProperty("source").GetString());
        Assert.Equal(["network-operator", "telecom-service-provider"], body.GetProperty("enterpriseKinds").EnumerateArray().Select(k => k.GetString()));
        var fields = body.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(shipped.Fields!.Count + 1, fields.Count);
        var field = fields.Single(f => f.GetProperty("code").GetString() == "subscribers-5g");
        // Decimals travel as JSON numbers, as docs/asyncapi.json declares them (MassTransit's default wrote "10000000").
        Assert.Equal(("5G subscribers", "count", false, JsonValueKind.Number, 10_000_000m), (field.GetProperty("labelEn").GetString(), field.GetProperty("type").GetString(),
            field.GetProperty("required").GetBoolean(), field.GetProperty("max").ValueKind, field.GetProperty("max").GetDecimal()));
        Assert.Empty(ContractSchema.Violations(nameof(ReportTemplateVersionPublishedV1), body));
        Assert.Equal(shipped.Rules!.Count, body.GetProperty("rules").GetArrayLength());
        Assert.Contains(body.GetProperty("rules").EnumerateArray(), r => r.GetProperty("kind").GetString() == "at-most"
            && r.GetProperty("lesser").GetString() == "prepaid-registered" && r.GetProperty("greater").GetString() == "prepaid-subscribers");
        Assert.Equal("application/json", message.Headers["content-type"]);
    }

    [Fact]
    public async Task By_current_communes_each_commune_has_its_own_density_and_the_sheets_have_english_headers_on_request()
    {
        var month = Month(5);
        var year = month[..4];
        await (await _manager.PutAsJsonAsync($"/api/reporting/population/{year}/02647?generation=two-tier", new { inhabitants = 40_000 })).ExpectAsync(HttpStatusCode.OK);
        await (await _manager.PutAsJsonAsync($"/api/reporting/population/{year}/02683?generation=two-tier", new { inhabitants = 10_000 })).ExpectAsync(HttpStatusCode.OK);
        // Cốc Lếu (02644, before 1 July 2025, in Thành phố Lào Cai) went into Phường Lào Cai (02647); 02683 is Xã Bát Xát.
        var old = await OperatorAsync("Đơn vị Vinaphone", "Thành phố Lào Cai", "Phường Cốc Lếu", "02644", "three-tier");
        var current = await OperatorAsync("Đơn vị MobiFone", "", "Phường Lào Cai", "02647", "two-tier");
        var batXat = await OperatorAsync("Đơn vị Gtel", "", "Xã Bát Xát", "02683", "two-tier");
        await host.Scheduler.OpenObligationsAsync(default);
        await FileAsync(old, month, ReportingHost.Submission(10_000));
        await FileAsync(current, month, ReportingHost.Submission(20_000));
        await FileAsync(batXat, month, ReportingHost.Submission(3_000));

        var trend = await (await _manager.GetAsync($"/api/reporting/indicators/trend?from={month}&to={month}&by=unit&units=current&template=telecom-monthly"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("current", trend.GetProperty("units").GetString());
        Assert.Equal([("Phường Lào Cai", 30_000m), ("Xã Bát Xát", 3_000m)], Groups(Series(trend, "mobile-subscribers")));
        // Telephones (mobile + 5,000 fixed per report) per 100 of the commune's own inhabitants:
        // Phường Lào Cai (15,000 + 25,000) × 100 / 40,000 = 100; Xã Bát Xát 8,000 × 100 / 10,000 = 80.
        Assert.Equal([("Phường Lào Cai", 100m), ("Xã Bát Xát", 80m)], Groups(Series(trend, "density-per-100")));

        var entered = await (await _manager.GetAsync($"/api/reporting/indicators/trend?from={month}&to={month}&by=unit&template=telecom-monthly")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("entered", entered.GetProperty("units").GetString());
        Assert.Contains(("Thành phố Lào Cai", 10_000m), Groups(Series(entered, "mobile-subscribers"))); // the old address as entered
        var refused = await (await _manager.GetAsync($"/api/reporting/indicators/trend?from={month}&to={month}&by=unit&units=old")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["units"], refused.FieldErrors());

        // The indicator and status-matrix sheets in English when asked.
        async Task<HttpResponseMessage> EnglishAsync(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptLanguage.ParseAdd("en");
            return await _manager.SendAsync(request);
        }
        var csv = await (await EnglishAsync($"/api/reporting/indicators/{month}?format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("\uFEFF\"Indicator code\",\"Indicator\",\"Unit\",\"Total\"\r\n", csv);
        var xlsx = await EnglishAsync($"/api/reporting/indicators/{month}?format=xlsx&units=current");
        using (var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync()))
        {
            var byCommune = workbook.Worksheet("Theo xã, phường");
            Assert.Equal(("Commune or ward (since 1 July 2025)", "Active mobile subscribers"), (byCommune.Cell(1, 1).GetString(), byCommune.Cell(1, 2).GetString()));
            Assert.Equal("Density per 100 inhabitants", byCommune.Row(1).CellsUsed().Last().GetString());
            Assert.Equal("Operator", workbook.Worksheet("Theo doanh nghiệp").Cell(1, 1).GetString());
        }
        var matrix = await (await EnglishAsync($"/api/reporting/status-matrix?format=csv&from={month}&to={month}")).Content.ReadAsStringAsync();
        Assert.StartsWith($"\uFEFF\"Enterprise\",\"Period {month}\"\r\n", matrix);
        var vietnamese = await (await _manager.GetAsync($"/api/reporting/status-matrix?format=csv&from={month}&to={month}")).Content.ReadAsStringAsync();
        Assert.StartsWith($"\uFEFF\"Doanh nghiệp\",\"Kỳ {month}\"\r\n", vietnamese);
    }
}
