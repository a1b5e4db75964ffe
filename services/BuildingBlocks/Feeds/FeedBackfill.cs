using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Http;
using Platform.Contracts;

namespace Platform.BuildingBlocks.Feeds;

public sealed class FeedBackfillOptions
{
    /// <summary>How often to catch up with the other service's change feed.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>How far this service has read another service's change feed (id = that service's name).</summary>
public sealed record FeedCursor(string Id, long Position);

/// <summary>
/// RabbitMQ delivers only to queues that exist: events another service published before this one
/// first started (or while its queue was deleted) never reach it. A backfill reads that service's
/// HTTP change feed (<c>/api/{source}/feed</c>) from a stored cursor and applies the same idempotent
/// changes as the RabbitMQ consumer, so a new or restored service catches up, and a gap (or an
/// update lost to a race between replicas) is repaired on the next round. The cursor is saved in the
/// same transaction as the changes it covers.
/// </summary>
public abstract partial class FeedBackfill(string source, IHttpClientFactory httpClients, IDocumentStore store,
    IOptionsMonitor<FeedBackfillOptions> options, ILogger logger) : BackgroundService
{
    public static string HttpClientNameFor(string source) => $"{source}-feed";

    private static readonly Counter<long> Applied = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.feed_backfill.applied", "{change}",
        "Changes a service caught up from another service's change feed (events RabbitMQ had not brought), by source");
    private static readonly Counter<long> Rounds = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.feed_backfill.rounds", "{round}", "Catch-up rounds with another service's change feed, by source and result (caught-up, repaired, failed)");

    /// <summary>The integration events this backfill applies; other items of the feed are skipped.</summary>
    protected abstract IReadOnlyCollection<Type> Contracts { get; }

    /// <summary>Applies one change as part of the page's command: copies are kept with <see cref="StreamsForWriting.Store{T}"/>,
    /// anything that follows from them is <paramref name="sofar"/> and more. Null when the change was already applied.</summary>
    protected abstract Task<Decision?> ApplyAsync(StreamsForWriting streams, IIntegrationEvent message, Decision sofar, CancellationToken ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Get(source).Interval, TimeProvider.System, RoundAsync, ex => LogRoundFailed(logger, source, ex), stoppingToken);

    private async Task RoundAsync(CancellationToken ct)
    {
        int applied;
        try
        {
            applied = await CatchUpAsync(ct);
        }
        catch
        {
            Rounds.Add(1, new("platform.source", source), new("platform.result", "failed"));
            throw;
        }
        Rounds.Add(1, new("platform.source", source), new("platform.result", applied > 0 ? "repaired" : "caught-up"));
        if (applied > 0) LogCaughtUp(logger, source, applied);
    }

    /// <summary>Reads the feed from the cursor to the source's high-water mark; returns how many changes applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        var contracts = Contracts.ToDictionary(IntegrationEventNames.EventName);
        var http = httpClients.CreateClient(HttpClientNameFor(source));
        var applied = 0;
        while (true)
        {
            FeedCursor cursor;
            await using (var query = store.QuerySession()) cursor = await query.LoadAsync<FeedCursor>(source, ct) ?? new FeedCursor(source, 0);
            using var response = await http.GetAsync($"/api/{source}/feed?after={cursor.Position}&limit=500", ct);
            if (response.StatusCode == HttpStatusCode.Gone)
                throw new InvalidOperationException($"The {source} service no longer keeps feed position {cursor.Position}; re-sync this service from its snapshot.");
            response.EnsureSuccessStatusCode();
            // The feed's own page shape; each entry's Data arrives as a JsonElement, read as its contract below.
            var page = await response.Content.ReadFromJsonAsync<ChangeFeedPage>(JsonSerializerOptions.Web, ct)
                ?? throw new InvalidOperationException("Empty feed page");

            // The page is one command: its copies, what follows from them and the cursor commit together. Identity map:
            // a page may create a thing and then change it, and the second change must see the first before anything is saved.
            var pageApplied = 0;
            var messages = page.Items
                .Select(item => contracts.TryGetValue(item.Type, out var type) ? ((JsonElement)item.Data).Deserialize(type, JsonSerializerOptions.Web) as IIntegrationEvent : null)
                .OfType<IIntegrationEvent>().ToList();
            var caughtUp = page.NextAfter == cursor.Position;
            // Stamped as the backfill: a service's own reactions (Reporting's obligations) may append events here.
            await CommandRunner.RunAsync(() => SystemActor.Stamp(store.IdentitySession(), $"job:{source}-feed-backfill"), async streams =>
            {
                pageApplied = 0;
                var decision = Decision.Nothing;
                foreach (var message in messages)
                    if (await ApplyAsync(streams, message, decision, ct) is { } next)
                    {
                        decision = next;
                        pageApplied++;
                    }
                if (!caughtUp) streams.Store(cursor with { Position = page.NextAfter });
                return decision;
            }, ct,
            // A page that repairs something is real work and gets a trace of its own (its save); reading a
            // feed with nothing new is polling and is not traced (BackgroundPollingSampler).
            aroundCommit: _ => pageApplied > 0 ? StartRepairActivity(source, cursor.Position, pageApplied) : null);
            applied += pageApplied;
            if (pageApplied > 0) Applied.Add(pageApplied, new KeyValuePair<string, object?>("platform.source", source));
            if (caughtUp) return applied;
            if (page.NextAfter >= page.HighWaterMark) return applied;
        }
    }

    private static Activity? StartRepairActivity(string source, long after, int applied)
    {
        Activity.Current = null; // a root of its own, not a child of the unsampled poll
        var activity = PlatformTelemetry.ActivitySource.StartActivity($"catch up {source} feed");
        activity?.SetTag("platform.feed_position", after);
        activity?.SetTag("platform.applied", applied);
        return activity;
    }

    [LoggerMessage(LogLevel.Information, "Caught up with the {Source} service's change feed: {Applied} changes applied")]
    private static partial void LogCaughtUp(ILogger logger, string source, int applied);

    [LoggerMessage(LogLevel.Warning, "Reading the {Source} service's change feed failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, string source, Exception ex);
}

public static class FeedBackfillSetup
{
    /// <summary>
    /// Runs <typeparamref name="TBackfill"/> when the source service's address is configured the way
    /// Aspire passes it (<c>services:{source}:http:0</c>); its interval is read from
    /// <c>{Source}:FeedBackfill</c> (e.g. <c>Registry:FeedBackfill:Interval</c>). The feed needs this
    /// service's own token (role external-system), added by <see cref="ServiceTokenHandler"/>.
    /// </summary>
    public static IHostApplicationBuilder AddFeedBackfill<TBackfill>(this IHostApplicationBuilder builder, string source) where TBackfill : FeedBackfill
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"services:{source}:http:0"])) return builder;
        builder.Services.Configure<FeedBackfillOptions>(source, builder.Configuration.GetSection($"{char.ToUpperInvariant(source[0])}{source[1..]}:FeedBackfill"));
        // Background work: longer timeouts than a user's request, and its timeouts are warnings (HttpClientWork.Background).
        builder.Services.AddHttpClient(FeedBackfill.HttpClientNameFor(source), c => c.BaseAddress = new Uri($"http://{source}"))
            .AddOwnResilience(HttpClientWork.Background)
            .AddHttpMessageHandler<ServiceTokenHandler>();
        builder.Services.AddSingleton<TBackfill>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TBackfill>());
        return builder;
    }
}
