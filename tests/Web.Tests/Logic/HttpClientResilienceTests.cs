using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Feeds;
using Xunit;

namespace Web.Tests.Logic;

/// <summary>
/// The service defaults' resilience per client (ServiceDefaults/HttpClientResilience.cs): a named client's own pipeline and
/// options apply, the others keep the shared default, and a background client's timeouts are warnings. Over a primary
/// handler that answers after a delay (and gives up when the pipeline cancels it), with the real handler chain around it.
/// </summary>
public class HttpClientResilienceTests
{
    private sealed class SlowServer(TimeSpan delay) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            await Task.Delay(delay, ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }

    private sealed class Records : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> All { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(Records records, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                records.All.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }

    private static (IServiceProvider Services, Records Logs) Build(TimeSpan delay, Dictionary<string, string?> configuration, Action<IHostApplicationBuilder> clients,
        bool retries = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        var logs = new Records();
        builder.Logging.AddProvider(logs);
        clients(builder);
        var server = new SlowServer(delay);
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)); // keep the retries quick here
        // Without retries a timed-out attempt ends the request: one attempt timeout, not the total (3 attempts of 10 s).
        if (!retries) builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.ShouldHandle = _ => ValueTask.FromResult(false));
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = server));
        return (builder.Services.BuildServiceProvider(), logs);
    }

    private static Task<HttpResponseMessage> GetAsync(IServiceProvider services, string client) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(client).GetAsync("http://127.0.0.1:5999/api/registry/feed?after=0");

    [Fact]
    public async Task A_named_clients_own_timeout_applies_and_the_other_clients_keep_the_default()
    {
        var (services, _) = Build(TimeSpan.FromSeconds(2), new()
        {
            ["HttpClients:quick:Resilience:AttemptTimeout:Timeout"] = "00:00:00.2",
            ["HttpClients:quick:Resilience:TotalRequestTimeout:Timeout"] = "00:00:01",
        }, b =>
        {
            b.Services.AddHttpClient("quick").AddOwnResilience();
            b.Services.AddHttpClient("other");
        });

        // The own options: 0.2 s an attempt, 1 s in all, against a server that takes 2 s.
        await TimedOutAsync(() => GetAsync(services, "quick"));
        // The standard 10 s an attempt: the same server's answer arrives.
        using var other = await GetAsync(services, "other");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_background_client_waits_longer_than_a_person_would()
    {
        var (services, _) = Build(TimeSpan.FromSeconds(12), [], b =>
        {
            b.Services.AddHttpClient("catch-up").AddOwnResilience(HttpClientWork.Background);
            b.Services.AddHttpClient("page");
        }, retries: false); // what is compared is one attempt's timeout: the retries would only add two more of 10 s

        var background = GetAsync(services, "catch-up");
        var person = GetAsync(services, "page");
        // 60 s an attempt: the page read after 12 s arrives; the standard 10 s an attempt gives up on the same server.
        using var caughtUp = await background;
        Assert.Equal(HttpStatusCode.OK, caughtUp.StatusCode);
        await TimedOutAsync(() => person);
    }

    [Fact]
    public async Task A_background_clients_timeouts_are_warnings_and_a_persons_are_errors()
    {
        var (services, logs) = Build(TimeSpan.FromSeconds(2), new()
        {
            ["HttpClients:catch-up:Resilience:AttemptTimeout:Timeout"] = "00:00:00.1",
            ["HttpClients:catch-up:Resilience:TotalRequestTimeout:Timeout"] = "00:00:00.5",
            ["HttpClients:page:Resilience:AttemptTimeout:Timeout"] = "00:00:00.1",
            ["HttpClients:page:Resilience:TotalRequestTimeout:Timeout"] = "00:00:00.5",
        }, b =>
        {
            b.Services.AddHttpClient("catch-up").AddOwnResilience(HttpClientWork.Background);
            b.Services.AddHttpClient("page").AddOwnResilience();
        });

        await TimedOutAsync(() => GetAsync(services, "catch-up"));
        await TimedOutAsync(() => GetAsync(services, "page"));

        var timeouts = logs.All.Where(r => r.Message.Contains("'OnTimeout'", StringComparison.Ordinal)).ToList();
        var background = timeouts.Where(r => r.Message.Contains("catch-up-standard", StringComparison.Ordinal)).ToList();
        var person = timeouts.Where(r => r.Message.Contains("page-standard", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(background);
        Assert.All(background, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.NotEmpty(person);
        Assert.Contains(person, r => r.Level == LogLevel.Error);
    }

    [Fact]
    public void A_feed_client_has_one_pipeline_of_its_own_in_the_shared_ones_place_with_the_background_timeouts()
    {
        var (services, _) = Build(TimeSpan.Zero, new()
        {
            ["services:registry:http:0"] = "http://127.0.0.1:5999",
            ["Authentication:Schemes:Bearer:Authority"] = "http://127.0.0.1:5998",
            ["Authentication:ServiceClient:TokenEndpoint"] = "http://127.0.0.1:5998/connect/token",
        }, b =>
        {
            b.AddPlatformSecurity();
            b.AddFeedBackfill<RegistryFeedBackfill>(RegistryFeedBackfill.Source);
        });

        var client = FeedBackfill.HttpClientNameFor(RegistryFeedBackfill.Source);
        var chain = Chain(services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client));
        var resilience = chain.FindIndex(h => h.GetType().Name == "ResilienceHandler");
        Assert.True(resilience >= 0, string.Join(" → ", chain.Select(h => h.GetType().Name)));
        Assert.Single(chain, h => h.GetType().Name == "ResilienceHandler");
        // Outermost, as the defaults put theirs: service discovery and the service's token come after it (each retry anew).
        Assert.True(resilience < chain.FindIndex(h => h.GetType().Name == "ResolvingHttpDelegatingHandler"), string.Join(" → ", chain.Select(h => h.GetType().Name)));
        Assert.True(resilience < chain.FindIndex(h => h is ServiceTokenHandler), string.Join(" → ", chain.Select(h => h.GetType().Name)));

        var options = services.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>();
        Assert.Equal(HttpClientResilience.BackgroundTimeouts.Attempt, options.Get(HttpClientResilience.PipelineOf(client)).AttemptTimeout.Timeout);
        Assert.Equal(HttpClientResilience.BackgroundTimeouts.Total, options.Get(HttpClientResilience.PipelineOf(client)).TotalRequestTimeout.Timeout);
        // The token the feed read waits for is background work too.
        Assert.Equal(HttpClientResilience.BackgroundTimeouts.Attempt, options.Get(HttpClientResilience.PipelineOf(nameof(IServiceTokenSource))).AttemptTimeout.Timeout);
    }

    /// <summary>The pipeline gave up on a timeout (Polly 8's TimeoutRejectedException; the test project also sees Polly 7's of the same name).</summary>
    private static async Task TimedOutAsync(Func<Task> request)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(request);
        Assert.Equal("Polly.Timeout.TimeoutRejectedException, Polly.Core", $"{refused.GetType().FullName}, {refused.GetType().Assembly.GetName().Name}");
    }

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler> { handler };
        while (chain[^1] is DelegatingHandler { InnerHandler: { } inner }) chain.Add(inner);
        return chain;
    }
}
