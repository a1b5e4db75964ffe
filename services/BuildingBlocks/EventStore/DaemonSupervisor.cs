using System.Diagnostics.Metrics;
using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.EventStore;

public sealed class DaemonSupervisorOptions
{
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an agent may stay stopped on the leading node before it is started again: long
    /// enough for Marten's own coordinator to settle which node leads after an outage.</summary>
    public TimeSpan RestartAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Starts again a projection or subscription (the integration-event forwarder) that the async daemon
/// stopped for good on the node that leads. When PostgreSQL restarts under two replicas, both may run
/// the daemon for a moment: the old leader's advisory lock went with its connection, the other replica
/// took the lock, and until the old leader's next leadership poll both write progress. The loser of that
/// race gets <c>ProgressionProgressOutOfOrderException</c>, and Marten then marks the agent Stopped,
/// which its coordinator never restarts (it restarts only paused agents). If the stopped one was on the
/// replica that goes on leading, nobody runs it again: the forwarder stood still until the service was
/// restarted (seen in 1 of 5 fault runs). Restarting from the stored progress is safe: the forwarder
/// publishes at least once and consumers ignore what they already applied.
/// </summary>
public sealed partial class DaemonSupervisor(
    IProjectionCoordinator coordinator, IOptions<DaemonSupervisorOptions> options, TimeProvider clock, ILogger<DaemonSupervisor> logger)
    : BackgroundService
{
    private static readonly Counter<long> Restarts = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.event_daemon.restarts", "{agent}", "Projections or subscriptions the supervisor started again after the daemon stopped them on the leading node");

    private readonly Dictionary<string, DateTimeOffset> _stoppedSince = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Value.CheckInterval, clock, CheckAsync, ex => LogCheckFailed(logger, ex), stoppingToken);

    private async Task CheckAsync(CancellationToken ct)
    {
        if (coordinator is not ProjectionCoordinatorBase { Distributor: { } distributor }) return;
        var now = clock.GetUtcNow();
        var stopped = new HashSet<string>();
        foreach (var set in await distributor.BuildDistributionAsync())
        {
            if (!distributor.HasLock(set)) continue; // a standby runs nothing; the leader's agents are ours to keep alive
            var daemon = coordinator.DaemonForMainDatabase();
            foreach (var agent in daemon.CurrentAgents().Where(a => a.Status == AgentStatus.Stopped && set.Names.Contains(a.Name)))
            {
                var name = agent.Name.Identity;
                stopped.Add(name);
                if (!_stoppedSince.TryGetValue(name, out var since)) _stoppedSince[name] = since = now;
                if (now - since < options.Value.RestartAfter || ct.IsCancellationRequested) continue;

                LogRestarting(logger, name, agent.Failure?.Detail);
                await daemon.StartAgentAsync(name, ct);
                Restarts.Add(1, new KeyValuePair<string, object?>("shard", name));
                _stoppedSince.Remove(name);
            }
        }
        foreach (var name in _stoppedSince.Keys.Except(stopped).ToList()) _stoppedSince.Remove(name);
    }

    [LoggerMessage(LogLevel.Warning, "The async daemon stopped {Shard} on the leading node ({Reason}); starting it again from its stored progress")]
    private static partial void LogRestarting(ILogger logger, string shard, string? reason);

    [LoggerMessage(LogLevel.Warning, "Checking the async daemon's agents failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception ex);
}
