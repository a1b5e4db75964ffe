using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Reporting.Tests.Api;

/// <summary>Templates as data against the real servers: the shipped ones loaded, a manager's versions effective from a
/// period, reports kept under their version, annual obligations, and the unit breakdown through to the indicators.</summary>
public class TemplateApiTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private readonly HttpClient _manager = host.CreateClient();

    private DateTime VietnamNow => host.Clock.GetUtcNow().UtcDateTime.AddHours(7);
    private string Month(int offset) => VietnamNow.AddMonths(offset).ToString("yyyy-MM");
    private string ThisYear => VietnamNow.ToString("yyyy");

    private static object Version(string effectiveFrom, string periodType = "monthly", bool computers = false, string type = "count") => new
    {
        name = "Báo cáo tháng của đại lý Internet công cộng (thử)",
        nameEn = "Monthly public Internet agent report (test)",
        periodType,
        enterpriseKinds = new[] { "public-internet-agent" },
        effectiveFrom,
        source = "Thông tư 04/2022/TT-BTTTT (thử nghiệm)",
        fields = new object[] { new { code = "users", label = "Số lượt người dùng", labelEn = "Users", type }, new { code = "revenue-vnd", label = "Doanh thu", type = "vnd" } }
            .Concat(computers ? [new { code = "computers", label = "Số máy tính", type = "count" }] : []).ToArray(),
    };

    private static object Values(bool computers = false) => new
    {
        values = computers ? new Dictionary<string, decimal> { ["users"] = 1_200, ["revenue-vnd"] = 6_000_000, ["computers"] = 12 }
            : new Dictionary<string, decimal> { ["users"] = 1_200, ["revenue-vnd"] = 6_000_000 },
        signerName = "Phạm Thị Lan", signerTitle = "Chủ đại lý",
    };

    private async Task<JsonElement> ObligationsAsync(Guid enterprise)
    {
        await host.Scheduler.OpenObligationsAsync(default);
        return (await (await _manager.GetAsync($"/api/reporting/obligations?enterpriseId={enterprise}&pageSize=200")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
    }

    [Fact]
    public async Task A_manager_publishes_versions_effective_from_a_period_and_a_report_keeps_the_version_it_was_made_under()
    {
        const string url = "/api/reporting/templates/agent-monthly";
        var before = await host.EventCountAsync();
        var unknownType = await (await _manager.PostAsJsonAsync($"{url}/versions", Version(Month(-2), type: "euro"))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["fields[0].type"], unknownType.FieldErrors());
        await (await host.CreateClientAs(Officer).PostAsJsonAsync($"{url}/versions", Version(Month(-2)))).ExpectProblemAsync(HttpStatusCode.Forbidden); // managers publish
        Assert.Equal(before, await host.EventCountAsync());

        await (await _manager.PostAsJsonAsync($"{url}/versions", Version(Month(-2)))).ExpectAsync(HttpStatusCode.Created);
        var agent = await host.OperatorAsync("Đại lý Internet Phố Mới", monthsAgo: 2, kind: "public-internet-agent");
        var obligations = (await ObligationsAsync(agent)).EnumerateArray().ToList();
        Assert.Equal([Month(-2), Month(-1), Month(0)], obligations.Select(o => o.GetProperty("period").GetString()).Order());
        Assert.All(obligations, o => Assert.Equal("agent-monthly", o.GetProperty("template").GetString()));
        var representative = host.CreateClientAs(Representative, agent);
        var lastMonth = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(agent, "agent-monthly", Month(-1))}";
        var thisMonth = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(agent, "agent-monthly", Month(0))}";
        await (await representative.PostAsJsonAsync($"{lastMonth}/submission", Values())).ExpectAsync(HttpStatusCode.OK);

        // Refused, nothing written: a start where a report exists, a start not after version 1's, another period type.
        async Task<int> TemplateEvents() { await using var q = host.Store.QuerySession(); return (await q.Events.FetchStreamAsync(Platform.Reporting.Templates.TemplateSeries.IdFor("agent-monthly"))).Count; }
        var refusedFrom = await TemplateEvents(); // the template's stream: the schedule may record an overdue report meanwhile
        var started = await (await _manager.PostAsJsonAsync($"{url}/versions", Version(Month(-1), computers: true))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("period-has-submissions", started.GetProperty("code").GetString());
        var overlapping = await (await _manager.PostAsJsonAsync($"{url}/versions", Version(Month(-2), computers: true))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("overlapping-effective-period", overlapping.GetProperty("code").GetString());
        var quarter = $"{VietnamNow.AddMonths(3):yyyy}-Q{(VietnamNow.AddMonths(3).Month - 1) / 3 + 1}";
        var quarterly = await (await _manager.PostAsJsonAsync($"{url}/versions", Version(quarter, "quarterly", computers: true))).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("period-type-fixed", quarterly.GetProperty("code").GetString());
        Assert.Equal(refusedFrom, await TemplateEvents());

        // Version 2 from this month (its obligation is open but untouched): this month's form asks for the new field.
        await (await _manager.PostAsJsonAsync($"{url}/versions", Version(Month(0), computers: true))).ExpectAsync(HttpStatusCode.Created);
        var series = await _manager.GetAsync(url);
        var template = await series.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", series.Headers.ETag!.Tag);
        Assert.Equal([(1, Month(-2)), (2, Month(0))], template.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("effectiveFrom").GetString())));
        var current = await (await representative.GetAsync(thisMonth)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, current.GetProperty("template").GetProperty("version").GetInt32());
        var missing = await (await representative.PostAsJsonAsync($"{thisMonth}/submission", Values())).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["computers"], missing.FieldErrors());
        await (await representative.PostAsJsonAsync($"{thisMonth}/submission", Values(computers: true))).ExpectAsync(HttpStatusCode.OK);

        // Last month's report still renders and validates under version 1, also when corrected after the new version.
        var old = await (await _manager.GetAsync(lastMonth)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, old.GetProperty("template").GetProperty("version").GetInt32());
        Assert.Equal(["users", "revenue-vnd"], old.GetProperty("template").GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(1, old.GetProperty("submission").GetProperty("versions")[0].GetProperty("templateVersion").GetInt32());
        await (await _manager.PostAsJsonAsync($"{lastMonth}/return", new { reason = "Doanh thu chưa khớp hóa đơn" })).ExpectAsync(HttpStatusCode.OK);
        await (await representative.PostAsJsonAsync($"{lastMonth}/submission", Values())).ExpectAsync(HttpStatusCode.OK);
        var corrected = await (await _manager.GetAsync(lastMonth)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([1, 1], corrected.GetProperty("submission").GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("templateVersion").GetInt32()));

        // Next month's obligation opens under version 2.
        host.Clock.Shift = TimeSpan.FromDays(32);
        try
        {
            await host.Scheduler.OpenObligationsAsync(default);
            await using var session = host.Store.QuerySession();
            var next = await session.LoadAsync<Submission>(ObligationScheduler.SubmissionIdFor(agent, "agent-monthly", Month(0)));
            Assert.Equal(2, next!.TemplateVersion);
        }
        finally { host.Clock.Shift = TimeSpan.Zero; }
    }

    [Fact]
    public async Task The_shipped_templates_are_loaded_and_annual_obligations_open_for_telecom_postal_and_it_enterprises()
    {
        var templates = await (await _manager.GetAsync("/api/reporting/templates")).ExpectAsync(HttpStatusCode.OK);
        Assert.Superset(new HashSet<string?> { "telecom-monthly", "postal-quarterly", "telecom-annual", "postal-annual", "it-annual" },
            templates.EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToHashSet());
        var annual = await (await _manager.GetAsync("/api/reporting/templates/telecom-annual")).ExpectAsync(HttpStatusCode.OK);
        var v1 = annual.GetProperty("versions")[0];
        Assert.Contains("04/2022/TT-BTTTT", v1.GetProperty("source").GetString());
        Assert.Contains("mobile-subscribers", v1.GetProperty("breakdown").GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        await (await _manager.GetAsync("/api/reporting/templates/no-such-template")).ExpectProblemAsync(HttpStatusCode.NotFound);

        var next = int.Parse(ThisYear) + 1;
        foreach (var (kind, template, due) in new[] { ("network-operator", "telecom-annual", $"{next}-03-15"), ("postal-operator", "postal-annual", $"{next}-03-15"),
                     ("it-electronics-firm", "it-annual", $"{next}-03-31") })
        {
            var enterprise = await host.OperatorAsync($"Doanh nghiệp {kind}", monthsAgo: 1, kind: kind);
            var rows = (await ObligationsAsync(enterprise)).EnumerateArray().Where(o => o.GetProperty("template").GetString() == template).ToList();
            var row = Assert.Single(rows);
            Assert.Equal((ThisYear, due), (row.GetProperty("period").GetString(), row.GetProperty("dueOn").GetString()));
        }
    }

    [Fact]
    public async Task A_breakdown_by_commune_is_checked_and_the_district_and_commune_indicators_use_it()
    {
        var op = await host.OperatorAsync("Viễn thông Bắc Hà", monthsAgo: 1);
        await host.Scheduler.OpenObligationsAsync(default);
        var url = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(op, "telecom-annual", ThisYear)}";
        var representative = host.CreateClientAs(Representative, op);
        object Report(params (string Unit, decimal Value)[] mobile) => new
        {
            values = Domain.TemplateVersionTests.TelecomAnnual(),
            breakdown = new Dictionary<string, Dictionary<string, decimal>> { ["mobile-subscribers"] = mobile.ToDictionary(m => m.Unit, m => m.Value) },
            signerName = "Lê Văn Bình", signerTitle = "Giám đốc",
        };

        var outside = await (await representative.PostAsJsonAsync($"{url}/submission", Report(("02683", 60_000), ("00001", 40_000)))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["breakdown.mobile-subscribers.00001"], outside.FieldErrors()); // a Hà Nội ward, not one of the province's
        var wrongSum = await (await representative.PostAsJsonAsync($"{url}/submission", Report(("02683", 60_000), ("02752", 30_000)))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["breakdown.mobile-subscribers"], wrongSum.FieldErrors());
        await using (var session = host.Store.QuerySession())
            Assert.DoesNotContain(await session.Events.FetchStreamAsync(ObligationScheduler.SubmissionIdFor(op, "telecom-annual", ThisYear)), e => e.Data is ReportSubmitted);

        await (await representative.PostAsJsonAsync($"{url}/submission", Report(("02683", 60_000), ("02752", 40_000)))).ExpectAsync(HttpStatusCode.OK);
        await (await _manager.PostAsJsonAsync($"{url}/acceptance", new { })).ExpectAsync(HttpStatusCode.OK);
        var detail = await (await _manager.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(60_000, detail.GetProperty("submission").GetProperty("versions")[0].GetProperty("breakdown").GetProperty("mobile-subscribers").GetProperty("02683").GetDecimal());

        var report = await (await _manager.GetAsync($"/api/reporting/indicators/{ThisYear}?template=telecom-annual")).ExpectAsync(HttpStatusCode.OK);
        decimal Cell(string group, string name, string field) =>
            report.GetProperty(group).EnumerateArray().Single(g => g.GetProperty("name").GetString() == name).GetProperty("values").GetProperty(field).GetDecimal();
        Assert.Equal(60_000, Cell("byDistrict", "Huyện Bát Xát", "mobile-subscribers"));
        Assert.Equal(40_000, Cell("byDistrict", "Huyện Mường Khương", "mobile-subscribers"));
        Assert.Equal(0, Cell("byDistrict", "Thành phố Lào Cai", "mobile-subscribers")); // the head office's district keeps only what was not broken down
        Assert.Equal(5_000, Cell("byDistrict", "Thành phố Lào Cai", "fixed-subscribers"));
        Assert.Equal(60_000, Cell("byCommune", "Xã Bát Xát", "mobile-subscribers"));
        Assert.Equal(40_000, Cell("byCommune", "Xã Pha Long", "mobile-subscribers"));
    }
}
