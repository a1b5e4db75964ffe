using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Services;
using Npgsql;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.EventStore;
using Platform.Reporting;
using Platform.Reporting.Obligations;
using Platform.Reporting.Templates;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Reporting.Tests.Api;

/// <summary>The template cache against a real PostgreSQL store configured as the service's: it reads the store once while it
/// listens, again after a publication of its own replica, and every time while it does not listen.</summary>
public class TemplateCacheTests(TestServers servers)
{
    [Fact]
    public async Task A_listening_cache_reads_the_templates_once_and_again_after_its_own_replica_publishes()
    {
        await WithStoreAsync(async (store, cache, sql) =>
        {
            await TemplatePublishing.PublishAsync(store, "cache-own", "2026-01", "users");
            cache.SetListening(true);
            Assert.Equal(1, (await CatalogAsync(store, cache)).Find("cache-own")!.Latest.Version);
            sql.Clear();
            Assert.Equal(1, (await CatalogAsync(store, cache)).Find("cache-own")!.Latest.Version);
            Assert.DoesNotContain(sql.Statements, s => s.Contains("mt_doc_templateseries", StringComparison.Ordinal)); // from memory

            await TemplatePublishing.PublishAsync(store, "cache-own", "2026-03", "users", "computers");
            var after = (await CatalogAsync(store, cache)).Find("cache-own")!;
            Assert.Equal(2, after.Latest.Version); // discarded at the commit, before the command answered
            Assert.Equal(["users", "computers"], after.Latest.Indicators.Select(i => i.Code));
        });
    }

    [Fact]
    public async Task A_cache_that_does_not_listen_reads_the_store_every_time()
    {
        await WithStoreAsync(async (store, cache, sql) =>
        {
            await TemplatePublishing.PublishAsync(store, "cache-deaf", "2026-01", "users");
            cache.SetListening(true);
            await CatalogAsync(store, cache);
            cache.SetListening(false); // the listening connection dropped: another replica's notification would be missed
            sql.Clear();
            await CatalogAsync(store, cache);
            await CatalogAsync(store, cache);
            Assert.Equal(2, sql.Statements.Count(s => s.Contains("mt_doc_templateseries", StringComparison.Ordinal)));
        });
    }

    private static async Task<TemplateCatalog> CatalogAsync(IDocumentStore store, TemplateCache cache)
    {
        await using var session = store.QuerySession();
        return await cache.CatalogAsync(session, TestContext.Current.CancellationToken);
    }

    private async Task WithStoreAsync(Func<IDocumentStore, TemplateCache, StatementLog, Task> test)
    {
        var database = await servers.CreateDatabaseAsync("templatecache");
        try
        {
            var sql = new StatementLog();
            var cache = new TemplateCache(TimeProvider.System);
            await using var store = DocumentStore.For(opts =>
            {
                EventStoreSetup.ConfigureStore(opts, database, ReportingStore.Schema);
                ReportingStore.Configure(opts);
                opts.Listeners.Add(new TemplateCacheDiscard(cache)); // as the service adds it
                opts.Logger(sql);
            });
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await test(store, cache, sql);
        }
        finally
        {
            await servers.DropDatabaseAsync(database);
        }
    }
}

