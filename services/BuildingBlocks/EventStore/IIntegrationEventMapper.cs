using JasperFx.Events;
using Platform.Contracts;

namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// Translates a service's committed domain events into its public integration events. Pure and
/// deterministic (the integration event's id is the domain event's id), so the RabbitMQ forwarder and
/// the HTTP change feed publish exactly the same events, and a replay yields the same ids.
/// Domain events without a public meaning map to null and never leave the service.
/// </summary>
public interface IIntegrationEventMapper
{
    IIntegrationEvent? Map(IEvent committed);
}
