using MassTransit;
using Platform.BuildingBlocks.EventStore;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Every consumed message is handled as the consumer, named by its queue ("consumer:reporting-known-enterprise"),
/// with the correlation id the publishing service gave the message: whatever it appends is audited as that
/// consumer, on that correlation (<see cref="SystemActor"/>).
/// </summary>
public sealed class ConsumerActorFilter<T> : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        using var actor = SystemActor.ActAs(NameOf(context), context.Headers.Get<string>(PlatformHeaders.CorrelationId));
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("consumer-actor");

    public static string NameOf(ConsumeContext context) =>
        "consumer:" + (context.ReceiveContext.InputAddress?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "unknown");
}
