using System.Collections.Concurrent;
using JasperFx;
using JasperFx.Events.Projections;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>
/// When another process writes the forwarder's progress under it (what a second replica does for the
/// moment both lead after a PostgreSQL restart), Marten stops the forwarder for good on this node. The
/// supervisor starts it again on the leading node, from the stored progress, so later events still
/// reach outside systems.
/// </summary>
public class DaemonSupervisorTests(TestServers servers)
{
    private const string ForwarderShard = IntegrationEventForwarder.SubscriptionName + ":All";

    [Fact]
    public async Task A_forwarder_stopped_by_a_competing_progress_write_is_started_again_and_forwards_later_events()
    {
        await using var registry = new RegistryHost(servers);
        registry.ExtraSettings["EventStore:Supervisor:CheckInterval"] = "00:00:00.250";
        registry.ExtraSettings["EventStore:Supervisor:RestartAfter"] = "00:00:01";
        await registry.InitializeAsync();
        await using var consumer = await OutsideConsumer.StartAsync(registry.MessagingUri, IntegrationEventNames.ExchangeFor<EnterpriseRegisteredV1>());
        var client = registry.CreateClient();
        // Two first: the competing write below moves the stored progress back by one, and a progress of 0
        // would read as "never stored" (Marten then inserts the row, which exists: another failure than the one tested).
        var first = await registry.RegisterAsync(client);
        var firstToo = await registry.RegisterAsync(client);
        await Eventually.Until(() => Task.FromResult(Ids(consumer)), ids => ids.Contains(first) && ids.Contains(firstToo), what: "the first registrations forwarded");
        var daemon = registry.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await Eventually.Until(() => Task.FromResult(StatusOf(daemon)), s => s == AgentStatus.Running, what: "the forwarder running");
        var states = new ConcurrentQueue<ShardState>();
        using var watching = daemon.Tracker.Subscribe(new Recorder(states));

        // "Another replica" moves the forwarder's progress row back by one, once this node has stored it:
        // this node's next progress write no longer matches what it last wrote.
        await using (var connection = new NpgsqlConnection(registry.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await Eventually.Until(() => ProgressAsync(connection), p => p >= 2, what: "the forwarder's progress stored");
            await using var command = new NpgsqlCommand("update registry.mt_event_progression set last_seq_id = last_seq_id - 1 where name = @name", connection);
            command.Parameters.AddWithValue("name", ForwarderShard);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var second = await registry.RegisterAsync(client);
        await Eventually.Until(() => Task.FromResult(states.Count(s => s.ShardName == ForwarderShard && s.Action == ShardAction.Stopped)),
            n => n > 0, what: "the daemon to stop the forwarder on the competing write");

        var third = await registry.RegisterAsync(client);
        await Eventually.Until(() => Task.FromResult(Ids(consumer)), ids => ids.Contains(second) && ids.Contains(third),
            what: "registrations after the stop forwarded", timeout: TimeSpan.FromSeconds(30));
        // Running again, and it stays so: a fourth registration goes out too.
        await Eventually.Until(() => Task.FromResult(StatusOf(daemon)), s => s == AgentStatus.Running, TimeSpan.FromSeconds(60), "the forwarder running again");
        var fourth = await registry.RegisterAsync(client);
        await Eventually.Until(() => Task.FromResult(Ids(consumer)), ids => ids.Contains(fourth), what: "a registration after the restart forwarded");
        var forwarder = daemon.CurrentAgents().Single(a => a.Name.Identity == ForwarderShard);
        Assert.True(forwarder.Status == AgentStatus.Running, $"forwarder {forwarder.Status}: {forwarder.Failure?.Detail}");
    }

    private sealed class Recorder(ConcurrentQueue<ShardState> states) : IObserver<ShardState>
    {
        public void OnNext(ShardState value) => states.Enqueue(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private static async Task<long> ProgressAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("select coalesce(max(last_seq_id), 0) from registry.mt_event_progression where name = @name", connection);
        command.Parameters.AddWithValue("name", ForwarderShard);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static AgentStatus? StatusOf(IProjectionDaemon daemon) =>
        daemon.CurrentAgents().FirstOrDefault(a => a.Name.Identity == ForwarderShard)?.Status;

    private static HashSet<Guid> Ids(OutsideConsumer consumer) =>
        consumer.Received.Select(m => m.Body.GetProperty("enterpriseId").GetGuid()).ToHashSet();
}
