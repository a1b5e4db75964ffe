using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Commands;
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
using Platform.Contracts.Registry;
using Npgsql;
using System.Text.Json;
using JasperFx;
using Microsoft.Extensions.Hosting;
using Platform.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(Fault.Tests.PrivateServers))]
// One test at a time: the scenario kills the servers every test here shares.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Fault.Tests;

/// <summary>
/// A stream of Registry commands, sent to two Registry replicas, while the broker is SIGKILLed and
/// restarted, the Reporting service is SIGKILLed and started again, the Registry replica leading the
/// async daemon (and so the forwarder) is SIGKILLed and the other takes over, and PostgreSQL crashes and
/// recovers. The services run as processes of their own so that these are real kills. Afterwards:
/// every write a client was told succeeded is in the Registry; RabbitMQ alone (no change-feed backfill
/// runs in that phase) has brought both consumers (Infrastructure and Reporting) a copy of the
/// enterprises equal to the copy rebuilt from the Registry's integration events; and the backfill, run
/// after that, changes nothing: nothing lost, nothing applied twice.
/// </summary>
public class FaultScenarioTests(PrivateServers privateServers, ITestOutputHelper output)
{
    private const int Commands = 2000;     // at least; more while the faults are still being played
    private const int MaxCommands = 8000;  // bound: the faults must all have happened by then
    private static readonly TimeSpan CommandPause = TimeSpan.FromMilliseconds(120); // per client, four clients
    private static int _serial = Random.Shared.Next(100_000, 8_000_000);
    internal static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3); // a busy 2-core machine

    [Fact]
    public async Task Nothing_is_lost_or_applied_twice_through_broker_service_leader_and_database_kills()
    {
        var servers = privateServers.Servers;
        var registryDb = await servers.CreateDatabaseAsync("registrydb");
        var reportingDb = await servers.CreateDatabaseAsync("reportingdb");
        var vhost = await servers.CreateVirtualHostAsync("fault");
        var registries = new[] { Registry("registry-a", registryDb, vhost), Registry("registry-b", registryDb, vhost) };
        ServiceProcess reporting = Reporting(reportingDb, vhost);
        ServiceHost<InfrastructureApi>? infrastructure = null;
        try
        {
            // Replica A starts first and takes the daemon's leader lock; B stands by.
            await registries[0].StartAsync(StartTimeout);
            var leaderLock = await Eventually.Until(() => AdvisoryLocksAsync(registryDb), l => l.Count == 1 && l[0].Holder == "registry-a",
                TimeSpan.FromMinutes(1), "replica A holds the async daemon's leader lock");
            await registries[1].StartAsync(StartTimeout);
            infrastructure = new ServiceHost<InfrastructureApi>(servers, "infrastructuredb") { SharedMessaging = vhost, KeepDataOnDispose = true };
            await infrastructure.InitializeAsync();
            await reporting.StartAsync(StartTimeout);

            var clients = registries.Select(r => Client(r.Address, PlatformRoles.Manager)).ToArray();
            var (done, suspendedCount) = (0, 0);
            var created = new ConcurrentDictionary<Guid, bool>(); // acknowledged (201) enterprises; true once a suspension was acknowledged
            var failures = new ConcurrentBag<string>();
            var faults = new List<string>();
            var commandsEnded = new TaskCompletionSource();
            var clock = Stopwatch.StartNew();
            // Each fault waits for a number of commands after the previous one has ended, so the faults never
            // overlap and each runs under load (a broker restart under load takes long; commands go on meanwhile).
            async Task Faults()
            {
                var since = 0;
                async Task After(int commands, string what, Func<Task<string?>> fault)
                {
                    while (Volatile.Read(ref done) < since + commands)
                    {
                        if (commandsEnded.Task.IsCompleted) throw new InvalidOperationException($"the commands ended before: {what}");
                        await Task.Delay(20);
                    }
                    var (t, at) = (clock.Elapsed, Volatile.Read(ref done));
                    var detail = await fault();
                    since = Volatile.Read(ref done);
                    faults.Add($"{what} after {at} commands, at {t.TotalSeconds:F1} s, back after {(clock.Elapsed - t).TotalSeconds:F1} s{detail}");
                }
                await After(300, "RabbitMQ SIGKILL + restart", async () => { await privateServers.KillAndRestartRabbitMqAsync(); return null; });
                await After(100, "Reporting SIGKILL", async () => { await reporting.KillAsync(); return null; });
                await After(250, "Reporting started again on its data", async () => { reporting = Reporting(reportingDb, vhost); await reporting.StartAsync(StartTimeout); return null; });
                await After(100, "Registry daemon leader (replica A) SIGKILL, B takes over, A restarted", async () =>
                {
                    await registries[0].KillAsync();
                    var takeover = Stopwatch.StartNew();
                    await Eventually.Until(() => AdvisoryLocksAsync(registryDb), l => l.Any(x => x.Key == leaderLock[0].Key && x.Holder == "registry-b"),
                        TimeSpan.FromMinutes(2), "replica B takes the leader lock");
                    var tookOver = takeover.Elapsed;
                    registries[0] = Registry("registry-a", registryDb, vhost);
                    await registries[0].StartAsync(StartTimeout);
                    return $" (B held leader lock {leaderLock[0].Key} after {tookOver.TotalSeconds:F1} s)";
                });
                // PostgreSQL crashes under both replicas: each loses its leader lock with its connection, and for a
                // moment after the restart both may run the daemon. The loser's progress write fails and Marten stops
                // its agent for good; on the replica that goes on leading, the DaemonSupervisor starts it again.
                await After(100, "PostgreSQL SIGKILL + restart under both Registry replicas", async () =>
                {
                    await privateServers.KillAndRestartPostgresAsync();
                    return null;
                });
            }
            var faulting = Faults();

            // Four clients alternating between the replicas; a command is retried (on the other replica first) until
            // one answers. A 409 for its own tax code means an earlier try committed. They go on until the faults
            // have all been played (a broker restart under load takes long), and stop at MaxCommands in any case.
            var next = -1;
            async Task SendCommandsAsync()
            {
                var ct = CancellationToken.None;
                for (var i = Interlocked.Increment(ref next); i < MaxCommands && (i < Commands || !faulting.IsCompleted); i = Interlocked.Increment(ref next))
                {
                    var taxCode = NewTaxCode();
                    var answer = await UntilAnsweredAsync(attempt => clients[(i + attempt) % 2].PostAsJsonAsync("/api/registry/enterprises", Enterprise(taxCode, i), ct), failures, ct);
                    // Every tenth is suspended as well, so the consumers see a second kind of event per stream.
                    if (answer.StatusCode == HttpStatusCode.Created && await answer.Content.ReadFromJsonAsync<Created>(ct) is { } enterprise)
                    {
                        created[enterprise.Id] = false;
                        if (i % 10 == 0)
                        {
                            var suspension = await UntilAnsweredAsync(attempt => clients[(i + attempt) % 2].PostAsJsonAsync(
                                $"/api/registry/enterprises/{enterprise.Id}/suspension", new { reason = "Chưa nộp báo cáo" }, ct), failures, ct);
                            if (suspension.IsSuccessStatusCode) created[enterprise.Id] = true;
                            Interlocked.Increment(ref suspendedCount);
                        }
                    }
                    Interlocked.Increment(ref done);
                    await Task.Delay(CommandPause, ct); // about 30 commands a second in all: load, not a flood to verify afterwards
                }
            }
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendCommandsAsync()));
            commandsEnded.SetResult();
            await faulting;
            var commands = Volatile.Read(ref done);
            output.WriteLine($"{commands} commands in {clock.Elapsed.TotalSeconds:F1} s; {failures.Count} failed tries retried ({string.Join(", ", failures.GroupBy(f => f).Select(g => $"{g.Key}×{g.Count()}"))})");
            foreach (var fault in faults) output.WriteLine("fault: " + fault);

            // What the Registry committed, as its change feed serves its integration events; and the copy rebuilt from them.
            using var feedClient = Client(registries[1].Address, PlatformRoles.ExternalSystem);
            var published = await Eventually.Until(() => RegistryFeedAsync(feedClient),
                events => events.OfType<EnterpriseRegisteredV1>().Count() >= commands, TimeSpan.FromMinutes(1), "the Registry's feed serves every registration");
            var rebuilt = await RebuildAsync(servers, published);
            Assert.Equal(commands, rebuilt.Count);
            Assert.Equal(suspendedCount, rebuilt.Count(c => c.Status == "suspended"));
            // Every write a client was told succeeded survived the crashes (the 201s and the acknowledged suspensions).
            var byId = rebuilt.ToDictionary(c => c.Id);
            Assert.All(created, c => Assert.True(byId.TryGetValue(c.Key, out var copy) && (!c.Value || copy.Status == "suspended"),
                $"acknowledged write for enterprise {c.Key} is missing from the Registry"));
            output.WriteLine($"Registry: {created.Count} acknowledged registrations and {created.Count(c => c.Value)} acknowledged suspensions all committed");

            // RabbitMQ alone: no backfill is configured in this phase (the consumers have no Registry address).
            await using var reportingCopies = CopyStore(reportingDb, ReportingStore.Schema);
            var consumers = new (string Name, IDocumentStore Store)[]
            {
                ("Infrastructure", infrastructure.Services.GetRequiredService<IDocumentStore>()), ("Reporting", reportingCopies),
            };
            foreach (var (name, store) in consumers)
            {
                var copy = await CopyAsync(store);
                for (var waited = Stopwatch.StartNew(); !copy.SequenceEqual(rebuilt) && waited.Elapsed < TimeSpan.FromSeconds(120); copy = await CopyAsync(store))
                    await Task.Delay(500);
                output.WriteLine($"{name}: RabbitMQ alone delivered {copy.Count} of {commands} enterprises");
                if (!copy.SequenceEqual(rebuilt)) await DiagnoseAsync(name, copy, rebuilt, vhost);
                Assert.Equal(rebuilt, copy); // same enterprises, names, statuses and versions: none lost, none applied out of order
            }
            output.WriteLine("Both consumers' copies equal the Registry's through RabbitMQ alone");

            // Then the change-feed backfill (the second line): it must find nothing to repair and change nothing.
            await reporting.KillAsync();
            await infrastructure.DisposeAsync();
            var infrastructureAgain = WithFeed(new ServiceHost<InfrastructureApi>(servers, "infrastructuredb") { SharedMessaging = vhost }, registries[1]);
            infrastructureAgain.UseExisting(infrastructure.DatabaseConnectionString, vhost);
            var reportingAgain = WithFeed(new ServiceHost<ReportingApi>(servers, "reportingdb") { SharedMessaging = vhost, KeepDataOnDispose = true }, registries[1]);
            reportingAgain.UseExisting(reportingDb, vhost);
            await using (infrastructureAgain)
            await using (reportingAgain)
            {
                foreach (var (name, host) in new (string, IServiceProvider)[] { ("Infrastructure", infrastructureAgain.Services), ("Reporting", reportingAgain.Services) })
                {
                    var repaired = await host.GetRequiredService<RegistryFeedBackfill>().CatchUpAsync(default);
                    var copy = await CopyAsync(host.GetRequiredService<IDocumentStore>());
                    Assert.Equal(rebuilt, copy);
                    output.WriteLine($"{name}: after the feed backfill ({repaired} changes applied) still equal to the Registry's copy");
                }

                // Applied once: Reporting opened each obligation stream exactly once, whatever was redelivered.
                await using var reportingSession = reportingAgain.Services.GetRequiredService<IDocumentStore>().QuerySession();
                var opened = await reportingSession.Events.QueryRawEventDataOnly<ObligationOpened>().ToListAsync();
                Assert.NotEmpty(opened);
                Assert.Equal(opened.Count, opened.Select(o => o.SubmissionId).Distinct().Count());
                output.WriteLine($"Reporting: {opened.Count} obligations opened, each once");
            }
        }
        finally
        {
            foreach (var registry in registries) await registry.DisposeAsync();
            await reporting.DisposeAsync();
            await servers.DropDatabaseAsync(registryDb);
            await servers.DropDatabaseAsync(reportingDb);
            await servers.DeleteVirtualHostAsync(vhost);
        }
    }

    private static ServiceProcess Registry(string name, string database, Uri vhost) =>
        new(name, "Registry", Port(name), new()
        {
            // The application name tells the replicas' database sessions apart (who holds the leader lock).
            ["ConnectionStrings__registrydb"] = $"{database};Application Name={name}",
            ["ConnectionStrings__messaging"] = vhost.ToString(),
        });

    private static ServiceProcess Reporting(string database, Uri vhost) =>
        new("reporting", "Reporting", Port("reporting"), new()
        {
            ["ConnectionStrings__reportingdb"] = database,
            ["ConnectionStrings__messaging"] = vhost.ToString(),
        });

    // A restarted process gets its old port back (so a replica's address stays valid).
    private static readonly ConcurrentDictionary<string, int> Ports = new();
    private static int Port(string name) => Ports.GetOrAdd(name, _ => ServiceProcess.FreeLoopbackPort());

    internal static HttpClient Client(Uri address, string role) => new()
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new("Bearer", DevelopmentTokens.Issue(role, userId: "fault-test")) },
    };

    private sealed record AdvisoryLock(string Key, string Holder);

    /// <summary>Session-level advisory locks held in the Registry's database and the application holding each.</summary>
    private static async Task<List<AdvisoryLock>> AdvisoryLocksAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select l.classid::text || ':' || l.objid::text || ':' || l.objsubid::text, a.application_name
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.application_name like 'registry-%'
            """, connection);
        var locks = new List<AdvisoryLock>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) locks.Add(new AdvisoryLock(reader.GetString(0), reader.GetString(1)));
        return locks;
    }

    private static readonly Dictionary<string, Type> EnterpriseContracts = new[]
    {
        typeof(EnterpriseRegisteredV1), typeof(EnterpriseDetailsAmendedV1), typeof(EnterpriseSuspendedV1),
        typeof(EnterpriseReinstatedV1), typeof(EnterpriseCeasedV1),
    }.ToDictionary(IntegrationEventNames.EventName);

    /// <summary>Every enterprise event in the Registry's change feed, in commit order.</summary>
    internal static async Task<List<IIntegrationEvent>> RegistryFeedAsync(HttpClient client)
    {
        var events = new List<IIntegrationEvent>();
        for (long after = 0; ;)
        {
            var page = await client.GetFromJsonAsync<FeedPage>($"/api/registry/feed?after={after}&limit=1000", JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException("empty feed page");
            events.AddRange(page.Items.Where(i => EnterpriseContracts.ContainsKey(i.Type))
                .Select(i => (IIntegrationEvent)i.Data.Deserialize(EnterpriseContracts[i.Type], JsonSerializerOptions.Web)!));
            if (page.NextAfter == after || page.NextAfter >= page.HighWaterMark) return events;
            after = page.NextAfter;
        }
    }

    internal sealed record FeedItem(long Position, string Type, JsonElement Data);
    internal sealed record FeedPage(List<FeedItem> Items, long NextAfter, long HighWaterMark);

    /// <summary>Reads a consumer's <see cref="KnownEnterprise"/> copy from its database (the service runs elsewhere).</summary>
    internal static DocumentStore CopyStore(string database, string schema) => DocumentStore.For(opts =>
    {
        EventStoreSetup.ConfigureStore(opts, database, schema);
        opts.AddKnownEnterprises();
        opts.AutoCreateSchemaObjects = AutoCreate.None; // the service owns its schema
    });

    internal sealed record Created(Guid Id);

    /// <summary>The consumer reads the Registry's change feed from the replica's real address; its round is run by the test, not by a timer.</summary>
    private static ServiceHost<T> WithFeed<T>(ServiceHost<T> host, ServiceProcess registry) where T : class
    {
        host.ExtraSettings["services:registry:http:0"] = registry.Address.ToString().TrimEnd('/');
        host.ExtraSettings["Registry:FeedBackfill:Interval"] = "1.00:00:00";
        return host;
    }

    private async Task DiagnoseAsync(string name, List<Copy> copy, List<Copy> rebuilt, Uri vhost)
    {
        var queue = $"{name.ToLowerInvariant()}-known-enterprise";
        var parked = await Queues.PeekAsync(vhost, queue + "_error");
        output.WriteLine($"  {queue}: {await Queues.DepthAsync(vhost, queue)} waiting, {parked.Count} in its error queue");
        foreach (var (body, headers) in parked.Take(5))
        {
            string? H(string key) => headers.TryGetValue(key, out var value) ? value : null;
            output.WriteLine($"    parked {H("MT-Fault-ExceptionType")}: {H("MT-Fault-Message")} (redelivered {H("MT-Redelivery-Count")}, retries {H("MT-Fault-RetryCount")}) {body[..Math.Min(body.Length, 160)]}");
        }
        output.WriteLine("  missing: " + string.Join(", ", rebuilt.ExceptBy(copy.Select(c => c.Id), c => c.Id).Take(5).Select(c => c.ShortName)));
        output.WriteLine("  different: " + string.Join(", ", rebuilt.Join(copy, r => r.Id, c => c.Id, (r, c) => (r, c)).Where(p => p.r != p.c).Take(5).Select(p => $"{p.r} vs {p.c}")));
    }

    /// <summary>Retries a command until the Registry answers it (2xx, or 409 when an earlier try had committed).</summary>
    private static async Task<HttpResponseMessage> UntilAnsweredAsync(Func<int, Task<HttpResponseMessage>> send, ConcurrentBag<string> failures, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            try
            {
                var response = await send(attempt);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict) return response;
                failures.Add($"{(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                failures.Add(ex.GetType().Name);
            }
            await Task.Delay(500, ct);
        }
        throw new InvalidOperationException("a command never succeeded");
    }

    internal sealed record Copy(Guid Id, string ShortName, string Status, long DetailsVersion, long StatusVersion);

    internal static async Task<List<Copy>> CopyAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<KnownEnterprise>().ToListAsync()).Select(k => new Copy(k.Id, k.ShortName, k.Status, k.DetailsVersion, k.StatusVersion))
            .OrderBy(c => c.Id).ToList();
    }

    /// <summary>The consumers' read model rebuilt from scratch: the same change logic applied to every event in commit order, in a scratch database.</summary>
    internal static async Task<List<Copy>> RebuildAsync(TestServers servers, IReadOnlyList<IIntegrationEvent> events)
    {
        var database = await servers.CreateDatabaseAsync("rebuild");
        try
        {
            await using var store = DocumentStore.For(opts =>
            {
                EventStoreSetup.ConfigureStore(opts, database, "rebuild");
                opts.AddKnownEnterprises();
            });
            await CommandRunner.RunAsync(() => store.IdentitySession(), async streams =>
            {
                foreach (var e in events) await KnownEnterpriseChanges.ApplyAsync(streams, e, Decision.Nothing, default);
                return Decision.Nothing;
            }, default);
            return await CopyAsync(store);
        }
        finally
        {
            await servers.DropDatabaseAsync(database);
        }
    }

    internal static string NewTaxCode()
    {
        while (true)
        {
            var first9 = $"53{Interlocked.Increment(ref _serial) % 10_000_000:D7}";
            if (TaxCode.CheckDigit(first9) is { } check) return first9 + check;
        }
    }

    internal static object Enterprise(string taxCode, int i) => new
    {
        taxCode, legalName = $"Công ty Viễn thông Thử nghiệm số {i}", shortName = $"Nhà mạng {i}", sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
        headOffice = new { street = "Số 1 đường Hoàng Liên", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
        representative = new { name = "Nguyễn Văn An", title = "Giám đốc" }, contact = new { phone = "0214 3800 100", email = "lienhe@example.invalid" },
    };
}
