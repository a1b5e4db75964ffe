using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Npgsql;

namespace Platform.Benchmarks.Platform;

/// <summary>One line of deploy/local/services.txt, moved to the benchmark's own port and database.</summary>
public sealed record ServiceSpec(string Name, string Project, int Port, string ConnectionName, string Database)
{
    public string Url => $"http://127.0.0.1:{Port}";
    /// <summary>Marten schema: each service keeps its events in &lt;service&gt;.mt_events.</summary>
    public string Schema => Name;
}

/// <summary>
/// The four services as real processes, the way deploy/local/run.sh starts them, but on fresh
/// databases (bench_&lt;db&gt;), a fresh RabbitMQ virtual host and other ports, so a running platform
/// is not disturbed. Stops what it started (also on Ctrl+C, through the caller's cancellation).
/// </summary>
public sealed class ServiceFleet(string repo, BenchOptions options, BenchEnvironment env) : IAsyncDisposable
{
    public string VirtualHost { get; } = options.Prefix + "-platform";
    private readonly Dictionary<string, Process> _processes = [];
    public IReadOnlyList<ServiceSpec> Services { get; } = Read(repo, options.BasePort, options.Prefix);
    public string LogDirectory { get; } = Path.Combine(repo, ".local", "bench", "logs");
    public IReadOnlyDictionary<string, int> Pids => _processes.ToDictionary(p => p.Key, p => p.Value.Id);

    public static readonly string[] EventSourced = ["registry", "infrastructure", "meetings", "reporting"];

    public ServiceSpec this[string name] => Services.Single(s => s.Name == name);

    public string ConnectionString(ServiceSpec s) => new NpgsqlConnectionStringBuilder(env.Postgres) { Database = s.Database, MaxPoolSize = 10 }.ConnectionString;

