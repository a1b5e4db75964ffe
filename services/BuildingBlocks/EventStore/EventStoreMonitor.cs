using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.EventStore;

public sealed class EventStoreMonitorOptions
{
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A projection, the forwarder or the high-water mark behind and not moving for this long is a stall.</summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A projection or the forwarder behind the high-water mark at every sample for this long is Degraded
    /// (it works, but consumers and readers wait): an operator looks before it becomes a stall.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Samples the async daemon's progress for operators: gauges for the store's high-water mark and for
/// the lag of every projection and subscription (the forwarder's lag is what outside systems wait
/// for), and the "event-daemon" health check, unhealthy while anything is stalled.
/// </summary>
public sealed partial class EventStoreMonitor : BackgroundService, IHealthCheck
{
    private readonly IDocumentStore _store;
    private readonly EventStoreMonitorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<EventStoreMonitor> _logger;
    private readonly StallDetector _stalls;
    private volatile Sample? _latest;

    private readonly LagDetector _lags;

    private sealed record Sample(long LastEvent, long HighWaterMark, IReadOnlyDictionary<string, long> Shards, IReadOnlyList<string> Stalled, IReadOnlyList<string> Behind);

    public EventStoreMonitor(IDocumentStore store, IOptions<EventStoreMonitorOptions> options, TimeProvider clock, ILogger<EventStoreMonitor> logger)
    {
        (_store, _options, _clock, _logger) = (store, options.Value, clock, logger);
        _stalls = new StallDetector(_options.StallAfter);
        _lags = new LagDetector(_options.DegradedAfter);
        PlatformTelemetry.Meter.CreateObservableGauge<long>("platform.event_store.high_water_mark",
            () => _latest is { } s ? [new Measurement<long>(s.HighWaterMark)] : Array.Empty<Measurement<long>>(), description: "Highest event sequence the async daemon has confirmed");
        PlatformTelemetry.Meter.CreateObservableGauge<long>("platform.event_store.projection_lag",
            () => _latest is { } s ? s.Shards.Select(x => new Measurement<long>(s.HighWaterMark - x.Value, new KeyValuePair<string, object?>("shard", x.Key))) : Array.Empty<Measurement<long>>(),
            unit: "{event}", description: "Events a projection or subscription (the integration-event forwarder included) is behind the high-water mark");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(_options.SampleInterval, _clock, SampleAsync, ex => LogSampleFailed(_logger, ex), stoppingToken);

    private async Task SampleAsync(CancellationToken ct)
    {
        var newestEvent = await NewestEventAsync(ct);
        var progress = await _store.Advanced.AllProjectionProgress(token: ct);
        var highWaterMark = progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
        var shards = progress.Where(p => p.ShardName != "HighWaterMark").ToDictionary(p => p.ShardName, p => p.Sequence);
        var now = _clock.GetUtcNow();
        var stalled = new List<string>();
        if (_stalls.Observe("HighWaterMark", highWaterMark, newestEvent, now) is { } hwmStuck)
            stalled.Add($"high-water mark stuck at {highWaterMark} for {hwmStuck.TotalSeconds:0}s (newest event {newestEvent})");
        var behind = new List<string>();
        foreach (var (name, position) in shards)
        {
            if (_stalls.Observe(name, position, highWaterMark, now) is { } stuck)
                stalled.Add($"{name} stuck at {position} for {stuck.TotalSeconds:0}s (high-water mark {highWaterMark})");
            else if (_lags.Observe(name, position, highWaterMark, now) is { } lagging)
                behind.Add($"{name} {highWaterMark - position} events behind for {lagging.TotalSeconds:0}s");
        }
        _latest = new Sample(newestEvent, highWaterMark, shards, stalled, behind);
    }

    /// <summary>
    /// The sequence number of the newest stored event, 0 for an empty store. Not the event sequence's
    /// value (what FetchEventStoreStatistics reports): on a store that never had an event PostgreSQL reads
    /// that sequence as last_value = 1 with is_called = false, which would name an event 1 that does not
    /// exist, and the high-water mark (0) would look stuck behind it forever, turning every fresh install
    /// Unhealthy after StallAfter. seq_id is the table's key, so max() is an index lookup.
    /// </summary>
    private async Task<long> NewestEventAsync(CancellationToken ct)
    {
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select coalesce(max(seq_id), 0) from {_store.Options.Events.DatabaseSchemaName}.mt_events";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) => Task.FromResult(_latest switch
    {
        null => HealthCheckResult.Healthy("not sampled yet"),
        { Stalled.Count: > 0 } s => HealthCheckResult.Unhealthy(string.Join("; ", s.Stalled) + ". Read this service's log for the shard named; restart the service if it does not move."),
        { Behind.Count: > 0 } s => HealthCheckResult.Degraded(string.Join("; ", s.Behind) + " (still moving: consumers of its events wait)."),
        var s => HealthCheckResult.Healthy($"high-water mark {s.HighWaterMark} of {s.LastEvent}; " +
            string.Join(", ", s.Shards.Select(x => $"{x.Key} lag {s.HighWaterMark - x.Value}"))),
    });

    [LoggerMessage(LogLevel.Warning, "Sampling the event store's progress failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception ex);
}
