using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;

namespace Platform.BuildingBlocks.Http;

/// <summary>One integration event in the HTTP change feed.</summary>
/// <param name="Position">Marten's global sequence of the event; pass the last one you processed as <c>after</c>.</param>
/// <param name="Type">Contract name with version, e.g. <c>enterprise-registered.v1</c>.</param>
/// <param name="Data">The integration event itself, exactly as published to RabbitMQ.</param>
public sealed record ChangeFeedEntry(long Position, string Type, object Data); // object: serialised by its runtime type, every field

/// <param name="Items">Events after the requested position, in store order.</param>
/// <param name="NextAfter">Pass this as <c>after</c> on the next call (it may pass positions of internal events).</param>
/// <param name="HighWaterMark">The highest position the feed can serve now; caught up when NextAfter reaches it.</param>
public sealed record ChangeFeedPage(IReadOnlyList<ChangeFeedEntry> Items, long NextAfter, long HighWaterMark);

/// <summary>
/// The change feed for systems that cannot use AMQP: integration events in the order of Marten's
/// global sequence. It serves only up to the async daemon's high-water mark, below which no
/// still-open transaction can commit an event, so a reader resuming from a position never skips one.
/// </summary>
public static class ChangeFeed
{
    public const int MaxLimit = 1000;

    public static RouteHandlerBuilder MapChangeFeed(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, ReadAsync)
            .WithSummary("Integration events after a position, in commit order (resumable change feed).")
            .Produces<ChangeFeedPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);

    private static async Task<IResult> ReadAsync(
        IQuerySession session, IDocumentStore store, IIntegrationEventMapper mapper, IOptions<ChangeFeedRetentionOptions> retentionOptions, CancellationToken ct,
        long after = 0, int limit = 100)
    {
        var errors = new FieldErrors()
            .When(after < 0, "after", "must be zero or a position returned by the feed")
            .When(limit is < 1 or > MaxLimit, "limit", $"must be between 1 and {MaxLimit}");
        if (errors.Any) return Problems.From(errors.ToRejection());

        var retention = await session.LoadAsync<ChangeFeedRetention>(ChangeFeedRetention.SingletonId, ct);
        if (retention is not null && after < retention.PurgedThrough)
        {
            var snapshot = retentionOptions.Value.Snapshot;
            return Results.Problem(
                $"Positions up to {retention.PurgedThrough} are no longer kept. " + (snapshot is null
                    ? "This service has no snapshot: re-sync from its APIs, then continue from the oldest available position."
                    : $"Download the snapshot ({snapshot}) and continue from its X-Feed-Position."),
                statusCode: StatusCodes.Status410Gone, type: Problems.TypeBase + "feed-position-gone", title: "Position no longer available.",
                extensions: new Dictionary<string, object?> { ["code"] = "feed-position-gone", ["oldestAvailableAfter"] = retention.PurgedThrough, ["snapshot"] = snapshot });
        }

        var highWaterMark = await HighWaterMarkAsync(store, ct);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= highWaterMark)
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(ct);

        var items = events
            .Select(e => mapper.Map(e) is { } data ? new ChangeFeedEntry(e.Sequence, IntegrationEventNames.EventName(data.GetType()), data) : null)
            .OfType<ChangeFeedEntry>()
            .ToList();
        // A short page means everything up to the high-water mark was scanned (gaps included).
        var nextAfter = events.Count < limit ? Math.Max(after, highWaterMark) : events[^1].Sequence;
        return Results.Ok(new ChangeFeedPage(items, nextAfter, highWaterMark));
    }

    public static async Task<long> HighWaterMarkAsync(IDocumentStore store, CancellationToken ct)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        return progress.FirstOrDefault(p => p.ShardName == "HighWaterMark")?.Sequence ?? 0;
    }
}
