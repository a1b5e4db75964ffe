using System.Diagnostics;
using System.Diagnostics.Metrics;
using JasperFx.Events;
using Platform.Contracts;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.EventStore;

/// <summary>
/// Publishes integration events to RabbitMQ from events already committed to the store (a Marten
/// subscription run by the async daemon). Marten records how far it got only after a page is
/// processed, so a crash between commit and publish re-publishes instead of losing: delivery is
/// at least once, in store order, and consumers de-duplicate by event id.
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
        foreach (var committed in page.Events)
        {
            if (mapper.Map(committed) is not { } message) continue;
            // Continue the trace of the request that appended the event, so one trace runs from the
            // HTTP call through this publish to the consumers' updates.
            using var activity = PlatformTelemetry.ActivitySource.StartActivity($"forward {IntegrationEventNames.EventName(message.GetType())}",
                ActivityKind.Producer, ParentOf(committed));
            activity?.SetTag("platform.feed_position", committed.Sequence);
            await PublishUntilAcceptedAsync(message, committed.Sequence, committed.CorrelationId, ct);
            Published.Add(1, new KeyValuePair<string, object?>("event", message.GetType().Name));
        }
        return NullChangeListener.Instance;
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
    private async Task PublishUntilAcceptedAsync(IIntegrationEvent message, long position, string? correlationId, CancellationToken ct)
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
                    ctx.Headers.Set(PlatformHeaders.FeedPosition, position);
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
