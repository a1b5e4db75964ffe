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
        "platform.integration_events.published", "{event}", "Integration events published to RabbitMQ (confirmed by the broker)");
    private static readonly Histogram<double> Delay = PlatformTelemetry.Meter.CreateHistogram<double>(
        "platform.forwarder.delay", "s", "Seconds from an event's commit to the broker's confirm of its integration event: how far behind the forwarder runs");

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
        // HTTP call through this publish to the consumers' updates. An event appended outside any
        // trace (a job, a seed) starts one of its own here, not a child of the daemon's unsampled page.
        var parent = ParentOf(committed);
        if (parent == default) Activity.Current = null;
        using var activity = PlatformTelemetry.ActivitySource.StartActivity($"forward {IntegrationEventNames.EventName(message.GetType())}",
            ActivityKind.Producer, parent);
        activity?.SetTag("platform.feed_position", committed.Sequence);
        await PublishUntilAcceptedAsync(message, committed.Sequence, committed.StreamId, committed.CorrelationId, ct);
        var tag = new KeyValuePair<string, object?>("event", message.GetType().Name);
        Published.Add(1, tag);
        Delay.Record(Math.Max(0, (DateTimeOffset.UtcNow - committed.Timestamp).TotalSeconds), tag);
    }

    private static ActivityContext ParentOf(IEvent committed) =>
        committed.Headers?.TryGetValue(AuditedSessionFactory.TraceParentHeader, out var value) == true
        && ActivityContext.TryParse(value?.ToString(), null, out var parent) ? parent : default;

    /// <summary>How long one publish may wait for the broker's confirm. A broker killed while a publish
    /// awaits its confirm leaves that wait pending for ever (seen: MassTransit 8.5 on RabbitMQ.Client 7,
    /// the forwarder stalled for good at the event in flight), so an unconfirmed publish counts as failed
    /// and is sent again: a duplicate at worst, which consumers ignore by event id.</summary>
    public static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    // A broker outage must stall the forwarder, never make the daemon skip the page: keep trying
    // with a capped back-off until the broker confirms or the host shuts down.
    private async Task PublishUntilAcceptedAsync(IIntegrationEvent message, long position, Guid streamId, string? correlationId, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var unconfirmed = CancellationTokenSource.CreateLinkedTokenSource(ct);
                unconfirmed.CancelAfter(ConfirmTimeout);
                await bus.Publish(message, message.GetType(), ctx =>
                {
                    ctx.MessageId = message.EventId;
                    ctx.Durable = true; // persistent: written to disk by the broker, survives its restart
                    ctx.Headers.Set(PlatformHeaders.FeedPosition, position);
                    ctx.Headers.Set(PlatformMessageHeaders.StreamId, streamId.ToString());
                    if (correlationId is not null) ctx.Headers.Set(PlatformHeaders.CorrelationId, correlationId);
                }, unconfirmed.Token).WaitAsync(ConfirmTimeout, ct); // also when the publish ignores its token
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
