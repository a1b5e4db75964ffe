using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;

namespace Platform.BuildingBlocks.Feeds;

/// <summary>How one kind of copy changes with an integration event: the copy is kept with the command (saved when it
/// commits); false when the event changes nothing.</summary>
public delegate Task<bool> CopyChange(StreamsForWriting streams, IIntegrationEvent message, CancellationToken ct);

/// <summary>
/// How a service keeps copies of other services' facts, from RabbitMQ and from their change feeds alike. Each copy is
/// keyed by the other service's id and <c>apply</c> returns null when an event changes nothing (a redelivery, an older
/// event), so applying twice is harmless; events of one stream may arrive in any order, each filling in what it knows.
/// A rare race between replicas that loses an update is repaired by the feed backfill's next round, which applies every
/// event again.
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

    /// <summary>A consumer's message: nothing follows from it but the copy, committed alone or with the copies of the
    /// queue's other messages waiting meanwhile (<see cref="CopyBatch{TConsumer}"/>). Recorded as the consumer's queue (SystemActor).</summary>
    public static Task RunAsync<TConsumer>(CopyBatch<TConsumer> batch, IIntegrationEvent message, CopyChange change, CancellationToken ct)
        where TConsumer : class =>
        batch.RunAsync(streams => change(streams, message, ct), ct);
}

/// <summary>Catches up copies from another service's change feed with the same change its RabbitMQ consumer applies.</summary>
public abstract class DocumentCopyBackfill(string source, IReadOnlyCollection<Type> contracts, CopyChange change, IHttpClientFactory httpClients,
    IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger logger) : FeedBackfill(source, httpClients, store, options, logger)
{
    protected override IReadOnlyCollection<Type> Contracts => contracts;

    protected override async Task<Decision?> ApplyAsync(StreamsForWriting streams, IIntegrationEvent message, Decision sofar, CancellationToken ct) =>
        await change(streams, message, ct) ? (Decision?)sofar : null;
}
