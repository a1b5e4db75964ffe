using Platform.BuildingBlocks.Commands;

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
    /// <summary>Keeps the changed copy with the command (saved when it commits); false when nothing changed.</summary>
    public static async Task<bool> StageAsync<T>(StreamsForWriting streams, Guid id, Func<T?, T?> apply, CancellationToken ct) where T : class
    {
        if (apply(await streams.Query.LoadAsync<T>(id, ct)) is not { } changed) return false;
        streams.Store(changed);
        return true;
    }

    /// <summary>A copy as one command of its own (a consumer's message): nothing follows from it but the copy.</summary>
    public static Task RunAsync(Marten.ISessionFactory sessions, Func<StreamsForWriting, Task<bool>> stage, CancellationToken ct) =>
        CommandRunner.RunAsync(sessions.OpenSession, async streams =>
        {
            await stage(streams);
            return Platform.BuildingBlocks.Domain.Decision.Nothing;
        }, ct);
}
