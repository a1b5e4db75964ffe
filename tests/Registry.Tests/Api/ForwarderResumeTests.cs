using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Registry.Enterprises;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>
/// The forwarder keeps its position in the database. Events committed while no forwarder runs (the
/// service crashed right after commit) are published when it comes back: none lost, none of the
/// already-published ones sent again, and each stream's events in store order (a page is published
/// concurrently across streams, one after another within a stream), each message naming its stream.
/// </summary>
public class ForwarderResumeTests(TestServers servers)
{
    [Fact]
    public async Task Resumes_after_restart_without_losing_or_resending_and_in_order()
    {
        var exchanges = new[] { IntegrationEventNames.ExchangeFor<EnterpriseRegisteredV1>(), IntegrationEventNames.ExchangeFor<EnterpriseSuspendedV1>() };
        var first = new RegistryHost(servers);
        await first.InitializeAsync();
        await using var consumer = await OutsideConsumer.StartAsync(first.MessagingUri, exchanges);

        var client = first.CreateClient();
        for (var i = 0; i < 3; i++) await first.RegisterAsync(client);
        await Eventually.Until(() => Task.FromResult(consumer.Received.Count), n => n == 3, what: "3 events before restart");
        var (database, vhost) = (first.DatabaseConnectionString, first.MessagingUri);

        first.KeepDataOnDispose = true;
        await first.DisposeAsync(); // the service stops; its forwarder with it

        // Commits while no forwarder runs: two registrations and a suspension, straight into the store.
        var missed = new List<Guid>();
        await using (var raw = Marten.DocumentStore.For(o =>
        {
            o.Connection(database);
            o.DatabaseSchemaName = "registry";
            o.Events.DatabaseSchemaName = "registry";
            o.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);
        }))
        {
            for (var i = 0; i < 2; i++)
            {
                await using var session = raw.LightweightSession();
                var id = Guid.NewGuid();
                var registered = RegisterEnterprise.Decide(TestData.Registration(), id, DateTimeOffset.UtcNow).Events[0];
                session.Events.StartStream<Enterprise>(id, registered, new EnterpriseSuspended(id, "Tạm dừng khi dịch vụ tắt"));
                await session.SaveChangesAsync();
                missed.Add(id);
            }
        }
        await Task.Delay(500);
        Assert.Equal(3, consumer.Received.Count);

        var second = new RegistryHost(servers);
        second.UseExisting(database, vhost);
        await second.WaitUntilHealthyAsync(); // starts the host, and with it the daemon and the forwarder
        try
        {
            await Eventually.Until(() => Task.FromResult(consumer.Received.Count), n => n >= 7, what: "7 events after restart");
            await Task.Delay(1000); // would anything be sent twice?
            var received = consumer.Received.ToList();
            Assert.Equal(7, received.Count);
            Assert.Equal(7, received.Select(m => m.Body.GetProperty("eventId").GetGuid()).Distinct().Count());

            foreach (var m in received)
                Assert.Equal(m.Body.GetProperty("enterpriseId").GetGuid().ToString(), m.Headers[PlatformMessageHeaders.StreamId]);
            foreach (var stream in received.GroupBy(m => m.Body.GetProperty("enterpriseId").GetGuid()))
            {
                var positions = stream.Select(m => Convert.ToInt64(m.Headers[PlatformHeaders.FeedPosition])).ToList();
                Assert.Equal(positions.Order(), positions);
            }
            var afterRestart = received.Skip(3).Select(m => (Id: m.Body.GetProperty("enterpriseId").GetGuid(), Version: m.Body.GetProperty("streamVersion").GetInt64())).ToList();
            Assert.Equal(missed.SelectMany(id => new[] { (id, 1L), (id, 2L) }).Order(), afterRestart.Order());
            foreach (var id in missed) Assert.Equal([1L, 2L], afterRestart.Where(m => m.Id == id).Select(m => m.Version));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
