using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Feeds;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Enterprises;

public static class KnownEnterprisesSetup
{
    /// <summary>Consume the Registry's enterprise events into <see cref="KnownEnterprise"/> documents.</summary>
    public static IBusRegistrationConfigurator AddKnownEnterprises(this IBusRegistrationConfigurator bus)
    {
        bus.AddPlatformConsumer<KnownEnterpriseConsumer>();
        return bus;
    }

    public static StoreOptions AddKnownEnterprises(this StoreOptions store)
    {
        store.Schema.For<KnownEnterprise>();
        store.Schema.For<FeedCursor>().Identity(c => c.Id);
        return store;
    }

    /// <summary>Catch up from the Registry's HTTP change feed as well (see <see cref="RegistryFeedBackfill"/>).</summary>
    public static IHostApplicationBuilder AddRegistryFeedBackfill(this IHostApplicationBuilder builder) =>
        builder.AddFeedBackfill<RegistryFeedBackfill>(RegistryFeedBackfill.Source);
}