/// <summary>
/// Two replicas of Reporting on one store: a template version the other one publishes (here: a second store on the service's
/// database, configured as the service's) reaches this replica's cache through PostgreSQL's notification, so the next form
/// and validation use it, long before the cache's safety age.
/// </summary>
public class TemplateCacheReplicaTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    [Fact]
    public async Task A_version_published_by_another_replica_is_used_by_the_next_command_here()
    {
        var ct = TestContext.Current.CancellationToken;
        var cache = host.Services.GetService(typeof(TemplateCache)) as TemplateCache ?? throw new InvalidOperationException("no template cache");
        await Eventually.Until(() => Task.FromResult(cache.IsListening), listening => listening, what: "template cache listening");
        var vietnamNow = host.Clock.GetUtcNow().UtcDateTime.AddHours(7);
        string Month(int offset) => vietnamNow.AddMonths(offset).ToString("yyyy-MM");

        var manager = host.CreateClient();
        await (await manager.PostAsJsonAsync("/api/reporting/templates/cache-replica/versions", TemplatePublishing.Request(Month(-2), "users"))).ExpectAsync(HttpStatusCode.Created);
        var agent = await host.OperatorAsync("Đại lý Internet Bộ Nhớ", monthsAgo: 0, kind: "public-internet-agent");
        var url = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(agent, "cache-replica", Month(0))}";
        var representative = host.CreateClientAs(Representative, agent);
        async Task<int> FormVersionAsync() => (await (await representative.GetAsync(url, ct)).ExpectAsync(HttpStatusCode.OK)).GetProperty("template").GetProperty("version").GetInt32();
        await Eventually.Until(async () => (await representative.GetAsync(url, ct)).StatusCode, s => s == HttpStatusCode.OK, what: "obligation opened");
        Assert.Equal(1, await FormVersionAsync());
        Assert.Equal(1, await FormVersionAsync()); // kept in memory now

        await using (var otherReplica = DocumentStore.For(opts =>
                     {
                         EventStoreSetup.ConfigureStore(opts, host.DatabaseConnectionString, ReportingStore.Schema);
                         ReportingStore.Configure(opts);
                     }))
            await TemplatePublishing.PublishAsync(otherReplica, "cache-replica", Month(0), "users", "computers");

        // Seen within seconds (the cache's own safety age is a minute): this month's untouched report now asks for the new field.
        await Eventually.Until(FormVersionAsync, v => v == 2, TimeSpan.FromSeconds(10), "the other replica's version used here");
        var refused = await (await representative.PostAsJsonAsync($"{url}/submission",
            new { values = new Dictionary<string, decimal> { ["users"] = 10 }, signerName = "Phạm Thị Lan", signerTitle = "Chủ đại lý" }, ct)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["computers"], refused.FieldErrors());
    }
}

internal static class TemplatePublishing
{
    public static TemplateVersionRequest Request(string effectiveFrom, params string[] fields) => new(
        "Báo cáo thử bộ nhớ đệm mẫu", null, "monthly", ["public-internet-agent"], effectiveFrom, null, "Thử nghiệm",
        fields.Select(f => new FieldRequest(f, $"Chỉ tiêu {f}", null, "count", true, null, null)).ToList(), null, null);

    /// <summary>Publishes a version through the same parse and decision as the API, on a session of <paramref name="store"/>.</summary>
    public static async Task PublishAsync(IDocumentStore store, string code, string effectiveFrom, params string[] fields)
    {
        var command = PublishTemplateVersion.Parse(code, Request(effectiveFrom, fields)).Command;
        var outcome = await CommandRunner.RunAsync(() => store.LightweightSession(),
            streams => PublishTemplateVersion.DecideAsync(command, streams, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        Assert.True(outcome.IsDone, outcome.Rejection?.Detail);
    }
}

/// <summary>Every SQL statement the store's sessions send.</summary>
internal sealed class StatementLog : IMartenLogger, IMartenSessionLogger
{
    private readonly List<string> _statements = [];
    public IReadOnlyList<string> Statements { get { lock (_statements) return [.. _statements]; } }
    public void Clear() { lock (_statements) _statements.Clear(); }
    private void Add(IEnumerable<string> sql) { lock (_statements) _statements.AddRange(sql); }

    public IMartenSessionLogger StartSession(IQuerySession session) => this;
    public void SchemaChange(string sql) { }
    public void LogSuccess(NpgsqlCommand command) => Add([command.CommandText]);
    public void LogFailure(NpgsqlCommand command, Exception ex) => Add([command.CommandText]);
    public void LogSuccess(NpgsqlBatch batch) => Add(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText).ToList());
    public void LogFailure(NpgsqlBatch batch, Exception ex) => Add(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText).ToList());
    public void LogFailure(Exception ex, string message) { }
    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
    public void OnBeforeExecute(NpgsqlCommand command) { }
    public void OnBeforeExecute(NpgsqlBatch batch) { }
}
