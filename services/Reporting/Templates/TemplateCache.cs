using Marten;
using Marten.Services;
using Npgsql;

namespace Platform.Reporting.Templates;

/// <summary>
/// The store's templates kept in memory. Every registration (its obligations) and every draft or submission (its
/// validation) reads them, while a manager publishes a version a few times a year: loading and deserialising them each
/// time was Reporting's largest read. The store stays the truth: a catalogue is used only while this replica listens on
/// <see cref="Channel"/>, on which every commit that publishes a version notifies every replica (<see cref="TemplatePublishedNotifier"/>,
/// in the publishing transaction, so only once committed); a notification, this replica's own publication (after its commit,
/// before the answer) or a lost listening connection discards the catalogue, and the next read loads the store again. A
/// catalogue loaded while one of those happened is not kept. Another replica's version is seen once its notification arrives
/// (milliseconds): a command already under way on it meanwhile is decided as it would have been had it started just before
/// the publication (the same race as without the cache). <see cref="MaxAge"/> bounds how long a catalogue is kept anyway.
/// </summary>
public sealed class TemplateCache(TimeProvider clock)
{
    public const string Channel = "reporting_templates";

    /// <summary>A catalogue is loaded again after this long even without a notification (a safety net, not the mechanism).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private sealed record Entry(TemplateCatalog Catalog, long Generation, long LoadedAt);

    private long _generation;
    private volatile bool _listening;
    private Entry? _entry;

    /// <summary>The templates as the store holds them: from memory while that is known to be current, else from <paramref name="session"/>.</summary>
    public async ValueTask<TemplateCatalog> CatalogAsync(IQuerySession session, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var listening = _listening;
        if (listening && Volatile.Read(ref _entry) is { } entry && entry.Generation == generation
            && clock.GetElapsedTime(entry.LoadedAt) < MaxAge)
            return entry.Catalog;
        var loadedAt = clock.GetTimestamp();
        var catalog = await TemplateCatalog.LoadAsync(session, ct);
        // Kept only under the generation read before loading: anything that changed meanwhile has moved it on.
        if (listening) Volatile.Write(ref _entry, new Entry(catalog, generation, loadedAt));
        return catalog;
    }

    public async ValueTask<TemplateSeries?> SeriesAsync(IQuerySession session, string code, CancellationToken ct) =>
        (await CatalogAsync(session, ct)).Find(code);

    /// <summary>A version was published (here, or another replica's notification): the next read loads the store.</summary>
    public void Discard() => Interlocked.Increment(ref _generation);

    /// <summary>Whether this replica hears the notifications (<see cref="TemplateChangeListener"/> sets it); a catalogue from before
    /// a change of either kind is not used, and none is kept while it does not.</summary>
    public bool IsListening => _listening;

    public void SetListening(bool listening)
    {
        _listening = listening;
        Discard();
    }
}

/// <summary>Every commit that publishes a template version notifies <see cref="TemplateCache.Channel"/> in the same transaction
/// (PostgreSQL delivers it only once committed), whichever process wrote it: every replica's cache then discards its catalogue.</summary>
public sealed class TemplatePublishedNotifier : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (PublishesTemplate(session.PendingChanges.Streams().SelectMany(s => s.Events)))
            session.QueueSqlCommand("select pg_notify(?, '')", TemplateCache.Channel);
        return Task.CompletedTask;
    }

    internal static bool PublishesTemplate(IEnumerable<JasperFx.Events.IEvent> events) => events.Any(e => e.Data is TemplateVersionPublished);
}

/// <summary>This replica's own publications discard its catalogue once committed, before the command answers (its notification
/// would arrive a moment later).</summary>
public sealed class TemplateCacheDiscard(TemplateCache cache) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (TemplatePublishedNotifier.PublishesTemplate(commit.GetEvents())) cache.Discard();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Listens on <see cref="TemplateCache.Channel"/> on a connection of its own (not pooled: LISTEN belongs to the connection) and
/// discards the catalogue at each notification. While the connection is down the cache keeps nothing, so every read goes to
/// the store, as before the cache; it connects again after <see cref="RetryAfter"/>.
/// </summary>
public sealed partial class TemplateChangeListener(TemplateCache cache, IConfiguration configuration, ILogger<TemplateChangeListener> logger) : BackgroundService
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("reportingdb"))
        {
            Pooling = false,
            KeepAlive = 15, // a silently dropped connection is noticed (and the cache stops keeping) within seconds
            ApplicationName = "reporting-template-listener",
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => cache.Discard();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {TemplateCache.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.SetListening(true);
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception ex)
            {
                cache.SetListening(false);
                LogListenFailed(logger, ex);
                try { await Task.Delay(RetryAfter, stoppingToken); } catch (OperationCanceledException) { }
            }
            finally { cache.SetListening(false); }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Report templates: listening for published versions failed; reading them from the store until it listens again")]
    private static partial void LogListenFailed(ILogger logger, Exception ex);
}
