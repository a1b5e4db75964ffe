using JasperFx.Events;
using Marten;

namespace Platform.Testing;

/// <summary>Every event a service stored, read back with its audit trail, for "none without who and why" checks.</summary>
public static class EventAudit
{
    // The headers AuditedSessionFactory and SystemActor write (BuildingBlocks is not referenced from here).
    public sealed record Trail(long Sequence, string Type, string? Actor, string? Role, string? ActingFor, string? CorrelationId)
    {
        public bool Complete => !string.IsNullOrWhiteSpace(Actor) && !string.IsNullOrWhiteSpace(Role)
            && !string.IsNullOrWhiteSpace(ActingFor) && !string.IsNullOrWhiteSpace(CorrelationId);
    }

    /// <summary>The trail of every event in the store (Marten's own tombstones left out: no one appended them).</summary>
    public static async Task<IReadOnlyList<Trail>> TrailsAsync(this IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").OrderBy(e => e.Sequence).ToListAsync();
        return events.Select(Of).ToList();
    }

    private static Trail Of(IEvent e) => new(e.Sequence, e.EventTypeName, e.UserName,
        Header(e, "user-role"), Header(e, "acting-for"), e.CorrelationId);

    private static string? Header(IEvent e, string name) => e.Headers?.TryGetValue(name, out var value) == true ? value?.ToString() : null;
}
