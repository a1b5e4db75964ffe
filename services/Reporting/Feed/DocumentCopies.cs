using Marten;

namespace Platform.Reporting.Feed;

/// <summary>
/// How Reporting keeps copies of other services' facts, from RabbitMQ and from their change feeds
/// alike. <paramref name="apply"/> returns null when the event changes nothing (a redelivery or an
/// older event), so applying twice is harmless. Consumers take one message at a time per replica; a
/// rare race between replicas that loses an update is repaired by the feed backfill's next round,
/// which applies every event again.
/// </summary>
public static class DocumentCopies
{
    /// <summary>Stages the change in the session (the caller saves); false when nothing changed.</summary>
    public static async Task<bool> StageAsync<T>(IDocumentSession session, Guid id, Func<T?, T?> apply, CancellationToken ct) where T : class
    {
        if (apply(await session.LoadAsync<T>(id, ct)) is not { } changed) return false;
        session.Store(changed);
        return true;
    }
}
