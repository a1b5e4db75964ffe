using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>One figure the Department watches (reports overdue, licences expiring soon, …), counted by a query on the service's read models.</summary>
/// <param name="Name">Instrument name, e.g. <c>platform.reports.overdue</c>.</param>
/// <param name="Unit">UCUM annotation, e.g. <c>{report}</c>.</param>
public sealed record BusinessGauge(string Name, string Unit, string Description, Func<IQuerySession, DateOnly, CancellationToken, Task<int>> Count);

public sealed class BusinessGaugeOptions
{
    /// <summary>How often the figures are counted again (a query each); gauges report the last count.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Counts each <see cref="BusinessGauge"/> on a timer and reports the last count as an observable gauge
/// in the Platform meter: an exporter's collection never waits on the database, and a slow or failed
/// count leaves the previous figure (a gauge with no count yet reports nothing rather than a false zero).
/// </summary>
public sealed partial class BusinessGauges : BackgroundService
{
    private readonly IDocumentStore _store;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<BusinessGauge> _gauges;
    private readonly BusinessGaugeOptions _options;
    private readonly ILogger<BusinessGauges> _logger;
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public BusinessGauges(IDocumentStore store, TimeProvider clock, IEnumerable<BusinessGauge> gauges, IOptions<BusinessGaugeOptions> options, ILogger<BusinessGauges> logger)
    {
        (_store, _clock, _gauges, _options, _logger) = (store, clock, gauges.ToList(), options.Value, logger);
        foreach (var gauge in _gauges)
            PlatformTelemetry.Meter.CreateObservableGauge(gauge.Name,
                () => _counts.TryGetValue(gauge.Name, out var count) ? [new Measurement<int>(count)] : Array.Empty<Measurement<int>>(),
                gauge.Unit, gauge.Description);
    }

    /// <summary>The last count of a gauge (null before the first).</summary>
    public int? Current(string name) => _counts.TryGetValue(name, out var count) ? count : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(_options.Interval, _clock, CountAllAsync, ex => LogCountFailed(_logger, ex), stoppingToken);

    public async Task CountAllAsync(CancellationToken ct)
    {
        var today = Domain.DepartmentClock.Today(_clock);
        await using var session = _store.QuerySession();
        foreach (var gauge in _gauges)
            _counts[gauge.Name] = await gauge.Count(session, today, ct);
    }

    [LoggerMessage(LogLevel.Warning, "Counting the business gauges failed; the previous figures stay")]
    private static partial void LogCountFailed(ILogger logger, Exception ex);
}

public static class BusinessGaugesSetup
{
    /// <summary>Adds a figure the Department watches; the interval is <c>Platform:BusinessGauges:Interval</c>.</summary>
    public static IHostApplicationBuilder AddBusinessGauge(this IHostApplicationBuilder builder, BusinessGauge gauge)
    {
        builder.Services.AddSingleton(gauge);
        if (builder.Services.All(s => s.ServiceType != typeof(BusinessGauges)))
        {
            builder.Services.Configure<BusinessGaugeOptions>(builder.Configuration.GetSection("Platform:BusinessGauges"));
            builder.Services.AddSingleton<BusinessGauges>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<BusinessGauges>());
        }
        return builder;
    }
}
