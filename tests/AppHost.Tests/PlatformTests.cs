using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Npgsql;
using Xunit;

namespace AppHost.Tests;

/// <summary>
/// The platform as the AppHost runs it: every resource healthy, an enterprise registered at the Registry
/// reaching the three services that keep a copy, the web console's sign-in page, and one trace from a
/// console form post through the Registry, RabbitMQ and the three consumers, read back from the dashboard.
/// </summary>
public sealed class PlatformTests(AppHostFixture platform, ITestOutputHelper output) : IClassFixture<AppHostFixture>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromMinutes(2);

    /// <summary>The three services that keep a copy of the Registry's enterprises, their databases and schemas.</summary>
    private static readonly (string Service, string Database)[] Consumers =
        [("infrastructure", "infrastructuredb"), ("meetings", "meetingsdb"), ("reporting", "reportingdb")];

    [Fact]
    public async Task Every_resource_is_healthy_and_the_console_serves_its_sign_in_page()
    {
        output.WriteLine($"all {platform.ResourceNames.Count} resources healthy {platform.StartedIn.TotalSeconds:0} s after the test host started the AppHost: {string.Join(", ", platform.ResourceNames)}");
        foreach (var required in new[] { "postgres", "registrydb", "infrastructuredb", "meetingsdb", "reportingdb", "messaging", "registry", "infrastructure", "meetings", "reporting", "web" })
            Assert.Contains(required, platform.ResourceNames);
        foreach (var name in platform.ResourceNames)
            Assert.True(platform.App.ResourceNotifications.TryGetCurrentState(name, out var state) && state.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
                $"{name} is not healthy");

        using var web = platform.CreateClient("web");
        var response = await web.GetAsync("/dang-nhap");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"role\"", html);
        Assert.Contains("id=\"sign-in\"", html);
    }

    [Fact]
    public async Task An_enterprise_registered_at_the_registry_arrives_at_infrastructure_meetings_and_reporting()
    {
        var id = await RegisterAtTheRegistryAsync("apphost-test", "Công ty TNHH Viễn thông Thử nghiệm Aspire");
        foreach (var (service, database) in Consumers) Assert.Equal(1, await ArrivedAsync(service, database, id));
    }

    /// <summary>Registers an enterprise at the Registry as an officer; its id.</summary>
    private async Task<Guid> RegisterAtTheRegistryAsync(string userId, string legalName)
    {
        using var registry = platform.CreateClient("registry");
        registry.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokens.Issue(PlatformRoles.Officer, userId: userId));
        var response = await registry.PostAsJsonAsync("/api/registry/enterprises", Enterprise(NewTaxCode(), legalName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Waits for the enterprise in a consumer's copy; how many copies of it there are (1).</summary>
    private async Task<long> ArrivedAsync(string service, string database, Guid id)
    {
        var connectionString = await platform.App.GetConnectionStringAsync(database) ?? throw new InvalidOperationException($"no {database}");
        return await Until(() => KnownEnterpriseCountAsync(connectionString, service, id), n => n == 1, $"enterprise {id} known to {service}");
    }

    [Fact]
    public async Task A_console_form_post_is_one_trace_through_the_registry_rabbitmq_and_the_three_consumers_in_the_dashboard()
    {
        // Under a full parallel test run on two cores a page can take far longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(60_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);

        // An officer registers an enterprise through the console's form.
        var console = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = platform.App.GetEndpoint("web", "http").ToString() });
        console.SetDefaultTimeout(60_000);
        await console.GotoAsync("/dang-nhap");
        await console.SelectOptionAsync("#role", PlatformRoles.Officer);
        await console.FillAsync("#user-name", "nguyen.van.an");
        await console.ClickAsync("#sign-in");
        await console.WaitForSelectorAsync("[data-testid=who]");
        await console.GotoAsync("/doanh-nghiep/moi");
        var taxCode = NewTaxCode();
        await console.FillAsync("#taxCode", taxCode);
        await console.FillAsync("#legalName", "Công ty Cổ phần Viễn thông Sa Pa (thử nghiệm)");
        await console.FillAsync("#shortName", "Viễn thông Sa Pa");
        await console.SelectOptionAsync("#sector", "telecom");
        await console.SelectOptionAsync("#kind", "network-operator");
        await console.FillAsync("#street", "Số 8 đường Cầu Mây");
        await console.FillAsync("#commune", "Phường Sa Pa");
        await console.FillAsync("#district", "Thị xã Sa Pa");
        await console.FillAsync("#repName", "Phạm Thị Hoa");
        await console.FillAsync("#repTitle", "Giám đốc");
        await console.FillAsync("#phone", "0214 3871 888");
        await console.FillAsync("#email", "sapa@example.invalid");
        await console.ClickAsync("#save");
        await Assertions.Expect(console.Locator("#registered")).ToBeVisibleAsync();

        // The dashboard's telemetry API refuses a caller without the key...
        using var dashboard = new HttpClient { BaseAddress = platform.DashboardUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await dashboard.GetAsync("/api/telemetry/traces")).StatusCode);
        dashboard.DefaultRequestHeaders.Add("x-api-key", platform.DashboardApiKey);

        // ...and with it shows one trace holding the console's POST, the Registry's POST, its publish, and each
        // consumer's receive: the trace context travels from the console over HTTP, through the event's
        // stored traceparent to the forwarder, and over RabbitMQ in MassTransit's headers.
        var traceId = await Until(() => WebPostTraceWithRegistryAsync(dashboard), id => id is not null, "the console's POST in a trace with the Registry's");
        // Each service exports its spans on its own schedule: wait for the Registry's publish too, not only the consumers'
        // (a fresh-clone CI run saw the consumers' spans arrive before the Registry's send span).
        var spans = await Until(() => TraceSpansAsync(dashboard, traceId!),
            s => Consumers.All(c => s.Any(x => x.Service == c.Service && x.Name.EndsWith(" process", StringComparison.Ordinal)))
                && s.Any(x => x.Service == "registry" && x.Scope == "MassTransit" && x.Name.EndsWith(" send", StringComparison.Ordinal)),
            "the Registry's publish and the three consumers' spans in the console's trace");
        foreach (var span in spans.DistinctBy(s => (s.Service, s.Name))) output.WriteLine($"{traceId}  {span.Service,-15} {span.Scope,-22} {span.Name}");
        // The console's side: the form's submit handler (Blazor's span is the trace's root) and its call to the Registry.
        Assert.Contains(spans, s => s.Service == "web" && s.Name.Contains("EnterpriseRegister.SubmitAsync", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == "web" && s.Scope == "System.Net.Http" && s.Name == "POST");
        Assert.Contains(spans, s => s.Service == "registry" && s.Name.StartsWith("POST /api/registry/enterprises", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == "registry" && s.Scope == "MassTransit" && s.Name.EndsWith(" send", StringComparison.Ordinal));
        foreach (var (service, _) in Consumers)
            Assert.Contains(spans, s => s.Service == service && s.Scope == "MassTransit" && s.Name == $"{service}-known-enterprise process");
        // A successful post is no error anywhere in its trace (the console's redirect after it once marked the root span failed).
        Assert.Empty((await OtlpSpansAsync(dashboard, $"/api/telemetry/traces/{traceId}")).Where(s => s.Failed).Select(s => $"{s.Span.Service}: {s.Span.Name}"));

        // The same trace as an operator sees it in the dashboard (signed in with the browser token).
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = platform.DashboardUrl.ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync($"/login?t={platform.BrowserToken}");
        await page.GotoAsync($"/traces/detail/{traceId}");
        foreach (var (service, _) in Consumers)
            await Assertions.Expect(page.GetByText($"{service}-known-enterprise process").First).ToBeVisibleAsync();
        var shots = Path.Combine(AppHostFixture.RepositoryRoot(), ".local", "screenshots", "apphost");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-trace.png"), FullPage = true });
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByText("reporting").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-resources.png"), FullPage = true });
        output.WriteLine($"screenshots in {shots}");
    }

    /// <summary>
    /// What an operator sees in the dashboard's trace list: nothing while the platform is idle (the async
    /// daemons poll their stores every second, the monitors and gauges query every few seconds, and none of it
    /// is exported as a trace), and exactly one new trace for one command, running from the Registry through
    /// RabbitMQ to the three consumers. Then the Registry's own metrics in the dashboard's Metrics page.
    /// </summary>
    [Fact]
    public async Task An_idle_platform_adds_no_trace_and_one_command_adds_exactly_its_own()
    {
        using var dashboard = new HttpClient { BaseAddress = platform.DashboardUrl };
        dashboard.DefaultRequestHeaders.Add("x-api-key", platform.DashboardApiKey);
        string[] services = ["registry", "infrastructure", "meetings", "reporting", "web"];
        async Task<List<OtlpSpan>> RootsAsync()
        {
            var roots = new List<OtlpSpan>();
            foreach (var service in services) roots.AddRange((await OtlpSpansAsync(dashboard, $"/api/telemetry/traces?resource={service}&limit=1000")).Where(s => s.IsRoot));
            return roots;
        }

        // Traces of the tests before this one may still be on their way: the services' OTLP exporters send in
        // batches every 5 s (later on a busy machine). The idle window starts once the list stood still for 10 s.
        var before = await Until(async () =>
        {
            var first = (await RootsAsync()).Select(r => r.TraceId).ToHashSet();
            await Task.Delay(TimeSpan.FromSeconds(10));
            var second = (await RootsAsync()).Select(r => r.TraceId).ToHashSet();
            return first.SetEquals(second) ? second : null;
        }, ids => ids is not null, "the dashboard's trace list standing still before the idle window");
        await Task.Delay(TimeSpan.FromSeconds(20)); // 20 high-water polls per service, monitor and queue samples meanwhile
        var idle = await RootsAsync();
        Assert.Empty(idle.Where(r => !before!.Contains(r.TraceId)).Select(r => $"{r.Span.Service}: {r.Span.Name}").Distinct());
        // No trace anywhere starts with polling: a database command or an outgoing call outside any work, or Marten's daemon.
        Assert.DoesNotContain(idle, r => r.Kind == 3 /* client */ || r.Span.Name.StartsWith("marten.", StringComparison.Ordinal));

        using var registry = platform.CreateClient("registry");
        registry.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokens.Issue(PlatformRoles.Officer, userId: "apphost-operator-test"));
        var response = await registry.PostAsJsonAsync("/api/registry/enterprises", Enterprise(NewTaxCode(), "Công ty TNHH Giám sát Vận hành (thử nghiệm)"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var known = idle.Select(r => r.TraceId).ToHashSet();
        var added = await Until(async () => (await RootsAsync()).Where(r => !known.Contains(r.TraceId)).Select(r => r.TraceId).Distinct().ToList(),
            ids => ids.Count >= 1, "the command's trace");
        var spans = await Until(() => TraceSpansAsync(dashboard, added[0]),
            s => Consumers.All(c => s.Any(x => x.Service == c.Service && x.Name.EndsWith(" process", StringComparison.Ordinal))),
            "the three consumers' spans in the command's trace");
        Assert.Contains(spans, s => s.Service == "registry" && s.Name.StartsWith("POST /api/registry/enterprises", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(5)); // anything else the command caused would be exported by now
        var addedAfter = (await RootsAsync()).Where(r => !known.Contains(r.TraceId)).Select(r => r.TraceId).Distinct().ToList();
        Assert.Equal([added[0]], addedAfter);
        output.WriteLine($"idle for 20 s: no new trace; one command: trace {added[0]} with {spans.Count} spans");

        // The Platform meter in the dashboard: commands by use case and outcome.
        Assertions.SetDefaultExpectTimeout(60_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = platform.DashboardUrl.ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync($"/login?t={platform.BrowserToken}");
        await page.GotoAsync("/metrics/resource/registry?meter=Platform&instrument=platform.commands&duration=5&view=Graph");
        await Assertions.Expect(page.GetByText("platform.commands").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("platform.events.appended").First).ToBeVisibleAsync();
        var shots = Path.Combine(AppHostFixture.RepositoryRoot(), ".local", "screenshots", "apphost");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-metrics.png"), FullPage = true });
    }

    /// <summary>
    /// The dashboard's structured logs of a platform that started and handled commands hold no error: an
    /// operator's error badge means something is wrong, so a healthy platform must not raise one (a Reporting
    /// error at start-up once showed as a "1" on its resource and nobody could say why).
    /// </summary>
    [Fact]
    public async Task A_platform_at_work_logs_no_error()
    {
        var id = await RegisterAtTheRegistryAsync("apphost-log-test", "Công ty TNHH Nhật ký Sạch (thử nghiệm)");
        var (service, database) = Consumers[^1];
        await ArrivedAsync(service, database, id);
        await Task.Delay(TimeSpan.FromSeconds(6)); // the services' log exporters send in batches every 5 s

        using var dashboard = new HttpClient { BaseAddress = platform.DashboardUrl };
        dashboard.DefaultRequestHeaders.Add("x-api-key", platform.DashboardApiKey);
        var errors = new List<string>();
        var seen = 0;
        foreach (var resource in new[] { "registry", "infrastructure", "meetings", "reporting", "web" })
        {
            var logs = await dashboard.GetFromJsonAsync<JsonElement>($"/api/telemetry/logs?resource={resource}&limit=10000");
            foreach (var record in logs.GetProperty("data").GetProperty("resourceLogs").EnumerateArray()
                         .SelectMany(r => r.GetProperty("scopeLogs").EnumerateArray())
                         .SelectMany(s => s.GetProperty("logRecords").EnumerateArray()))
            {
                seen++;
                // OTLP severity numbers: 17-20 ERROR, 21-24 FATAL.
                if (record.TryGetProperty("severityNumber", out var severity) && SeverityOf(severity) >= 17)
                    errors.Add($"{resource}: {(record.TryGetProperty("body", out var body) && body.TryGetProperty("stringValue", out var text) ? text.GetString() : body.ToString())}");
            }
        }
        output.WriteLine($"{seen} log records read from the dashboard");
        foreach (var error in errors) output.WriteLine(error);
        Assert.True(seen > 0, "the dashboard holds no log record at all: the check would see nothing");
        Assert.Empty(errors);
    }

    // OTLP/JSON spells the severity as its number or, in some writers, as its enum name (SEVERITY_NUMBER_ERROR).
    private static int SeverityOf(JsonElement severity) => severity.ValueKind == JsonValueKind.Number ? severity.GetInt32()
        : severity.GetString() is { } name && name.StartsWith("SEVERITY_NUMBER_", StringComparison.Ordinal)
            ? name[16..] switch { "ERROR" or "ERROR2" or "ERROR3" or "ERROR4" => 17, "FATAL" or "FATAL2" or "FATAL3" or "FATAL4" => 21, _ => 0 }
            : 0;

    private sealed record Span(string Service, string Scope, string Name);

    /// <summary>The id of a trace where a POST sent by the web console and the Registry's POST of an enterprise meet.</summary>
    private static async Task<string?> WebPostTraceWithRegistryAsync(HttpClient dashboard)
    {
        var web = await SpansAsync(dashboard, "/api/telemetry/traces?resource=web&limit=500");
        var registry = await SpansAsync(dashboard, "/api/telemetry/traces?resource=registry&limit=500");
        var webPosts = web.Where(s => s.Span.Name.StartsWith("POST", StringComparison.Ordinal)).Select(s => s.TraceId).ToHashSet();
        return registry.FirstOrDefault(s => s.Span.Name.StartsWith("POST /api/registry/enterprises", StringComparison.Ordinal) && webPosts.Contains(s.TraceId)).TraceId;
    }

    private static async Task<IReadOnlyList<Span>> TraceSpansAsync(HttpClient dashboard, string traceId) =>
        (await SpansAsync(dashboard, $"/api/telemetry/traces/{traceId}")).Select(s => s.Span).ToList();

    /// <summary>The spans of an OTLP/JSON answer of the dashboard (resourceSpans → scopeSpans → spans).</summary>
    private static async Task<List<(string TraceId, Span Span)>> SpansAsync(HttpClient dashboard, string path) =>
        (await OtlpSpansAsync(dashboard, path)).Select(s => (s.TraceId, s.Span)).ToList();

    private sealed record OtlpSpan(string TraceId, Span Span, bool IsRoot, int Kind, bool Failed);

    private static async Task<List<OtlpSpan>> OtlpSpansAsync(HttpClient dashboard, string path)
    {
        var response = await dashboard.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in json.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resourceSpans.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString()).FirstOrDefault() ?? "?";
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpans.GetProperty("scope").GetProperty("name").GetString() ?? "?";
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                    spans.Add(new OtlpSpan(span.GetProperty("traceId").GetString()!, new Span(service, scope, span.GetProperty("name").GetString() ?? ""),
                        !span.TryGetProperty("parentSpanId", out var parent) || string.IsNullOrEmpty(parent.GetString()),
                        span.TryGetProperty("kind", out var kind) ? KindOf(kind) : 0,
                        span.TryGetProperty("status", out var status) && status.TryGetProperty("code", out var code) && code.ToString() is "2" or "STATUS_CODE_ERROR"));
            }
        }
        return spans;
    }

    // OTLP/JSON spells the kind as its number (3 = client) or, in some writers, as its enum name.
    private static int KindOf(JsonElement kind) => kind.ValueKind == JsonValueKind.Number ? kind.GetInt32()
        : kind.GetString() switch { "SPAN_KIND_INTERNAL" => 1, "SPAN_KIND_SERVER" => 2, "SPAN_KIND_CLIENT" => 3, "SPAN_KIND_PRODUCER" => 4, "SPAN_KIND_CONSUMER" => 5, _ => 0 };

    private static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        // Without the background-networking flags Chromium keeps calling Google's services, which the closed network refuses.
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    private static async Task<long> KnownEnterpriseCountAsync(string connectionString, string schema, Guid id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The table appears with the service's first copy; before that the answer is "not yet".
        await using var exists = new NpgsqlCommand($"select to_regclass('{schema}.mt_doc_knownenterprise') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!) return 0;
        await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_doc_knownenterprise where id = $1", connection) { Parameters = { new() { Value = id } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Propagation;
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{what}: not within {Propagation.TotalSeconds} s; last: {last}");
    }

    private static Dictionary<string, object> Enterprise(string taxCode, string legalName) => new()
    {
        ["taxCode"] = taxCode,
        ["legalName"] = legalName,
        ["shortName"] = "Thử nghiệm Aspire",
        ["sectors"] = new[] { "telecom" },
        ["kinds"] = new[] { "network-operator" },
        ["headOffice"] = new { street = "Số 1 đường Hoàng Liên", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
        ["representative"] = new { name = "Nguyễn Văn An", title = "Giám đốc" },
        ["contact"] = new { phone = "0214 3800 100", email = "lienhe@example.invalid" },
    };

    /// <summary>A fresh tax code with a valid check digit (the Registry verifies it: weights 31, 29, 23, 19, 17,
    /// 13, 7, 5, 3 over the first nine digits, check = 10 − sum mod 11, no code when that is 10).</summary>
    private static string NewTaxCode()
    {
        int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        while (true)
        {
            var first9 = $"54{Random.Shared.Next(0, 10_000_000):D7}";
            var check = 10 - first9.Select((c, i) => (c - '0') * weights[i]).Sum() % 11;
            if (check != 10) return first9 + check;
        }
    }
}
