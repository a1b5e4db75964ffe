using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cross-cutting defaults every Platform service gets, shaped like Aspire's ServiceDefaults template:
/// OpenTelemetry, health checks, service discovery, HTTP resilience and problem details.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Activity sources and meters of the libraries the services use, so their spans and
    /// instruments reach the Aspire dashboard without each service listing them.</summary>
    public static readonly string[] LibrarySources = ["MassTransit", "Marten"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // One pipeline ("-standard") shared by every client; a client that needs other settings gets its own
            // (HttpClientResilience.AddOwnResilience).
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Health is the /health answer and the dashboard's resource state. The health-check service would also log
        // every Unhealthy poll as an error (each service's start, before its bus is up, raised an error badge an
        // operator had to explain away); the failing component's own log still says what failed.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);

        var appSource = builder.Environment.ApplicationName;
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(appSource)
                .AddMeter(PlatformTelemetry.MeterName)
                .AddMeter(LibrarySources))
            .WithTracing(tracing => tracing
                // Polling (the daemons' high-water checks, feed reads with nothing new) starts no exported trace.
                // OTEL_TRACES_SAMPLER_ARG (0 < r ≤ 1) keeps that share of traces: an operator's setting for a busy platform.
                .SetSampler(new ParentBasedSampler(new BackgroundPollingSampler(BackgroundPollingSampler.RatioFrom(builder.Configuration["OTEL_TRACES_SAMPLER_ARG"]))))
                .AddSource(appSource)
                .AddSource(PlatformTelemetry.ActivitySourceName)
                .AddSource(LibrarySources)
                .AddAspNetCoreInstrumentation(o =>
                    // Probes every few seconds would drown the traces operators look for.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(HealthEndpointPath)
                                      && !ctx.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // Export only where a collector is configured (the Aspire dashboard sets this variable).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>/health: ready to serve (every check, including the database and the broker);
    /// /alive: the process is alive (only checks tagged "live").</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes and orchestrators call these without a token.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
