using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Platform.Contracts.Api;
using Platform.Web.Api;
using Xunit;

namespace Web.Tests.Logic;

/// <summary>The API clients as the console registers them, with the service defaults (discovery, resilience), over a
/// stub server that counts calls.</summary>
public class ApiClientTests
{
    private sealed class Stub(HttpStatusCode status, string body = "") : HttpMessageHandler
    {
        public List<string> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Calls.Add($"{request.Method} {request.RequestUri} If-Match={request.Headers.IfMatch} Auth={request.Headers.Authorization}");
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body), Headers = { ETag = new("\"7\"") } });
        }
    }

    private static (PlatformApis Apis, Stub Stub) Build(HttpStatusCode status, string body = "")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["services:reporting:http:0"] = "http://127.0.0.1:5999";
        builder.AddServiceDefaults();
        builder.Services.AddPlatformApiClients();
        var stub = new Stub(status, body);
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)); // keep the retries quick here
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = stub));
        var provider = builder.Services.BuildServiceProvider();
        return (provider.CreateScope().ServiceProvider.GetRequiredService<PlatformApis>(), stub);
    }

    [Fact]
    public async Task A_change_that_fails_is_sent_once_and_a_read_is_retried()
    {
        var (apis, stub) = Build(HttpStatusCode.ServiceUnavailable, """{"status":503,"title":"busy"}""");
        var write = await apis.Reporting.PostAsync<NoContent>("/api/reporting/submissions/1/acceptance", null, ifMatch: 4);
        Assert.Equal(503, write.Problem!.Status);
        Assert.Single(stub.Calls);
        // Service discovery turned http://reporting into the configured address, and the version the page showed went along.
        Assert.StartsWith("POST http://127.0.0.1:5999/api/reporting/submissions/1/acceptance If-Match=\"4\"", stub.Calls[0]);

        stub.Calls.Clear();
        var read = await apis.Reporting.GetAsync<PageOf<ObligationRow>>("/api/reporting/obligations");
        Assert.False(read.Ok);
        Assert.True(stub.Calls.Count > 1, $"a read is retried: {stub.Calls.Count} call(s)");
    }

    [Fact]
    public async Task A_read_gives_the_value_and_the_stream_version_from_the_ETag()
    {
        var (apis, stub) = Build(HttpStatusCode.OK, """
            [{"id":"0195a6a4-0000-7000-8000-000000000001","enterpriseId":"0195a6a4-0000-7000-8000-000000000002",
              "enterpriseName":"VNPT","template":"telecom-monthly","period":"2026-10","dueOn":"2026-11-10","status":"accepted","versions":1,
              "late":false,"overdue":false,"locked":false,"version":4}]
            """);
        var read = await apis.Reporting.GetAsync<List<ObligationRow>>("/api/reporting/obligations");
        Assert.True(read.Ok);
        Assert.Equal(7, read.Version);
        Assert.Equal(new DateOnly(2026, 11, 10), read.Value!.Single().DueOn);
        Assert.Contains("Auth=", stub.Calls.Single()); // no user here, so no token was invented
        Assert.EndsWith("Auth=", stub.Calls.Single());
    }

    /// <summary>Answers 503 for the Registry's address and 200 for the others.</summary>
    private sealed class RegistryDown : HttpMessageHandler
    {
        public const string Registry = "http://127.0.0.1:5991", Infrastructure = "http://127.0.0.1:5992";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage(request.RequestUri!.Port == 5991 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)
            { Content = new StringContent("{}") });
    }

    [Fact]
    public async Task A_failing_service_opens_its_own_circuit_and_the_other_services_are_still_called()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["services:registry:http:0"] = RegistryDown.Registry;
        builder.Configuration["services:infrastructure:http:0"] = RegistryDown.Infrastructure;
        builder.AddServiceDefaults();
        builder.Services.AddPlatformApiClients();
        var server = new RegistryDown();
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o =>
        {
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
            // Open after two failed attempts (the defaults wait for 100 in 30 s).
            o.CircuitBreaker.MinimumThroughput = 2;
            o.CircuitBreaker.FailureRatio = 0.5;
        });
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = server));
        using var provider = builder.Services.BuildServiceProvider();
        var apis = provider.CreateScope().ServiceProvider.GetRequiredService<PlatformApis>();

        var registry = await apis.Registry.GetAsync<object>("/api/registry/enterprises");
        Assert.False(registry.Ok);
        // The Registry's breaker is open: its next call is refused without reaching the server.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            provider.GetRequiredService<IHttpClientFactory>().CreateClient("registry").GetAsync("/api/registry/enterprises"));
        Assert.Equal("Polly.CircuitBreaker.BrokenCircuitException", refused.GetType().FullName);

        var infrastructure = await apis.Infrastructure.GetAsync<object>("/api/infrastructure/sites");
        Assert.True(infrastructure.Ok, infrastructure.Problem?.Title);
    }

    /// <summary>A list of 250 numbers answered as the services page it: the query's page and pageSize, and the total.</summary>
    private sealed class PagedList : HttpMessageHandler
    {
        public List<string> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Calls.Add(request.RequestUri!.PathAndQuery);
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            var (page, size) = (int.Parse(query["page"]!), int.Parse(query["pageSize"]!));
            var items = Enumerable.Range(1, 250).Skip((page - 1) * size).Take(size);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { items, total = 250, page, pageSize = size })),
            });
        }
    }

    [Fact]
    public async Task Every_page_of_a_list_is_read_with_its_filters()
    {
        var server = new PagedList();
        var api = new ApiClient(new HttpClient(server) { BaseAddress = new Uri("http://meetings") }, "meetings");

        var read = await api.GetEveryPageAsync<int>("/api/meetings/meetings?from=2026-12-01&to=2026-12-31");

        Assert.True(read.Ok);
        Assert.Equal(Enumerable.Range(1, 250), read.Value!);
        Assert.Equal(["/api/meetings/meetings?from=2026-12-01&to=2026-12-31&page=1&pageSize=200",
                      "/api/meetings/meetings?from=2026-12-01&to=2026-12-31&page=2&pageSize=200"], server.Calls);
    }
}
