using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Contracts.Registry;
using Platform.Reporting;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;

namespace Fault.Tests;

/// <summary>
/// The restore drill of deploy/local/backup.sh (README, "Backups and restore"), on a PostgreSQL of its own
/// (servers.sh with the folder .local/backup-drill, port 55529 or BACKUP_DRILL_PG_PORT, durable commits)
/// and a vhost on the fault tests' RabbitMQ. The four services run as processes and are written to through
/// their APIs; a base backup is taken; writing goes on; a moment is noted; more is written; PostgreSQL is
/// SIGKILLed and its data directory deleted; the cluster is restored to the moment and the services started
/// on it. Then: each service's mt_events rows are exactly those committed before the moment; the APIs answer
/// as they did at the moment; and after more writes every consumer's copy of the enterprises equals the
/// Registry's (nothing lost, nothing of the discarded writes left, nothing applied twice).
/// </summary>
public class BackupDrillTests(PrivateServers privateServers, ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(PrivateServers.RepositoryRoot(), ".local", "backup-drill");
    private static readonly string ServersScript = Path.Combine(PrivateServers.RepositoryRoot(), "deploy", "local", "servers.sh");
    private static readonly string BackupScript = Path.Combine(PrivateServers.RepositoryRoot(), "deploy", "local", "backup.sh");
    private static readonly string[] Services = ["registry", "infrastructure", "meetings", "reporting"];
    private static readonly string[] Consumers = ["infrastructure", "meetings", "reporting"];
    private static readonly TimeSpan Converges = TimeSpan.FromMinutes(2); // a busy 2-core machine

    private readonly Dictionary<string, string> _environment = new()
    {
        ["PLATFORM_LOCAL_DIR"] = Folder,
        ["PLATFORM_PG_PORT"] = Environment.GetEnvironmentVariable("BACKUP_DRILL_PG_PORT") ?? "55529",
        ["PLATFORM_PG_FAST"] = "0", // a restore drill on settings that may lose commits would prove nothing
    };
    private readonly Dictionary<string, int> _ports = Services.ToDictionary(s => s, _ => ServiceProcess.FreeLoopbackPort());
    private readonly Dictionary<string, string> _databases = [];
    private readonly List<Guid> _enterprises = [];     // registered, as the Registry should now have them
    private readonly HashSet<Guid> _suspended = [];    // suspended, likewise
    private readonly List<string> _reads = [];
    private int _serial;

    [Fact]
    public async Task A_restore_to_a_moment_brings_back_exactly_what_was_committed_before_it_and_the_services_carry_on()
    {
        await PrivateServers.RunScriptAsync(ServersScript, _environment, "down", "postgres"); // a killed run may have left it
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        await PrivateServers.RunScriptAsync(ServersScript, _environment, "up", "postgres");
        var postgres = $"Host=127.0.0.1;Port={_environment["PLATFORM_PG_PORT"]};Username=postgres;Password=postgres";
        var servers = TestServers.At(postgres, privateServers.Servers.RabbitMqServer.ToString(), privateServers.Servers.RabbitMqManagement.ToString(), $"the backup drill's PostgreSQL ({Folder})");
        var vhost = await servers.CreateVirtualHostAsync("drill");
        var processes = new List<ServiceProcess>();
        var (clock, passed) = (Stopwatch.StartNew(), false);
        try
        {
            foreach (var service in Services) _databases[service] = await servers.CreateDatabaseAsync($"{service}db");
            processes = await StartServicesAsync(vhost);
            using var api = new Clients(_ports);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: services started");

            // Before the base backup, between it and the moment, after the moment.
            var a = await WriteAsync(api, "A", suspend: null);
            await ConvergedAsync(servers, api);
            output.WriteLine((await Backup("base")).Trim());
            var b = await WriteAsync(api, "B", suspend: a.Enterprises[1]);
            await ConvergedAsync(servers, api);
            var reads = _reads.ToList();
            var atMoment = await StableReadsAsync(api, reads);
            var (committed, moment) = await QuietMomentAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: moment {moment}; events before it: {Describe(committed)}");
            var c = await WriteAsync(api, "C", suspend: a.Enterprises[0]); // changes streams from before the moment too
            await ConvergedAsync(servers, api);
            var afterMoment = await EventsAsync();
            foreach (var service in Services) Assert.True(afterMoment[service].Count > committed[service].Count, $"{service}: nothing written after the moment");
            // The consumers go down, and a registration after the moment waits in their queues when the disaster comes:
            // the broker outlives the database, holding a message of an event the restore will discard.
            foreach (var process in processes.Where(p => p.Service != "Registry")) await process.KillAsync();
            var waiting = await api.Registry.PostAsJsonAsync("/api/registry/enterprises", FaultScenarioTests.Enterprise(FaultScenarioTests.NewTaxCode(), ++_serial));
            Assert.Equal(HttpStatusCode.Created, waiting.StatusCode);
            var discarded = (await waiting.Content.ReadFromJsonAsync<FaultScenarioTests.Created>())!.Id;
            foreach (var consumer in Consumers)
                await Eventually.Until(() => Queues.DepthAsync(vhost, $"{consumer}-known-enterprise"), depth => depth > 0, Converges, $"the registration waits in {consumer}'s queue");
            output.WriteLine((await Backup("archive-now")).Trim()); // the WAL past the moment reaches the archive

            // The disaster: services and PostgreSQL SIGKILLed, the data directory gone.
            foreach (var process in processes) await process.KillAsync();
            var data = Path.Combine(Folder, "postgres", "data");
            var postmaster = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim());
            Process.GetProcessById(postmaster).Kill();
            await Eventually.Until(() => Task.FromResult(Process.GetProcesses().Any(p => p.Id == postmaster)), alive => !alive, Converges, "PostgreSQL gone");
            Directory.Delete(data, recursive: true);
            NpgsqlConnection.ClearAllPools();

            var restore = Stopwatch.StartNew();
            output.WriteLine((await Backup("restore", "--to", moment)).Trim());
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: restored in {restore.Elapsed.TotalSeconds:F1} s");

            // Every event committed before the moment, none after (before any service runs and appends).
            var restored = await EventsAsync();
            foreach (var service in Services) Assert.Equal(committed[service], restored[service]);
            output.WriteLine($"restored events equal those committed before the moment: {Describe(restored)}");

            // The runbook (README): RabbitMQ's queues are emptied before the services start on the restored databases.
            var purged = await Queues.PurgeAllAsync(privateServers.Servers.RabbitMqManagement, vhost);
            output.WriteLine($"purged: {string.Join(", ", purged.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value}"))}");
            processes = await StartServicesAsync(vhost);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: services started on the restored databases");
            // Projections and read models answer as at the moment (the daemons resume from their restored progress).
            var again = await Eventually.Until(() => ReadAsync(api, reads), r => r.SequenceEqual(atMoment), Converges, "the APIs answer as at the moment");
            Assert.Equal(atMoment, again);
            output.WriteLine($"{atMoment.Count} API reads answer as at the moment");

            // The services carry on: the registration lost with the moment can be made again, and new writes
            // reach every consumer once, through RabbitMQ and the change feed.
            var lost = await api.Registry.PostAsJsonAsync("/api/registry/enterprises", FaultScenarioTests.Enterprise(c.TaxCodes[0], 900));
            Assert.Equal(HttpStatusCode.Created, lost.StatusCode);
            _enterprises.RemoveAll(c.Enterprises.Contains);
            _suspended.Remove(c.Suspended!.Value);
            _enterprises.Add((await lost.Content.ReadFromJsonAsync<FaultScenarioTests.Created>())!.Id);
            await WriteAsync(api, "D", suspend: b.Enterprises[0]);
            var copies = await ConvergedAsync(servers, api);
            foreach (var id in c.Enterprises.Append(discarded)) Assert.DoesNotContain(copies, copy => copy.Id == id);
            await using (var reporting = new NpgsqlConnection(Unpooled(_databases["reporting"])))
            {
                await reporting.OpenAsync();
                var opened = await ScalarsAsync(reporting, $"select stream_id::text from {ReportingStore.Schema}.mt_events where type = 'obligation_opened' and data ->> 'templateCode' = 'telecom-monthly'");
                Assert.Equal(opened.Count, opened.Distinct().Count()); // each obligation opened once, whatever was redelivered
                Assert.Equal(copies.Count, opened.Count);              // this month's report: one per enterprise the Registry has (all telecom operators)
            }
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: after the restore {copies.Count} enterprises, every consumer's copy equal to the Registry's, each obligation opened once");
            passed = true;
        }
        finally
        {
            foreach (var process in processes) await process.DisposeAsync();
            await servers.DeleteVirtualHostAsync(vhost);
            await PrivateServers.RunScriptAsync(ServersScript, _environment, "down", "postgres");
            // After a failure the folder stays (server log, backups) until the next run starts by deleting it.
            if (passed) Directory.Delete(Folder, recursive: true);
        }
    }

    private sealed record Phase(List<Guid> Enterprises, List<string> TaxCodes, Guid? Suspended);

    /// <summary>Two registrations, a suspension of an earlier enterprise, a site, a meeting and a report draft.</summary>
    private async Task<Phase> WriteAsync(Clients api, string name, Guid? suspend)
    {
        var phase = new Phase([], [], suspend);
        for (var i = 0; i < 2; i++)
        {
            var taxCode = FaultScenarioTests.NewTaxCode();
            var created = await api.Registry.PostAsJsonAsync("/api/registry/enterprises", FaultScenarioTests.Enterprise(taxCode, ++_serial));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<FaultScenarioTests.Created>())!.Id;
            phase.Enterprises.Add(id);
            phase.TaxCodes.Add(taxCode);
            _enterprises.Add(id);
            _reads.Add($"registry:/api/registry/enterprises/{id}");
            _reads.Add($"reporting:/api/reporting/obligations?enterpriseId={id}");
        }
        if (suspend is { } s)
        {
            (await api.Registry.PostAsJsonAsync($"/api/registry/enterprises/{s}/suspension", new { reason = $"Chưa nộp báo cáo ({name})" })).EnsureSuccessStatusCode();
            _suspended.Add(s);
        }

        // The other services accept an enterprise once their copy of it has arrived: retried until then.
        var owner = phase.Enterprises[0];
        var site = await UntilCreatedAsync(() => api.Infrastructure.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = $"Trạm BTS diễn tập {name}", kind = "greenfield-tower", ownerId = owner, district = "Thành phố Lào Cai", commune = "Phường Cốc Lếu",
            latitude = 22.4856, longitude = 103.9707, address = "Thôn 1", heightMetres = 40m, tenantCapacity = 2, zone = "in-plan",
        }));
        _reads.Add($"infrastructure:/api/infrastructure/sites/{site}");
        var meeting = await UntilCreatedAsync(() => api.Meetings.PostAsJsonAsync("/api/meetings/meetings", new
        {
            kind = "quarterly-briefing", title = $"Giao ban diễn tập {name}", date = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), place = "Hội trường Sở",
            chair = "Phó Giám đốc Sở", agenda = new[] { "Khôi phục dữ liệu" }, invitedEnterpriseIds = new[] { owner },
            invitedOfficials = new[] { new { name = "Nguyễn Văn Bình", title = "Trưởng phòng", organisation = "Sở Thông tin và Truyền thông" } },
        }));
        _reads.Add($"meetings:/api/meetings/meetings/{meeting}");

        // The first draft of the month's report, by the enterprise's representative, once Reporting opened the obligation.
        var submission = ObligationScheduler.SubmissionIdFor(owner, "telecom-monthly", DateTime.UtcNow.AddHours(7).ToString("yyyy-MM"));
        var current = await Eventually.Until(() => api.Reporting.GetAsync($"/api/reporting/submissions/{submission}"), r => r.StatusCode == HttpStatusCode.OK, Converges,
            $"Reporting opened the obligation of enterprise {owner}");
        using var representative = Clients.For(_ports["reporting"], PlatformRoles.Representative, owner);
        var draft = new HttpRequestMessage(HttpMethod.Put, $"/api/reporting/submissions/{submission}/draft")
        {
            Content = JsonContent.Create(new { values = new Dictionary<string, decimal> { ["mobile-subscribers"] = 100_000 + _serial, ["prepaid-subscribers"] = 90_000 } }),
        };
        draft.Headers.IfMatch.Add(current.Headers.ETag!);
        var saved = await representative.SendAsync(draft);
        Assert.True(saved.IsSuccessStatusCode, $"draft: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
        _reads.Add($"reporting:/api/reporting/submissions/{submission}");
        return phase;
    }

    private static async Task<Guid> UntilCreatedAsync(Func<Task<HttpResponseMessage>> post)
    {
        var response = await Eventually.Until(post, r => r.StatusCode != HttpStatusCode.UnprocessableEntity, Converges, "the enterprise is known");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Waits until the Registry's change feed serves every registration and suspension the test expects, then until
    /// each consumer's copy of the enterprises equals the one rebuilt from that feed; that copy.
    /// </summary>
    private async Task<List<FaultScenarioTests.Copy>> ConvergedAsync(TestServers servers, Clients api)
    {
        using var feed = FaultScenarioTests.Client(api.Registry.BaseAddress!, PlatformRoles.ExternalSystem);
        var events = await Eventually.Until(() => FaultScenarioTests.RegistryFeedAsync(feed),
            e => e.OfType<EnterpriseRegisteredV1>().Select(r => r.EnterpriseId).ToHashSet().SetEquals(_enterprises)
                 && e.OfType<EnterpriseSuspendedV1>().Select(r => r.EnterpriseId).ToHashSet().SetEquals(_suspended),
            Converges, "the Registry's feed serves every registration and suspension");
        var rebuilt = await FaultScenarioTests.RebuildAsync(servers, events);
        foreach (var consumer in Consumers)
        {
            await using var store = FaultScenarioTests.CopyStore(Unpooled(_databases[consumer]), consumer);
            var copy = await FaultScenarioTests.CopyAsync(store);
            for (var waited = Stopwatch.StartNew(); !copy.SequenceEqual(rebuilt) && waited.Elapsed < Converges; copy = await FaultScenarioTests.CopyAsync(store))
                await Task.Delay(250);
            Assert.True(copy.SequenceEqual(rebuilt), $"{consumer}'s copy differs from the Registry's: it has [{string.Join(", ", copy.Except(rebuilt))}], " +
                $"lacks [{string.Join(", ", rebuilt.Except(copy))}]");
        }
        return rebuilt;
    }

    /// <summary>The reads, repeated until two in a row agree (an async projection may still be catching up).</summary>
    private static async Task<List<string>> StableReadsAsync(Clients api, List<string> reads)
    {
        var previous = await ReadAsync(api, reads);
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < Converges; await Task.Delay(1000))
        {
            var current = await ReadAsync(api, reads);
            if (current.SequenceEqual(previous)) return current;
            previous = current;
        }
        throw new TimeoutException("the API reads never settled");
    }

    /// <summary>Status, ETag and body of each read ("service:path"), and of the Registry's directory.</summary>
    private static async Task<List<string>> ReadAsync(Clients api, List<string> reads)
    {
        var answers = new List<string>();
        foreach (var read in reads.Append("registry:/api/registry/enterprises?pageSize=100"))
        {
            var (service, path) = (read[..read.IndexOf(':')], read[(read.IndexOf(':') + 1)..]);
            var response = await api[service].GetAsync(path);
            answers.Add($"{path} {(int)response.StatusCode} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}");
        }
        return answers;
    }

    /// <summary>
    /// A moment at which nothing is being committed: the events before it, the moment (PostgreSQL's clock),
    /// and the events again 1.5 s later must agree, so the capture is exactly "committed before the moment".
    /// </summary>
    private async Task<(Dictionary<string, List<string>> Events, string Moment)> QuietMomentAsync()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var before = await EventsAsync();
            await using var connection = new NpgsqlConnection(Unpooled(_databases["registry"]));
            await connection.OpenAsync();
            var moment = (await ScalarsAsync(connection, "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'"))[0];
            await Task.Delay(1500);
            var after = await EventsAsync();
            if (Services.All(s => before[s].SequenceEqual(after[s]))) return (before, moment);
            output.WriteLine($"events were committed around {moment}; another moment");
        }
        throw new InvalidOperationException("no quiet moment: the services kept committing events");
    }

    /// <summary>Every service's mt_events rows, in order: sequence, stream, version, type and a digest of the data.</summary>
    private async Task<Dictionary<string, List<string>>> EventsAsync()
    {
        var events = new Dictionary<string, List<string>>();
        foreach (var service in Services)
        {
            await using var connection = new NpgsqlConnection(Unpooled(_databases[service]));
            await connection.OpenAsync();
            events[service] = await ScalarsAsync(connection,
                $"select seq_id || ' ' || stream_id::text || ' ' || version || ' ' || type || ' ' || md5(data::text) from {service}.mt_events order by seq_id");
        }
        return events;
    }

    private static string Describe(Dictionary<string, List<string>> events) => string.Join(", ", events.Select(e => $"{e.Key} {e.Value.Count}"));

    private static async Task<List<string>> ScalarsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    // The test's own connections never outlive the PostgreSQL it kills.
    private static string Unpooled(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private Task<string> Backup(params string[] arguments) => PrivateServers.RunScriptAsync(BackupScript, _environment, arguments);

    private async Task<List<ServiceProcess>> StartServicesAsync(Uri vhost)
    {
        var processes = Services.Select(service =>
        {
            var settings = new Dictionary<string, string>
            {
                [$"ConnectionStrings__{service}db"] = _databases[service],
                ["ConnectionStrings__messaging"] = vhost.ToString(),
                // Each consumer also reads the Registry's change feed, often: after a restore it repairs what RabbitMQ cannot.
                ["Registry__FeedBackfill__Interval"] = "00:00:05",
                // No scheduled job commits while the moment is being noted.
                ["Reporting__ScheduleInterval"] = "1.00:00:00",
                ["Meetings__OverdueCheck__CheckInterval"] = "1.00:00:00",
                ["Registry__LicenceExpiry__CheckInterval"] = "1.00:00:00",
            };
            foreach (var other in Services) settings[$"services__{other}__http__0"] = $"http://127.0.0.1:{_ports[other]}";
            return new ServiceProcess($"drill-{service}", char.ToUpperInvariant(service[0]) + service[1..], _ports[service], settings);
        }).ToList();
        await Task.WhenAll(processes.Select(p => p.StartAsync(TimeSpan.FromMinutes(3))));
        return processes;
    }

    /// <summary>A manager's client per service.</summary>
    private sealed class Clients(Dictionary<string, int> ports) : IDisposable
    {
        private readonly Dictionary<string, HttpClient> _clients = ports.ToDictionary(p => p.Key, p => For(p.Value, PlatformRoles.Manager));
        public HttpClient this[string service] => _clients[service];
        public HttpClient Registry => _clients["registry"];
        public HttpClient Infrastructure => _clients["infrastructure"];
        public HttpClient Meetings => _clients["meetings"];
        public HttpClient Reporting => _clients["reporting"];

        public static HttpClient For(int port, string role, Guid? enterpriseId = null) => new()
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Issue(role, enterpriseId, userId: "backup-drill")) },
        };

        public void Dispose()
        {
            foreach (var client in _clients.Values) client.Dispose();
        }
    }
}
