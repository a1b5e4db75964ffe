using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.EventStore;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>
/// The "event-daemon" health check against a real PostgreSQL store. A fresh install (no event yet) must
/// stay Healthy however long it runs: its event sequence reads last_value = 1, is_called = false, which
/// once looked like an event 1 the high-water mark never reached, so every service of a fresh install
/// turned Unhealthy after StallAfter. A store whose high-water mark really stays behind its newest event
/// (here: no async daemon runs to advance it) must still turn Unhealthy.
/// </summary>
public class EventStoreMonitorTests(TestServers servers)
{
    private static readonly EventStoreMonitorOptions Fast = new() { SampleInterval = TimeSpan.FromMilliseconds(100), StallAfter = TimeSpan.FromSeconds(1) };

    private sealed record Noted(string Text);

    /// <summary>Keeps the failures the monitor logs (a failed sample leaves the check on its last answer).</summary>
    private sealed class FailureLog : ILogger<EventStoreMonitor>
    {
        public List<string> Errors { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lock (Errors) Errors.Add($"{formatter(state, exception)}: {exception}");
        }
    }

    [Fact]
    public async Task An_empty_store_stays_healthy_past_the_stall_time_and_a_stuck_high_water_mark_does_not()
    {
        var database = await servers.CreateDatabaseAsync("monitor");
        try
        {
            await using var store = DocumentStore.For(opts =>
            {
                EventStoreSetup.ConfigureStore(opts, database, "monitor");
                opts.Events.AddEventType<Noted>(); // so the schema change below creates the event tables, as a service's projections do
            });
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var failures = new FailureLog();
            var monitor = new EventStoreMonitor(store, Options.Create(Fast), TimeProvider.System, failures);
            await monitor.StartAsync(TestContext.Current.CancellationToken);
            try
            {
                // Three times StallAfter with samples every 100 ms: long enough for the old check to fail.
                await Task.Delay(Fast.StallAfter * 3, TestContext.Current.CancellationToken);
                var empty = await monitor.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
                Assert.True(failures.Errors.Count == 0, string.Join("\n", failures.Errors.Take(1)));
                Assert.Equal(HealthStatus.Healthy, empty.Status);
                Assert.StartsWith("high-water mark 0 of 0", empty.Description);

                // One committed event, and nothing (no async daemon) moves the high-water mark to it.
                await using (var session = store.LightweightSession())
                {
                    session.Events.StartStream(Guid.NewGuid(), new Noted("first"));
                    await session.SaveChangesAsync(TestContext.Current.CancellationToken);
                }
                var stuck = await Eventually.Until(() => monitor.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken),
                    r => r.Status == HealthStatus.Unhealthy, TimeSpan.FromSeconds(20), "the stuck high-water mark reported");
                Assert.Contains("high-water mark stuck at 0", stuck.Description);
                Assert.Contains("(newest event 1)", stuck.Description);
            }
            finally
            {
                await monitor.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await servers.DropDatabaseAsync(database);
        }
    }
}
