using JasperFx.Events;
using Platform.BuildingBlocks.EventStore;

namespace Platform.BuildingBlocks.Http;

/// <summary>One event of a stream's timeline with its audit trail: who (token subject), in which role, for whom,
/// and the correlation (trace) id. Every service's detail answers carry their history in this one shape.</summary>
public sealed record TimelineEntry(long Version, string Event, DateTimeOffset OccurredAt, string? UserName, string? Role, string? ActingFor,
    string? CorrelationId, object? Data)
{
    public static TimelineEntry From(IEvent e) => new(e.Version, e.EventTypeName, e.Timestamp, e.UserName,
        e.GetHeader(AuditedSessionFactory.RoleHeader)?.ToString(), e.GetHeader(AuditedSessionFactory.ActingForHeader)?.ToString(), e.CorrelationId, e.Data);

    public static IReadOnlyList<TimelineEntry> Of(IEnumerable<IEvent> events) => events.Select(From).ToList();
}

/// <summary>One page of a list: the items, how many there are in all, and which page this is.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);
