using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Registry.Demo;
using Platform.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Registry.Tests.Api;

public class ReplicaTests(TestServers servers)
{
    /// <summary>Two replicas on one database: the HotCold daemon lets one lead, so each committed
    /// event is published once, whichever replica took the request.</summary>
    [Fact]
    public async Task Two_replicas_publish_each_event_exactly_once()
    {
        await using var first = new RegistryHost(servers);
        await first.InitializeAsync();
        var second = new RegistryHost(servers);
        second.UseExisting(first.DatabaseConnectionString, first.MessagingUri);
        second.KeepDataOnDispose = true; // the first host drops them
        await using var _ = second;
        await using var consumer = await OutsideConsumer.StartAsync(first.MessagingUri, IntegrationEventNames.ExchangeFor<EnterpriseRegisteredV1>());

        var clients = new[] { first.CreateClient(), second.CreateClient() };
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(await first.RegisterAsync(clients[i % 2]));

        await Eventually.Until(() => Task.FromResult(consumer.Received.Count), n => n >= 6, what: "6 registrations published");
        await Task.Delay(1500); // time for a duplicate to show up, if a second forwarder were running
        var published = consumer.Received.Select(m => m.Body.GetProperty("enterpriseId").GetGuid()).ToList();
        Assert.Equal(ids.Order(), published.Order());
    }

    [Fact]
    public async Task Demo_data_loads_the_register_once()
    {
        await using var host = new RegistryHost(servers);
        await host.InitializeAsync();
        Assert.Equal(10, await DemoData.LoadAsync(host.Store, TimeProvider.System, NullLogger.Instance, default));
        Assert.Equal(0, await DemoData.LoadAsync(host.Store, TimeProvider.System, NullLogger.Instance, default));

        var page = await (await host.CreateClient().GetAsync("/api/registry/enterprises?kind=network-operator")).Json();
        Assert.Equal(6, page.GetProperty("total").GetInt64());
        var expiring = await (await host.CreateClient().GetAsync("/api/registry/licences/expiring?withinDays=95")).Json();
        Assert.Equal(3, expiring.GetArrayLength()); // licences expire 30, 60, 90 … days out
    }
}
