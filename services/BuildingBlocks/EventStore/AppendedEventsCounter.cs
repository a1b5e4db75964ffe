using System.Diagnostics.Metrics;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Hosting;

namespace Platform.BuildingBlocks.EventStore;

/// <summary><c>platform.events.appended</c>: events committed to the store, by event type, counted after
/// the commit (a rolled-back or conflicting append counts nothing).</summary>
public sealed class AppendedEventsCounter : DocumentSessionListenerBase
{
    public const string EventTypeTag = "platform.event_type";

    private static readonly Counter<long> Appended = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.events.appended", "{event}", "Events committed to the service's event store, by event type");

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var group in commit.GetEvents().GroupBy(e => e.EventTypeName))
            Appended.Add(group.Count(), new KeyValuePair<string, object?>(EventTypeTag, group.Key));
        return Task.CompletedTask;
    }
}
