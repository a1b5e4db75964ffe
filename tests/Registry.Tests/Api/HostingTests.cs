using Platform.Testing;
using System.Net;
using Xunit;

namespace Registry.Tests.Api;

public class HostingTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Health_reports_postgres_and_rabbitmq_and_alive_answers()
    {
        var health = await Platform.Testing.Eventually.Until(async () => await _client.GetAsync("/health"), r => r.IsSuccessStatusCode, what: "healthy");
        var report = await health.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Contains("postgres-registrydb", checks);
        Assert.Contains("rabbitmq-messaging", checks);
        Assert.Contains("masstransit-bus", checks);
        Assert.Contains("event-daemon", checks);
        await (await _client.GetAsync("/alive")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reports_forwarder_lag_as_a_metric_and_in_health()
    {
        using var metrics = new PlatformMetrics();
        long ForwarderLag() => metrics.Of("platform.event_store.projection_lag").LastOrDefault(m => m.Tag("shard") == "IntegrationEventForwarder:All")?.Value is { } v ? (long)v : -1;

        await host.RegisterAsync(_client);
        var daemon = await Platform.Testing.Eventually.Until(async () =>
        {
            metrics.Collect();
            var report = await (await _client.GetAsync("/health")).Json();
            return report.GetProperty("checks").GetProperty("event-daemon").GetProperty("description").GetString() ?? "";
        }, d => d.Contains("IntegrationEventForwarder:All lag 0") && ForwarderLag() == 0, what: "forwarder caught up");
        Assert.StartsWith("high-water mark", daemon);
    }

    [Fact]
    public async Task Serves_an_openapi_document_and_the_scalar_ui()
    {
        var doc = await (await _client.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/registry/enterprises", paths);
        Assert.Contains("/api/registry/feed", paths);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/scalar/v1")).StatusCode);
    }

    /// <summary>Every operation of the document a client is generated from declares its success body.</summary>
    [Fact]
    public Task Every_operation_declares_the_schema_of_its_success_answer() => OpenApiContract.VerifyAsync(host.CreateClient(), "registry");
}
