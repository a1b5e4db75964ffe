using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;
using Platform.Infrastructure;
using Platform.Registry;
using Platform.Registry.Enterprises;
using Platform.Reporting;
using Platform.Reporting.Submissions;
using Platform.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(Fault.Tests.PrivateServers))]
// One test at a time: the scenario kills the servers every test here shares.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Fault.Tests;

/// <summary>
/// A stream of Registry commands while the broker is SIGKILLed and restarted, a consuming service is
/// stopped and started again, and PostgreSQL crashes and recovers. Afterwards every integration event
/// the Registry committed has reached both consumers (Infrastructure and Reporting), and each
/// consumer's copy of the enterprises equals the copy rebuilt from the Registry's events: nothing lost,
/// nothing applied twice.
/// </summary>
public class FaultScenarioTests(PrivateServers privateServers, ITestOutputHelper output)
{
    private const int Commands = 2000;
    private static int _serial = Random.Shared.Next(100_000, 8_000_000);

    [Fact]
    public async Task Nothing_is_lost_or_applied_twice_through_a_broker_kill_a_consumer_restart_and_a_database_crash()
    {
        var servers = privateServers.Servers;
        await using var registry = new ServiceHost<RegistryApi>(servers, "registrydb");
        await registry.InitializeAsync();
        await using var infrastructure = WithFeed(new ServiceHost<InfrastructureApi>(servers, "infrastructuredb") { SharedMessaging = registry.MessagingUri, ExtraServices = Feed(registry) });
        await infrastructure.InitializeAsync();
        var reporting = WithFeed(new ServiceHost<ReportingApi>(servers, "reportingdb") { SharedMessaging = registry.MessagingUri, KeepDataOnDispose = true, ExtraServices = Feed(registry) });
        await reporting.InitializeAsync();
        var (reportingDatabase, vhost) = (reporting.DatabaseConnectionString, reporting.MessagingUri);

        var client = registry.CreateClient();
        var (done, suspended) = (0, 0);
        var failures = new ConcurrentBag<string>();
        var faults = new List<string>();
        var clock = Stopwatch.StartNew();
        async Task Faults()
        {
            async Task At(int count, string what, Func<Task> fault)
            {
                while (Volatile.Read(ref done) < count) await Task.Delay(20);
                var t = clock.Elapsed;
                await fault();
                faults.Add($"{what} after {count} commands, at {t.TotalSeconds:F1} s, back after {(clock.Elapsed - t).TotalSeconds:F1} s");
            }
            await At(300, "RabbitMQ SIGKILL + restart", privateServers.KillAndRestartRabbitMqAsync);
            await At(700, "Reporting service stopped", async () => await reporting.DisposeAsync());
            await At(1000, "Reporting service started again on its data", async () =>
            {
                reporting = WithFeed(new ServiceHost<ReportingApi>(servers, "reportingdb") { SharedMessaging = registry.MessagingUri, ExtraServices = Feed(registry) });
                reporting.UseExisting(reportingDatabase, vhost);
                await reporting.WaitUntilHealthyAsync();
            });
            await At(1300, "PostgreSQL SIGKILL + restart", privateServers.KillAndRestartPostgresAsync);
        }
        var faulting = Faults();

        // Four clients, each command retried until the Registry answers (a 409 for its own tax code means an earlier try committed).
        await Parallel.ForEachAsync(Enumerable.Range(0, Commands), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var taxCode = NewTaxCode();
            var created = await UntilAnsweredAsync(() => client.PostAsJsonAsync("/api/registry/enterprises", Enterprise(taxCode, i), ct), failures, ct);
            // Every tenth is suspended as well, so the consumers see a second kind of event per stream.
            if (i % 10 == 0 && created.StatusCode == HttpStatusCode.Created && await created.Content.ReadFromJsonAsync<Created>(ct) is { } enterprise)
            {
                await UntilAnsweredAsync(() => client.PostAsJsonAsync($"/api/registry/enterprises/{enterprise.Id}/suspension", new { reason = "Chưa nộp báo cáo" }, ct), failures, ct);
                Interlocked.Increment(ref suspended);
            }
            Interlocked.Increment(ref done);
        });
        await faulting;
        output.WriteLine($"{Commands} commands in {clock.Elapsed.TotalSeconds:F1} s; {failures.Count} failed tries retried ({string.Join(", ", failures.GroupBy(f => f).Select(g => $"{g.Key}×{g.Count()}"))})");
        foreach (var fault in faults) output.WriteLine("fault: " + fault);

        // What the Registry committed, as the integration events it publishes; and the copy rebuilt from them.
        var registryStore = registry.Services.GetRequiredService<IDocumentStore>();
        var mapper = registry.Services.GetRequiredService<IIntegrationEventMapper>();
        IReadOnlyList<IEvent> committed;
        await using (var session = registryStore.QuerySession())
            committed = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        var published = committed.Select(mapper.Map).OfType<IIntegrationEvent>().ToList();
        var rebuilt = await RebuildAsync(servers, published);
        Assert.Equal(Commands, rebuilt.Count);
        Assert.Equal(suspended, rebuilt.Count(c => c.Status == "suspended"));

