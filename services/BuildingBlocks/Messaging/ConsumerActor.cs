using System.Collections.Concurrent;
using MassTransit;
using Platform.BuildingBlocks.EventStore;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Every consumed message is handled as the consumer, named by its queue ("consumer:reporting-known-enterprise"),
/// with the correlation id the publishing service gave the message: whatever it appends is audited as that
/// consumer, on that correlation (<see cref="SystemActor"/>). One instance on each endpoint's pipe, around everything
/// the message meets there (it was a scoped filter, resolved from the message's service scope for every message).
/// </summary>
public sealed class ConsumerActorFilter : IFilter<ConsumeContext>
{
    public static readonly ConsumerActorFilter Instance = new();

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        using var actor = SystemActor.ActAs(NameOf(context), context.Headers.Get<string>(PlatformHeaders.CorrelationId));
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("consumer-actor");

    public static string NameOf(ConsumeContext context) => "consumer:" + QueueOf(context.ReceiveContext.InputAddress);

    /// <summary>The queue's name, the last segment of the endpoint's address; worked out once per endpoint.</summary>
    public static string QueueOf(Uri? inputAddress) => inputAddress is null ? "unknown" : Queues.GetOrAdd(inputAddress,
        address => address.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown");

    private static readonly ConcurrentDictionary<Uri, string> Queues = new();
}
