using Platform.Reporting.Submissions;
using Platform.BuildingBlocks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Reporting;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Reporting.Tests.Api;

public class ReportingApiTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private readonly HttpClient _manager = host.CreateClient();

    private static string LastMonth => DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM");

    private async Task<JsonElement> ObligationsAsync(Guid enterprise, HttpClient? client = null)
    {
        await host.Scheduler.OpenObligationsAsync(default);
        return (await (await (client ?? _manager).GetAsync($"/api/reporting/obligations?enterpriseId={enterprise}&pageSize=200")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
    }

    [Fact]
    public async Task A_registered_operator_owes_each_month_since_registration_and_submits_with_a_return_and_correction()
    {
        var op = await host.OperatorAsync("Viettel", monthsAgo: 2);
        var obligations = await ObligationsAsync(op);
        Assert.True(obligations.GetArrayLength() >= 2);
        // Each month since registration, and the year (the annual telecom report, opened as the year starts).
        Assert.Equal(["telecom-annual", "telecom-monthly"], obligations.EnumerateArray().Select(o => o.GetProperty("template").GetString()).Distinct().Order());
        Assert.Equal([DateTime.UtcNow.AddHours(7).ToString("yyyy")],
            obligations.EnumerateArray().Where(o => o.GetProperty("template").GetString() == "telecom-annual").Select(o => o.GetProperty("period").GetString()));
        var id = obligations.EnumerateArray().Single(o => o.GetProperty("period").GetString() == LastMonth).GetProperty("id").GetGuid();
        Assert.Equal(ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", LastMonth), id);
        await host.Scheduler.OpenObligationsAsync(default);
        Assert.Equal(obligations.GetArrayLength(), (await ObligationsAsync(op)).GetArrayLength()); // opened once

        var representative = host.CreateClientAs(Representative, op);
        var url = $"/api/reporting/submissions/{id}";
        await (await representative.PutAsJsonAsync($"{url}/draft", new { values = new { mobile_subscribers = 1 } })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var draft = new { values = new Dictionary<string, decimal> { ["mobile-subscribers"] = 100_000 } };
        // A draft overwrites what the enterprise read: without If-Match it is refused (428) and nothing is written.
        var blind = await (await representative.PutAsJsonAsync($"{url}/draft", draft)).ExpectProblemAsync((HttpStatusCode)428);
        Assert.Equal("if-match-required", blind.GetProperty("code").GetString());
        // The 1-second schedule records "overdue" on this stream on its own (last month's report is overdue after the 10th), and
        // a draft sent with an older ETag is rightly refused (409). Run that round here, so it is done before the ETag is read:
        // afterwards the report is marked (or not yet due) and no round appends to it again.
        await host.Scheduler.RecordOverdueAsync(default);
        var read = (await representative.GetAsync(url)).Headers.ETag!.Tag;
        await (await representative.SendAsync(HttpMethod.Put, $"{url}/draft", draft, read)).ExpectAsync(HttpStatusCode.OK);
        // The same version again is stale now: a failed precondition (412), and the draft saved stays.
        var stale = await (await representative.SendAsync(HttpMethod.Put, $"{url}/draft", new { values = new Dictionary<string, decimal> { ["mobile-subscribers"] = 1 } }, read))
            .ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("concurrency-conflict", stale.GetProperty("code").GetString());
        Assert.Equal(100_000m, (await (await representative.GetAsync(url)).Json()).GetProperty("submission").GetProperty("draft").GetProperty("mobile-subscribers").GetDecimal());

        var bad = ReportingHost.Values();
        bad["prepaid-registered"] = bad["prepaid-subscribers"] + 1;
        var problem = await (await representative.PostAsJsonAsync($"{url}/submission", new { values = bad, signerName = "Lê Văn Bình", signerTitle = "Giám đốc" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["prepaid-registered"], problem.FieldErrors());
        await using (var session = host.Store.QuerySession()) // refused: no submitted version (the schedule may still add its own "overdue")
            Assert.DoesNotContain(await session.Events.FetchStreamAsync(id), e => e.Data is Platform.Reporting.Submissions.ReportSubmitted);

        await (await representative.PostAsJsonAsync($"{url}/submission", ReportingHost.Submission())).ExpectAsync(HttpStatusCode.OK);
        await (await representative.PostAsJsonAsync($"{url}/acceptance", new { })).ExpectProblemAsync(HttpStatusCode.Forbidden); // only managers accept
        await (await _manager.PostAsJsonAsync($"{url}/return", new { reason = "Thuê bao trả trước chưa khớp đối soát" })).ExpectAsync(HttpStatusCode.OK);
        await (await representative.PostAsJsonAsync($"{url}/submission", ReportingHost.Submission(101_000))).ExpectAsync(HttpStatusCode.OK);
        var etag = (await _manager.GetAsync(url)).Headers.ETag!.Tag; // the schedule may have recorded "overdue" meanwhile
        await (await _manager.SendAsync(HttpMethod.Post, $"{url}/acceptance", null, etag)).ExpectAsync(HttpStatusCode.OK);

        var detail = await (await representative.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        var submission = detail.GetProperty("submission");
        Assert.Equal(("accepted", 2), (submission.GetProperty("status").GetString(), submission.GetProperty("acceptedVersion").GetInt32()));
        var versions = submission.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal("Thuê bao trả trước chưa khớp đối soát", versions[0].GetProperty("returnReason").GetString());
        Assert.Equal(101_000, versions[1].GetProperty("values").GetProperty("mobile-subscribers").GetDecimal());
        Assert.Equal("Lê Văn Bình", versions[1].GetProperty("certification").GetProperty("signerName").GetString());
        Assert.Equal("test-enterprise-representative", detail.GetProperty("history").EnumerateArray().First(h => h.GetProperty("event").GetString() == "report_submitted").GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Indicators_count_accepted_reports_and_as_of_shows_what_was_known_then()
    {
        var (a, b) = (await host.OperatorAsync("Vinaphone", district: "Huyện Bát Xát"), await host.OperatorAsync("MobiFone"));
        await host.Scheduler.OpenObligationsAsync(default);
        var period = LastMonth;
        Guid Id(Guid op) => ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", period);
        foreach (var op in new[] { a, b })
        {
            await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{Id(op)}/submission", ReportingHost.Submission(200_000))).ExpectAsync(HttpStatusCode.OK);
            await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{Id(op)}/acceptance", new { })).ExpectAsync(HttpStatusCode.OK);
        }
        async Task<JsonElement> IndicatorsAsync(string query = "") => await (await _manager.GetAsync($"/api/reporting/indicators/{period}{query}")).ExpectAsync(HttpStatusCode.OK);
        static decimal Mobile(JsonElement report, string op) => report.GetProperty("byOperator").EnumerateArray()
            .Single(g => g.GetProperty("name").GetString() == op).GetProperty("values").GetProperty("mobile-subscribers").GetDecimal();
        var beforeCorrection = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        // A later correction of B: returned, resubmitted with more subscribers, accepted again.
        await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{Id(b)}/return", new { reason = "Số thuê bao chưa khớp đối soát" })).ExpectAsync(HttpStatusCode.OK);
        await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{Id(b)}/submission", ReportingHost.Submission(260_000))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(200_000m, Mobile(await IndicatorsAsync(), "MobiFone")); // the accepted figures count until the correction is accepted
        await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{Id(b)}/acceptance", new { })).ExpectAsync(HttpStatusCode.OK);

        var now = await IndicatorsAsync();
        Assert.True(now.GetProperty("acceptedReports").GetInt32() >= 2);
        Assert.Equal((260_000m, 200_000m), (Mobile(now, "MobiFone"), Mobile(now, "Vinaphone")));
        var asOfPast = await IndicatorsAsync($"?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddYears(-1).ToString("O"))}");
        Assert.Equal(0, asOfPast.GetProperty("acceptedReports").GetInt32());
        // As known before the correction: B's first accepted figures, A's unchanged, the same reports counted.
        var asOfThen = await IndicatorsAsync($"?asOf={Uri.EscapeDataString(beforeCorrection.ToString("O"))}");
        Assert.Equal(now.GetProperty("acceptedReports").GetInt32(), asOfThen.GetProperty("acceptedReports").GetInt32());
        Assert.Equal((200_000m, 200_000m), (Mobile(asOfThen, "MobiFone"), Mobile(asOfThen, "Vinaphone")));
        Assert.Equal(60_000m, now.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "mobile-subscribers").GetProperty("total").GetDecimal()
            - asOfThen.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "mobile-subscribers").GetProperty("total").GetDecimal());
        Assert.Contains(now.GetProperty("byDistrict").EnumerateArray(), d => d.GetProperty("name").GetString() == "Huyện Bát Xát");
        Assert.Equal(35m, now.GetProperty("densityTarget").GetDecimal());

        await (await _manager.GetAsync($"/api/reporting/indicators/2026-Q4")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await host.CreateClientAs(ExternalSystem).GetAsync($"/api/reporting/indicators/{period}")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var xlsx = await _manager.GetAsync($"/api/reporting/indicators/{period}?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Chỉ tiêu");
        Assert.Equal(["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Tổng"], Enumerable.Range(1, 4).Select(c => sheet.Cell(1, c).GetString()));
        var mobileRow = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "mobile-subscribers");
        Assert.Equal(now.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "mobile-subscribers").GetProperty("total").GetDecimal(),
            (decimal)mobileRow.Cell(4).GetDouble());
        var csv = await (await _manager.GetAsync($"/api/reporting/indicators/{period}?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("\"Mã chỉ tiêu\",\"Tên chỉ tiêu\"", csv);

        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri, IntegrationEventNames.ExchangeFor<ProvincialIndicatorsPublishedV1>());
        await (await _manager.PostAsync($"/api/reporting/indicators/{period}/publication", null)).ExpectAsync(HttpStatusCode.Created);
        var published = await Eventually.Until(() => Task.FromResult(consumer.Received.FirstOrDefault(m => m.Body.GetProperty("period").GetString() == period)),
            m => m.Body.ValueKind != JsonValueKind.Undefined, what: "indicators published");
        Assert.True(published.Body.GetProperty("acceptedReports").GetInt32() >= 2);
        // The raw body as it left the bus has the types the published document declares (densityTarget, densityPer100: numbers).
        Assert.Equal(JsonValueKind.Number, published.Body.GetProperty("densityTarget").ValueKind);
        Assert.Empty(ContractSchema.Violations(nameof(ProvincialIndicatorsPublishedV1), published.Body));
    }

    [Fact]
    public async Task Overdue_shows_without_a_job_and_is_published_once()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri, IntegrationEventNames.ExchangeFor<ReportOverdueV1>());
        var op = await host.OperatorAsync("S-Fone", monthsAgo: 4);
        await host.Scheduler.OpenObligationsAsync(default);
        var overdue = (await (await _manager.GetAsync($"/api/reporting/obligations?enterpriseId={op}&status=overdue")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.True(overdue.GetArrayLength() >= 2); // months whose due date passed, derived at read time
        // The operators' gauge counts what the obligations list shows as overdue, for every enterprise.
        var gauges = host.Services.GetRequiredService<BusinessGauges>();
        await gauges.CountAllAsync(default);
        var allOverdue = await (await _manager.GetAsync("/api/reporting/obligations?status=overdue")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(allOverdue.GetProperty("total").GetInt32(), gauges.Current(OverdueReportsGauge.Gauge.Name));
        await host.Scheduler.RecordOverdueAsync(default);
        await host.Scheduler.RecordOverdueAsync(default);
        var messages = await Eventually.Until(() => Task.FromResult(consumer.Received.Where(m => m.Body.GetProperty("enterpriseId").GetGuid() == op).ToList()),
            m => m.Count >= overdue.GetArrayLength(), what: "overdue published");
        await Task.Delay(1500); // the background round runs every second too: still once each
        Assert.Equal(overdue.GetArrayLength(), consumer.Received.Count(m => m.Body.GetProperty("enterpriseId").GetGuid() == op));

        var matrix = await (await _manager.GetAsync("/api/reporting/status-matrix")).ExpectAsync(HttpStatusCode.OK);
        var row = matrix.GetProperty("enterprises").EnumerateArray().Single(e => e.GetProperty("enterpriseId").GetGuid() == op);
        Assert.Contains(row.GetProperty("cells").EnumerateObject(), c => c.Value.GetString() == "overdue");
        var rates = (await (await _manager.GetAsync("/api/reporting/rates")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal("Toàn tỉnh", rates[0].GetProperty("enterprise").GetString());
        // S-Fone: every due report expected, none sent; the province: the sum of the enterprises' rows, and its rates from those sums.
        static (int, int, int) Counts(JsonElement r) => (r.GetProperty("expected").GetInt32(), r.GetProperty("actual").GetInt32(), r.GetProperty("onTime").GetInt32());
        var sfone = rates.Single(r => r.GetProperty("enterprise").GetString() == "S-Fone");
        Assert.Equal((overdue.GetArrayLength(), 0, 0), Counts(sfone));
        Assert.Equal((0m, 0m), (sfone.GetProperty("reportingRate").GetDecimal(), sfone.GetProperty("onTimeRate").GetDecimal()));
        var (expected, actual, onTime) = rates.Skip(1).Select(Counts).Aggregate((x, y) => (x.Item1 + y.Item1, x.Item2 + y.Item2, x.Item3 + y.Item3));
        Assert.Equal((expected, actual, onTime), Counts(rates[0]));
        Assert.Equal(decimal.Round(100m * actual / expected, 1), rates[0].GetProperty("reportingRate").GetDecimal());
        Assert.Equal(decimal.Round(100m * onTime / expected, 1), rates[0].GetProperty("onTimeRate").GetDecimal());
    }

    [Fact]
    public async Task Obligations_are_read_a_page_at_a_time_soonest_due_first_with_their_filters()
    {
        var op = await host.OperatorAsync("Paging-Telecom", monthsAgo: 5);
        await host.Scheduler.OpenObligationsAsync(default);
        var all = await PagedLists.AllPagesAsync(_manager, $"/api/reporting/obligations?enterpriseId={op}", pageSize: 2);
        Assert.True(all.Count >= 5, $"{all.Count} obligations");
        Assert.All(all, o => Assert.Equal(op, o.GetProperty("enterpriseId").GetGuid()));
        var due = all.Select(o => DateOnly.Parse(o.GetProperty("dueOn").GetString()!)).ToList();
        Assert.Equal(due.Order(), due);
        // Overdue is decided at read time; its pages still count and cut only the overdue ones.
        var overdue = await PagedLists.AllPagesAsync(_manager, $"/api/reporting/obligations?enterpriseId={op}&status=overdue", pageSize: 1);
        Assert.True(overdue.Count >= 2, $"{overdue.Count} overdue");
        Assert.All(overdue, o => Assert.True(o.GetProperty("overdue").GetBoolean()));
        Assert.Equal(all.Count(o => o.GetProperty("overdue").GetBoolean()), overdue.Count);
        foreach (var (query, field) in new[] { ("pageSize=201", "pageSize"), ("page=0", "page"), ("status=overdue&pageSize=0", "pageSize") })
            Assert.Equal([field], (await (await _manager.GetAsync($"/api/reporting/obligations?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
    }

    [Fact]
    public async Task A_locked_period_needs_a_managers_exception_and_representatives_stay_in_their_own_enterprise()
    {
        var (a, b) = (await host.OperatorAsync("A-Telecom", monthsAgo: 5), await host.OperatorAsync("B-Telecom", monthsAgo: 5));
        await host.Scheduler.OpenObligationsAsync(default);
        var old = (await ObligationsAsync(a)).EnumerateArray().Where(o => o.GetProperty("template").GetString() == "telecom-monthly").OrderBy(o => o.GetProperty("period").GetString()).First();
        Assert.True(old.GetProperty("locked").GetBoolean());
        var id = old.GetProperty("id").GetGuid();
        var representative = host.CreateClientAs(Representative, a);
        var locked = await (await representative.PostAsJsonAsync($"/api/reporting/submissions/{id}/submission", ReportingHost.Submission())).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("period-locked", locked.GetProperty("code").GetString());
        await (await representative.PostAsJsonAsync($"/api/reporting/submissions/{id}/exception", new { until = "2099-01-01", reason = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await _manager.PostAsJsonAsync($"/api/reporting/submissions/{id}/exception", new { until = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd"), reason = "Sự cố mạng" })).ExpectAsync(HttpStatusCode.OK);
        await (await representative.PostAsJsonAsync($"/api/reporting/submissions/{id}/submission", ReportingHost.Submission())).ExpectAsync(HttpStatusCode.OK);

        // B's reports: invisible and untouchable for A's representative.
        var ofB = (await ObligationsAsync(b)).EnumerateArray().First(o => o.GetProperty("template").GetString() == "telecom-monthly").GetProperty("id").GetGuid();
        await (await representative.GetAsync($"/api/reporting/submissions/{ofB}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await representative.PutAsJsonAsync($"/api/reporting/submissions/{ofB}/draft", new { values = ReportingHost.Values() })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await representative.PostAsJsonAsync($"/api/reporting/submissions/{ofB}/submission", ReportingHost.Submission())).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await using (var session = host.Store.QuerySession())
            Assert.DoesNotContain(await session.Events.FetchStreamAsync(ofB), e => e.UserName == "test-enterprise-representative");
        var listed = await (await representative.GetAsync($"/api/reporting/obligations?enterpriseId={b}")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(listed.GetProperty("items").EnumerateArray(), o => Assert.Equal(a, o.GetProperty("enterpriseId").GetGuid()));
        foreach (var path in new[] { "/api/reporting/status-matrix", "/api/reporting/rates", "/api/reporting/indicators/2026-10" })
            await (await representative.GetAsync(path)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await host.CreateClientAs(null).GetAsync("/api/reporting/obligations")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await host.CreateClientAs(Auditor).PostAsJsonAsync($"/api/reporting/submissions/{ofB}/acceptance", new { })).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
