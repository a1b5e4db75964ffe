using Marten;

namespace Platform.Testing;

public static class EventCounts
{
    /// <summary>How many domain events the store holds, for "a refusal appends nothing" checks. Marten fills
    /// the sequence numbers a failed transaction used with "tombstone" events of its own; those are not
    /// the service's events, so they are not counted.</summary>
    public static async Task<long> DomainEventCountAsync(this IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").CountAsync();
    }
}
