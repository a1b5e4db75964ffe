using System.Diagnostics;
using System.Diagnostics.Metrics;
using JasperFx.Events;
using Platform.Contracts;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Platform.BuildingBlocks.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// Publishes integration events to RabbitMQ from events already committed to the store (a Marten
/// subscription run by the async daemon). Marten records how far it got only after a page is
/// processed, so a crash between commit and publish re-publishes instead of losing: delivery is
/// at least once, and consumers de-duplicate by event id. A page is published concurrently, one
/// task per event stream: a stream's events go out one after another, each only once the broker
/// confirmed the one before (so they reach a queue in store order, and consumers, which take one
/// stream's messages in order, see them in that order), while different streams' confirm round-trips
/// overlap. The page counts as processed only when every message in it is confirmed.
/// </summary>
public sealed partial class IntegrationEventForwarder(
    IBus bus, IIntegrationEventMapper mapper, ILogger<IntegrationEventForwarder> logger) : SubscriptionBase
{
    // Marten stores the forwarder's progress under this name; renaming it would re-publish everything.
    public const string SubscriptionName = "IntegrationEventForwarder";

    private static readonly Counter<long> Published = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.integration_events.published", description: "Integration events published to RabbitMQ");

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        var streams = page.Events
            .Select(committed => (committed, message: mapper.Map(committed)))
            .Where(x => x.message is not null)
            .GroupBy(x => x.committed.StreamId)
            .Select(stream => stream.ToList())
            .ToList();
        await Parallel.ForEachAsync(streams, new ParallelOptions { MaxDegreeOfParallelism = MaxStreamsInFlight, CancellationToken = ct },
            async (stream, token) =>
            {
                foreach (var (committed, message) in stream) await ForwardAsync(committed, message!, token);
            });
        return NullChangeListener.Instance;
    }

    /// <summary>Streams of one page whose messages are on the way to the broker at the same time.</summary>
    public const int MaxStreamsInFlight = 64;

    private async Task ForwardAsync(IEvent committed, IIntegrationEvent message, CancellationToken ct)
    {
        // Continue the trace of the request that appended the event, so one trace runs from the
        // HTTP call through this publish to the consumers' updates.
        using var activity = PlatformTelemetry.ActivitySource.StartActivity($"forward {IntegrationEventNames.EventName(message.GetType())}",
            ActivityKind.Producer, ParentOf(committed));
        activity?.SetTag("platform.feed_position", committed.Sequence);
        await PublishUntilAcceptedAsync(message, committed.Sequence, committed.StreamId, committed.CorrelationId, ct);
        Published.Add(1, new KeyValuePair<string, object?>("event", message.GetType().Name));
    }

    private static ActivityContext ParentOf(IEvent committed) =>
        committed.Headers?.TryGetValue(AuditedSessionFactory.TraceParentHeader, out var value) == true
        && ActivityContext.TryParse(value?.ToString(), null, out var parent) ? parent : default;

    // A broker outage must stall the forwarder, never make the daemon skip the page: keep trying
    // with a capped back-off until the broker confirms or the host shuts down.
    private async Task PublishUntilAcceptedAsync(IIntegrationEvent message, long position, Guid streamId, string? correlationId, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await bus.Publish(message, message.GetType(), ctx =>
                {
                    ctx.MessageId = message.EventId;
                    ctx.Durable = true; // persistent: written to disk by the broker, survives its restart
                    ctx.Headers.Set(PlatformHeaders.FeedPosition, position);
                    ctx.Headers.Set(PlatformMessageHeaders.StreamId, streamId.ToString());
                    if (correlationId is not null) ctx.Headers.Set(PlatformHeaders.CorrelationId, correlationId);
                }, ct);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogPublishFailed(logger, ex, message.GetType().Name, position, attempt);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Publishing {EventType} at position {Position} failed (attempt {Attempt}); retrying")]
    private static partial void LogPublishFailed(ILogger logger, Exception ex, string eventType, long position, int attempt);
}
