using JasperFx.Events;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts.Api;

namespace Platform.BuildingBlocks.Http;

/// <summary>A stream's events as the <see cref="TimelineEntry"/>s every detail answer carries.</summary>
public static class Timeline
{
    public static TimelineEntry Entry(IEvent e) => new(e.Version, e.EventTypeName, e.Timestamp, e.UserName,
        e.GetHeader(AuditedSessionFactory.RoleHeader)?.ToString(), e.GetHeader(AuditedSessionFactory.ActingForHeader)?.ToString(), e.CorrelationId, e.Data);

    public static IReadOnlyList<TimelineEntry> Of(IEnumerable<IEvent> events) => events.Select(Entry).ToList();
}
