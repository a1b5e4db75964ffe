using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;

namespace Platform.Meetings.ComplianceLink;

/// <summary>
/// How Meetings keeps its copies of other services' facts for the agreements' compliance, from RabbitMQ and from
/// their change feeds alike. Each copy is keyed by the other service's id (a submission, a sharing request) and
/// <c>apply</c> returns null when an event changes nothing, so a redelivery or a replay counts nothing twice.
/// Events of one stream may arrive in any order (the obligation after its submission): each fills in what it knows.
/// </summary>
public static class ComplianceCopies
{
    /// <summary>Keeps the changed copy with the command (saved when it commits); false when nothing changed.</summary>
    public static async Task<bool> StageAsync<T>(StreamsForWriting streams, Guid id, Func<T?, T?> apply, CancellationToken ct) where T : class
    {
        if (apply(await streams.Query.LoadAsync<T>(id, ct)) is not { } changed) return false;
        streams.Store(changed);
        return true;
    }

    /// <summary>A consumer's message as one command of its own: nothing follows from it but the copy. Recorded as the
    /// consumer's queue (SystemActor) by the session factory.</summary>
    public static Task RunAsync(ISessionFactory sessions, Func<StreamsForWriting, Task<bool>> stage, CancellationToken ct) =>
        CommandRunner.RunAsync(sessions.OpenSession, async streams =>
        {
            await stage(streams);
            return Decision.Nothing;
        }, ct);
}
