using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Enterprises;

public sealed class RegistryFeedBackfillOptions
{
    /// <summary>How often to catch up with the Registry's change feed.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>How far this service has read the Registry's change feed.</summary>
public sealed record FeedCursor(string Id, long Position);

/// <summary>
/// RabbitMQ delivers only to queues that exist: events the Registry published before this service
/// first started (or while its queue was deleted) never reach it. This job reads the Registry's
/// HTTP change feed from a stored cursor and applies the same idempotent changes as the consumer,
/// so a new or restored service catches up, and any gap is repaired on the next round. The cursor
/// is saved in the same transaction as the changes it covers.
/// </summary>
public sealed partial class RegistryFeedBackfill(
    IHttpClientFactory httpClients, IDocumentStore store, IOptions<RegistryFeedBackfillOptions> options, ILogger<RegistryFeedBackfill> logger)
    : BackgroundService
{
    public const string HttpClientName = "registry-feed";
    private const string CursorId = "registry";

    private static readonly Dictionary<string, Type> Contracts = new[]
    {
        typeof(EnterpriseRegisteredV1), typeof(EnterpriseDetailsAmendedV1), typeof(EnterpriseSuspendedV1),
        typeof(EnterpriseReinstatedV1), typeof(EnterpriseCeasedV1),
    }.ToDictionary(IntegrationEventNames.EventName);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Value.Interval, TimeProvider.System, RoundAsync, ex => LogRoundFailed(logger, ex), stoppingToken);

    private async Task RoundAsync(CancellationToken ct)
    {
        var applied = await CatchUpAsync(ct);
        if (applied > 0) LogCaughtUp(logger, applied);
    }

    /// <summary>Reads the feed from the cursor to the Registry's high-water mark; returns how many changes applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var applied = 0;
        while (true)
        {
            // Identity map: a page may register an enterprise and then suspend it, and the second change
            // must see the first before anything is saved.
            await using var session = store.IdentitySession();
            var cursor = await session.LoadAsync<FeedCursor>(CursorId, ct) ?? new FeedCursor(CursorId, 0);
            using var response = await http.GetAsync($"/api/registry/feed?after={cursor.Position}&limit=500", ct);
            if (response.StatusCode == HttpStatusCode.Gone)
                throw new InvalidOperationException($"The Registry no longer keeps feed position {cursor.Position}; re-sync this service from its snapshot.");
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<FeedPage>(JsonSerializerOptions.Web, ct)
                ?? throw new InvalidOperationException("Empty feed page");

            foreach (var item in page.Items)
                if (Contracts.TryGetValue(item.Type, out var type)
                    && item.Data.Deserialize(type, JsonSerializerOptions.Web) is IIntegrationEvent message
                    && await KnownEnterpriseChanges.ApplyAsync(session, message, ct))
                    applied++;
            if (page.NextAfter == cursor.Position) return applied;
            session.Store(cursor with { Position = page.NextAfter });
            await session.SaveChangesAsync(ct);
            if (page.NextAfter >= page.HighWaterMark) return applied;
        }
    }

    private sealed record FeedItem(long Position, string Type, JsonElement Data);
    private sealed record FeedPage(List<FeedItem> Items, long NextAfter, long HighWaterMark);

    [LoggerMessage(LogLevel.Information, "Caught up with the Registry's change feed: {Applied} changes applied")]
    private static partial void LogCaughtUp(ILogger logger, int applied);

    [LoggerMessage(LogLevel.Warning, "Reading the Registry's change feed failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}