        await using (reporting)
        {
            reporting.KeepDataOnDispose = false; // this one drops the data
            foreach (var (name, host) in new (string, IServiceProvider)[] { ("Infrastructure", infrastructure.Services), ("Reporting", reporting.Services) })
            {
                // First what RabbitMQ alone delivered, then the Registry's change feed (the designed repair for
                // anything the broker path missed), then the verdict.
                var store = host.GetRequiredService<IDocumentStore>();
                var copy = await CopyAsync(store);
                for (var waited = Stopwatch.StartNew(); copy.Count < Commands && waited.Elapsed < TimeSpan.FromSeconds(90); copy = await CopyAsync(store))
                    await Task.Delay(500);
                output.WriteLine($"{name}: RabbitMQ delivered {copy.Count} of {Commands} enterprises");
                if (copy.Count < Commands) await DiagnoseAsync(name, copy, rebuilt, registryStore, vhost);
                var repaired = await host.GetRequiredService<RegistryFeedBackfill>().CatchUpAsync(default);
                copy = await CopyAsync(store);
                Assert.Equal(rebuilt, copy); // same enterprises, names, statuses and versions: none lost, none applied out of order
                output.WriteLine($"{name}: after the feed backfill ({repaired} changes applied) {copy.Count} enterprises, equal to the copy rebuilt from the Registry's {published.Count} integration events");
            }

            // Applied once: Reporting opened each obligation stream exactly once, whatever was redelivered.
            await using var reportingSession = reporting.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var opened = await reportingSession.Events.QueryRawEventDataOnly<ObligationOpened>().ToListAsync();
            Assert.Equal(opened.Count, opened.Select(o => o.SubmissionId).Distinct().Count());
            output.WriteLine($"Reporting: {opened.Count} obligations opened, each once");
        }
    }

    private sealed record Created(Guid Id);

    /// <summary>The consumers can also read the Registry's change feed (from its in-process server); its round is run by the test, not by a timer.</summary>
    private static Action<IServiceCollection> Feed(ServiceHost<RegistryApi> registry) => services =>
        services.AddHttpClient(RegistryFeedBackfill.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => registry.Server.CreateHandler());

    private static ServiceHost<T> WithFeed<T>(ServiceHost<T> host) where T : class
    {
        host.ExtraSettings["services:registry:http:0"] = "http://localhost";
        host.ExtraSettings["Registry:FeedBackfill:Interval"] = "1.00:00:00";
        return host;
    }

    private async Task DiagnoseAsync(string name, List<Copy> copy, List<Copy> rebuilt, IDocumentStore registryStore, Uri vhost)
    {
        output.WriteLine($"  Registry's daemon: {await ProgressAsync(registryStore)}");
        var queue = $"{name.ToLowerInvariant()}-known-enterprise";
        output.WriteLine($"  {queue}: {await Queues.DepthAsync(vhost, queue)} waiting, {(await Queues.PeekAsync(vhost, queue + "_error")).Count} in its error queue");
        output.WriteLine("  missing: " + string.Join(", ", rebuilt.ExceptBy(copy.Select(c => c.Id), c => c.Id).Take(5).Select(c => c.ShortName)));
    }

    /// <summary>The Registry's async daemon progress per shard (the forwarder included) against its high-water mark, for a failure message.</summary>
    private static async Task<string> ProgressAsync(IDocumentStore store)
    {
        var progress = await store.Advanced.AllProjectionProgress();
        var statistics = await store.Advanced.FetchEventStoreStatistics();
        return $"events {statistics.EventCount}; " + string.Join(", ", progress.Select(p => $"{p.ShardName}={p.Sequence}"));
    }

    /// <summary>Retries a command until the Registry answers it (2xx, or 409 when an earlier try had committed).</summary>
    private static async Task<HttpResponseMessage> UntilAnsweredAsync(Func<Task<HttpResponseMessage>> send, ConcurrentBag<string> failures, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 120; attempt++)
        {
            try
            {
                var response = await send();
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict) return response;
                failures.Add($"{(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException)
            {
                failures.Add(ex.GetType().Name);
            }
            await Task.Delay(500, ct);
        }
        throw new InvalidOperationException("a command never succeeded");
    }

    private sealed record Copy(Guid Id, string ShortName, string Status, long DetailsVersion, long StatusVersion);

    private static async Task<List<Copy>> CopyAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<KnownEnterprise>().ToListAsync()).Select(k => new Copy(k.Id, k.ShortName, k.Status, k.DetailsVersion, k.StatusVersion))
            .OrderBy(c => c.Id).ToList();
    }

    /// <summary>The consumers' read model rebuilt from scratch: the same change logic applied to every event in commit order, in a scratch database.</summary>
    private static async Task<List<Copy>> RebuildAsync(TestServers servers, IReadOnlyList<IIntegrationEvent> events)
    {
        var database = await servers.CreateDatabaseAsync("rebuild");
        try
        {
            await using var store = DocumentStore.For(opts =>
            {
                EventStoreSetup.ConfigureStore(opts, database, "rebuild");
                opts.AddKnownEnterprises();
            });
            await using (var session = store.IdentitySession())
            {
                foreach (var e in events) await KnownEnterpriseChanges.ApplyAsync(session, e, default);
                await session.SaveChangesAsync();
            }
            return await CopyAsync(store);
        }
        finally
        {
            await servers.DropDatabaseAsync(database);
        }
    }

    private static string NewTaxCode()
    {
        while (true)
        {
            var first9 = $"53{Interlocked.Increment(ref _serial) % 10_000_000:D7}";
            if (TaxCode.CheckDigit(first9) is { } check) return first9 + check;
        }
    }

    private static object Enterprise(string taxCode, int i) => new
    {
        taxCode, legalName = $"Công ty Viễn thông Thử nghiệm số {i}", shortName = $"Nhà mạng {i}", sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
        headOffice = new { street = "Số 1 đường Hoàng Liên", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
        representative = new { name = "Nguyễn Văn An", title = "Giám đốc" }, contact = new { phone = "0214 3800 100", email = "lienhe@example.invalid" },
    };
}
