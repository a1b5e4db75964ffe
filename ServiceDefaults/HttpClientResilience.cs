using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>Who waits for a client's answers; it sets the defaults of the client's own resilience pipeline.</summary>
public enum HttpClientWork
{
    /// <summary>A person waits (the console's calls): the standard handler's 10 s an attempt and 30 s in all; a timeout,
    /// an exhausted retry or an opened circuit is an error.</summary>
    Interactive,

    /// <summary>Nobody waits (a change-feed read of a catch-up job, the service token it needs): a page carries up to 500
    /// events and the other service may be busy, so 60 s an attempt and 3 min in all; its timeouts, retries and opened
    /// circuits are warnings, because the job's round that fails is itself logged and tried again at the next one.</summary>
    Background,
}

/// <summary>
/// The service defaults give every HTTP client the standard resilience handler (<c>ConfigureHttpClientDefaults</c>). Added
/// there, it has no client name: every client shares one pipeline named <c>-standard</c>, with one circuit breaker and one
/// set of options, so options keyed by a client's name never apply. <see cref="AddOwnResilience"/> gives a named client a
/// pipeline and options of its own, <c>&lt;client&gt;-standard</c>, in the place of the shared one; the other clients keep
/// the defaults.
/// </summary>
public static class HttpClientResilience
{
    /// <summary>Configuration of a client's own pipeline: <c>HttpClients:&lt;client&gt;:Resilience</c>, the names of
    /// <see cref="HttpStandardResilienceOptions"/> (e.g. <c>HttpClients:registry-feed:Resilience:AttemptTimeout:Timeout</c>).
    /// It overrides the defaults of the client's <see cref="HttpClientWork"/>.</summary>
    public const string ConfigurationSection = "HttpClients";

    public static readonly (TimeSpan Attempt, TimeSpan Total) BackgroundTimeouts = (TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(3));

    /// <summary>The name of a client's own pipeline and options (the standard handler's naming).</summary>
    public static string PipelineOf(string client) => $"{client}-standard";

    public static IHttpClientBuilder AddOwnResilience(this IHttpClientBuilder client, HttpClientWork work = HttpClientWork.Interactive)
    {
        var name = string.IsNullOrEmpty(client.Name) ? throw new ArgumentException("Only a named client can have a pipeline of its own.", nameof(client)) : client.Name;
        var pipeline = client.AddStandardResilienceHandler().PipelineName;
        if (pipeline != PipelineOf(name)) throw new InvalidOperationException($"The standard handler named its pipeline '{pipeline}', not '{PipelineOf(name)}'.");

        if (work == HttpClientWork.Background)
            client.Services.Configure<HttpStandardResilienceOptions>(pipeline, o =>
            {
                o.AttemptTimeout.Timeout = BackgroundTimeouts.Attempt;
                o.TotalRequestTimeout.Timeout = BackgroundTimeouts.Total;
            });
        // HttpClient's own 100 s limit would cut a background request short: the pipeline's total timeout bounds it instead.
        if (work == HttpClientWork.Background) client.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.Services.AddOptions<HttpStandardResilienceOptions>(pipeline).BindConfiguration($"{ConfigurationSection}:{name}:Resilience");
        // The options' own rule: the circuit samples at least two attempts' time.
        client.Services.PostConfigure<HttpStandardResilienceOptions>(pipeline, o =>
        {
            if (o.CircuitBreaker.SamplingDuration < 2 * o.AttemptTimeout.Timeout) o.CircuitBreaker.SamplingDuration = 2 * o.AttemptTimeout.Timeout;
        });

        // The client's own handler takes the shared one's place (outermost, before service discovery and the client's own
        // handlers, as the defaults put it), so a request passes through one pipeline, not two stacked.
        client.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            var resilience = handlers.Where(IsResilienceHandler).ToList();
            if (resilience.Count < 2) return;
            var own = resilience[^1];
            foreach (var other in resilience.Skip(1)) handlers.Remove(other);
            handlers[handlers.IndexOf(resilience[0])] = own;
        });

        if (work == HttpClientWork.Background)
            client.Services.Configure<TelemetryOptions>(o =>
            {
                var others = o.SeverityProvider;
                o.SeverityProvider = args => args.Source.PipelineName == pipeline
                    ? args.Event.Severity > ResilienceEventSeverity.Warning ? ResilienceEventSeverity.Warning : args.Event.Severity
                    : others?.Invoke(args) ?? args.Event.Severity;
            });
        return client;
    }

#pragma warning disable EXTEXP0001 // the handler type is marked for evaluation; it is only recognised here, never built
    private static bool IsResilienceHandler(DelegatingHandler handler) => handler is ResilienceHandler;
#pragma warning restore EXTEXP0001
}