    private static List<ServiceSpec> Read(string repo, int basePort, string prefix) =>
        File.ReadAllLines(Path.Combine(repo, "deploy", "local", "services.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            // Only the four event-sourced services: the identity service and the console have databases too, but no
            // event store (no <service>.mt_events to count) and no part in the mix.
            .Where(f => EventSourced.Contains(f[0]))
            .Select((f, i) => new ServiceSpec(f[0], f[1], basePort + i, f[3], prefix + "_" + f[3]))
            .ToList();

    public async Task PrepareAsync(CancellationToken ct)
    {
        foreach (var s in Services) await Postgres.RecreateDatabaseAsync(env.Postgres, s.Database, ct);
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{VirtualHost}", ct); // a previous run's leftovers: 404 is fine
        (await http.PutAsync($"api/vhosts/{VirtualHost}", null, ct)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{VirtualHost}/guest", permissions, ct)).EnsureSuccessStatusCode();
    }

    public async Task BuildAsync(CancellationToken ct)
    {
        foreach (var s in Services)
        {
            Log.Info($"building {s.Project} (Release)");
            var (code, output) = await Shell.RunAsync("dotnet", ["build", Path.Combine(repo, s.Project), "-c", "Release", "-v", "q", "-nologo"], repo, null, ct);
            if (code != 0) throw new InvalidOperationException($"dotnet build {s.Project} failed:\n{output}");
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(LogDirectory);
        var amqp = AmqpUri.ToString();
        foreach (var s in Services)
        {
            var dll = Path.Combine(repo, Path.GetDirectoryName(s.Project)!, "bin", "Release", "net10.0", Path.GetFileNameWithoutExtension(s.Project) + ".dll");
            if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing; build without --no-build");
            var log = Path.Combine(LogDirectory, s.Name + ".log");
            var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet '{dll}' >'{log}' 2>&1"]) { WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false };
            info.Environment["ASPNETCORE_URLS"] = s.Url;
            info.Environment["ASPNETCORE_ENVIRONMENT"] = options.Environment;
            info.Environment[$"ConnectionStrings__{s.ConnectionName}"] = $"{env.Postgres};Database={s.Database}"
                + (options.ServiceDbOptions.Length > 0 ? ";" + options.ServiceDbOptions : "");
            info.Environment["ConnectionStrings__messaging"] = amqp;
            info.Environment["OTEL_SERVICE_NAME"] = s.Name;
            // The per-client write limit (300/min by default) is a policy, not a capacity: lifted so the load is not 429s.
            info.Environment["RateLimiting__WritesPerMinute"] = "10000000";
            if (options.ReportingScheduleInterval.Length > 0) info.Environment["Reporting__ScheduleInterval"] = options.ReportingScheduleInterval;
            foreach (var other in Services) info.Environment[$"services__{other.Name}__http__0"] = other.Url;
            foreach (var (name, value) in options.ServiceEnvironment) info.Environment[name] = value;
            _processes[s.Name] = Process.Start(info) ?? throw new InvalidOperationException($"could not start {s.Name}");
            Log.Info($"started {s.Name} on {s.Url} (pid {_processes[s.Name].Id}, log {log})");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var s in Services)
        {
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (_processes[s.Name].HasExited)
                    throw new InvalidOperationException($"{s.Name} exited during start-up; last lines of its log:\n{Tail(s)}");
                try
                {
                    if ((await http.GetAsync($"{s.Url}/health", ct)).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{s.Name} not healthy after 180 s; last lines of its log:\n{Tail(s)}");
                await Task.Delay(300, ct);
            }
            Log.Info($"{s.Name} healthy");
        }
    }

    private string Tail(ServiceSpec s)
    {
        var path = Path.Combine(LogDirectory, s.Name + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(no log)";
    }

    /// <summary>SIGTERM (graceful ASP.NET shutdown), then SIGKILL after 10 s.</summary>
    public async Task StopAsync()
    {
        foreach (var (name, p) in _processes)
        {
            if (p.HasExited) continue;
            Log.Info($"stopping {name} (pid {p.Id})");
            await Shell.RunAsync("kill", ["-TERM", p.Id.ToString()], repo, null, CancellationToken.None);
        }
        foreach (var p in _processes.Values)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await p.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { p.Kill(); }
        }
        _processes.Clear();
    }

    public async Task DropAsync()
    {
        foreach (var s in Services) await Postgres.DropDatabaseAsync(env.Postgres, s.Database, CancellationToken.None);
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{VirtualHost}");
    }

    /// <summary>Messages waiting in the run's queues (ready: not yet delivered; unacknowledged: delivered to a consumer, not yet
    /// done), from the management API; null when it does not answer.</summary>
    public sealed record QueueBacklog(long Ready, long Unacknowledged, IReadOnlyList<(string Queue, long Messages)> Busiest)
    {
        public string Describe() => $"{Ready} messages ready and {Unacknowledged} unacknowledged" +
            (Busiest.Count > 0 ? $" ({string.Join(", ", Busiest.Select(q => $"{q.Queue} {q.Messages}"))})" : "");
    }

    public async Task<QueueBacklog?> BacklogAsync(CancellationToken ct)
    {
        try
        {
            var queues = await QueuesAsync("name,messages_ready,messages_unacknowledged", ct);
            var rows = queues.Select(q => (Name: q.GetProperty("name").GetString()!, Ready: Count(q, "messages_ready"), Unacked: Count(q, "messages_unacknowledged"))).ToList();
            return new(rows.Sum(r => r.Ready), rows.Sum(r => r.Unacked),
                rows.Where(r => r.Ready + r.Unacked > 0).OrderByDescending(r => r.Ready + r.Unacked).Take(3).Select(r => (r.Name, r.Ready + r.Unacked)).ToList());
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException) { return null; }

        static long Count(JsonElement q, string name) => q.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
    }

    /// <summary>Seconds from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) until no queue of the run holds a
    /// message waiting for delivery, polled every 200 ms with a passive declare of each queue (exact at once, unlike the
    /// management API's counts, which RabbitMQ refreshes every 5 s); the few deliveries then in progress finish within
    /// milliseconds. Null when <paramref name="limit"/> passes first.</summary>
    public async Task<double?> DrainSecondsAsync(long since, TimeSpan limit, CancellationToken ct)
    {
        var queues = (await QueuesAsync("name", ct)).Select(q => q.GetProperty("name").GetString()!).ToList();
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = AmqpUri };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        while (Stopwatch.GetElapsedTime(since) < limit)
        {
            long waiting = 0;
            foreach (var queue in queues) waiting += (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
            if (waiting == 0) return Stopwatch.GetElapsedTime(since).TotalSeconds;
            await Task.Delay(200, ct);
        }
        return null;
    }

    /// <summary>The run's queues as the management API lists them, with the given columns.</summary>
    private async Task<IEnumerable<JsonElement>> QueuesAsync(string columns, CancellationToken ct)
    {
        using var http = ManagementClient();
        return (await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(VirtualHost)}?columns={columns}", ct)).EnumerateArray().ToList();
    }

    /// <summary>The run's own vhost on the shared broker (the services' ConnectionStrings:messaging).</summary>
    private Uri AmqpUri => new UriBuilder(env.RabbitMq) { Path = "/" + VirtualHost }.Uri;

    private HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(env.RabbitMqManagement.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        return http;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>Where the shared servers are (deploy/local/servers.sh env).</summary>
public sealed record BenchEnvironment(string Postgres, Uri RabbitMq, string RabbitMqManagement)
{
    public static BenchEnvironment FromVariables() => new(
        System.Environment.GetEnvironmentVariable("PLATFORM_POSTGRES") ?? throw new InvalidOperationException("PLATFORM_POSTGRES is not set (eval \"$(deploy/local/servers.sh env)\")"),
        new Uri(System.Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ") ?? throw new InvalidOperationException("PLATFORM_RABBITMQ is not set")),
        System.Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ_MANAGEMENT") ?? throw new InvalidOperationException("PLATFORM_RABBITMQ_MANAGEMENT is not set"));
}

public static class Postgres
{
    public static async Task RecreateDatabaseAsync(string server, string database, CancellationToken ct)
    {
        await DropDatabaseAsync(server, database, ct);
        await ExecuteAsync(server, $"create database \"{database}\" encoding 'UTF8' template template0", ct);
    }

    public static Task DropDatabaseAsync(string server, string database, CancellationToken ct) =>
        ExecuteAsync(server, $"drop database if exists \"{database}\" with (force)", ct);

    public static async Task<string> ScalarAsync(string server, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(ct))?.ToString() ?? "";
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}

public static class Shell
{
    /// <summary>Runs a program to completion; its exit code and its stdout+stderr.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string workingDirectory, IDictionary<string, string>? environment, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try { await p.WaitForExitAsync(ct); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw; }
        return (p.ExitCode, await stdout + await stderr);
    }
}

public static class Log
{
    /// <summary>Progress goes to stderr so stdout holds only the table and the JSON.</summary>
    public static void Info(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
}
