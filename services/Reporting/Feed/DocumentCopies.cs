using Marten;

namespace Platform.Reporting.Feed;

/// <summary>
/// How Reporting's consumers keep copies of other services' facts. Replicas may handle two events of
/// one thing at once: the first insert wins by key and later updates are checked by the document's
/// version (the document types use optimistic concurrency), so the loser fails, MassTransit retries
/// it, and it applies on top of the winner. <paramref name="apply"/> returns null when the event
/// changes nothing (a redelivery or an older event).
/// </summary>
public static class DocumentCopies
{
    public static async Task ApplyAsync<T>(IDocumentSession session, Guid id, Func<T?, T?> apply, CancellationToken ct) where T : class
    {
        var known = await session.LoadAsync<T>(id, ct);
        if (apply(known) is not { } changed) return;
        if (known is null) session.Insert(changed);
        else session.Update(changed);
        await session.SaveChangesAsync(ct);
    }
}
