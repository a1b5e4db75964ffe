using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Platform.Benchmarks.Platform;

namespace Platform.Benchmarks;

/// <summary>
/// Issue 8's whole-platform benchmark: starts the four services as real processes on their own databases,
/// RabbitMQ virtual host and ports; seeds a few enterprises; drives the HTTP APIs at a fixed rate and then at
/// maximum rate while measuring per-endpoint latency, events appended per service, cross-service propagation lag
/// and the services' peak memory; stops them; then measures pgbench and Marten batched appends on the same
/// PostgreSQL and the rebuild of a Registry projection over a generated store. Prints a table and one JSON object.
/// </summary>
public static class PlatformBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        BenchOptions options;
        try { options = BenchOptions.Parse(args); }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; Log.Info("Ctrl+C: stopping"); cts.Cancel(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
        var ct = cts.Token;

        var repo = FindRepository();
        var env = BenchEnvironment.FromVariables();
        var report = new Report
        {
            Options = options,
            Machine = new Report.MachineInfo(Environment.ProcessorCount, LoadAverage(), null,
                await Postgres.ScalarAsync(env.Postgres, "show fsync", ct), await Postgres.ScalarAsync(env.Postgres, "show synchronous_commit", ct),
                await Postgres.ScalarAsync(env.Postgres, "show server_version", ct))
            {
                FullPageWrites = await Postgres.ScalarAsync(env.Postgres, "show full_page_writes", ct),
                PostgresServer = Environment.GetEnvironmentVariable("PLATFORM_BENCH_POSTGRES") is { Length: > 0 } server ? server : "PLATFORM_POSTGRES (not started by bench.sh)",
            },
        };

        try
        {
            if (!options.SkipLoad) await RunLoadAsync(repo, env, options, report, ct);
            var cpu = new CpuMeter(new Dictionary<string, int>(), await SqlStatistics.PostmasterPidAsync(env.Postgres, ct));
            if (!options.SkipPgbench)
            {
                var window = cpu.Start();
                report.PgBench = await PgBench.RunAsync(env, options, repo, ct);
                report.Cpu["pgbench (with -i)"] = await window.StopAsync();
            }
            if (!options.SkipRebuild) report.Rebuild = await RebuildBenchmark.RunAsync(env, options, cpu, report.Cpu, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log.Info("cancelled; printing what was measured");
            report.Notes.Add("The run was cancelled (Ctrl+C/SIGTERM) before it finished.");
        }
        finally
        {
            if (!options.KeepDatabases)
            {
                await Postgres.DropDatabaseAsync(env.Postgres, PgBench.Database, CancellationToken.None);
                await Postgres.DropDatabaseAsync(env.Postgres, RebuildBenchmark.Database, CancellationToken.None);
            }
        }

        var finished = report.Machine with { LoadAfter = LoadAverage() };
        report = Copy(report, finished);
        Console.WriteLine(report.Table());
        var json = report.Json();
        Console.WriteLine(json);
        if (options.JsonPath is { } path) await File.WriteAllTextAsync(path, json + Environment.NewLine, CancellationToken.None);
        return ct.IsCancellationRequested ? 130 : 0;
    }

    private static async Task RunLoadAsync(string repo, BenchEnvironment env, BenchOptions options, Report report, CancellationToken ct)
    {
        await using var fleet = new ServiceFleet(repo, options, env);
        Log.Info($"fresh databases {string.Join(", ", fleet.Services.Select(s => s.Database))} and RabbitMQ vhost {fleet.VirtualHost}");
        await fleet.PrepareAsync(ct);
        try
        {
            if (!options.NoBuild) await fleet.BuildAsync(ct);
            await fleet.StartAsync(ct);
            await using var memory = new MemorySampler(fleet.Pids);
            memory.Start();

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            { Timeout = TimeSpan.FromSeconds(60) };
            var state = new PlatformState();
            var probeToken = DevelopmentTokens.Issue(PlatformRoles.Manager, userId: "bench-lag-probe");
            await using var lag = new LagProbe(fleet, state, options, http, probeToken);
            lag.Start();
            var driver = new LoadDriver(fleet, state, lag, options, http);

            Log.Info($"seeding {options.SeedEnterprises} enterprises and waiting until every service knows them");
            await driver.SeedAsync(options.SeedEnterprises, ct);

            double? eventsPerCommand = null;
            if (options.WarmupSeconds > 0)
            {
                Log.Info($"warm-up: {options.WarmupSeconds} s at maximum rate (not measured)");
                var beforeWarmup = await EventCounter.CountAsync(fleet, ct);
                var warmup = await driver.RunAsync("warmup", TimeSpan.FromSeconds(options.WarmupSeconds), null, ct);
                await lag.DrainAsync(ct);
                // The measured phases start with empty queues (at maximum rate the consumers fall behind).
                var warmupDrain = await fleet.DrainSecondsAsync(System.Diagnostics.Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(120), ct);
                Log.Info($"warm-up: {warmup.Commands} commands; {(warmupDrain is { } w ? $"no message waiting in the queues {w:F1} s after the registrations arrived" : "messages still waiting after 120 s")}");
                // After the drains, so the consumers' events (Reporting's obligations) of the warm-up's commands count too.
                var afterWarmup = await EventCounter.CountAsync(fleet, ct);
                var appended = afterWarmup.Sum(a => a.Value - beforeWarmup[a.Key]);
                if (warmup.Commands > 0) eventsPerCommand = (double)appended / warmup.Commands;
                Log.Info($"warm-up: {warmup.Commands} commands appended {appended} events ({eventsPerCommand:F2} per command)");
            }
            var (fixedRate, basis) = options.FixedRate(eventsPerCommand);
            report.FixedRateBasis = basis;
            report.FixedRate = fixedRate;

            var postmaster = await SqlStatistics.PostmasterPidAsync(env.Postgres, ct);
            if (postmaster is null) report.Notes.Add("PostgreSQL's CPU counts every postgres process on the machine (the server's postmaster.pid was not readable).");
            var cpu = new CpuMeter(fleet.Pids, postmaster);
            var sql = new SqlStatistics(fleet, env.Postgres);
            foreach (var (phase, seconds, rate) in new[] { ("fixed", options.DurationSeconds, (double?)fixedRate), ("max", options.MaxDurationSeconds, null) })
            {
                if (seconds <= 0) continue;
                Log.Info($"phase '{phase}': {seconds} s at {(rate is { } r ? $"{r} commands/s" : "maximum rate")}");
                var before = await EventCounter.CountAsync(fleet, ct);
                await sql.StartAsync(ct);
                var (window, probesBefore) = (cpu.Start(), lag.HttpProbeRequests);
                var result = await driver.RunAsync(phase, TimeSpan.FromSeconds(seconds), rate, ct);
                var loadStopped = System.Diagnostics.Stopwatch.GetTimestamp();
                var (usage, probesAfter) = (await window.StopAsync(), lag.HttpProbeRequests);
                var backlog = await fleet.BacklogAsync(ct);
                // The commands' work is done only once the consumers caught up: watched from now, while the phase's SQL and
                // event counts (those of the phase itself) are read.
                var drained = fleet.DrainSecondsAsync(loadStopped, TimeSpan.FromSeconds(120), ct);
                var queries = await sql.StopAsync(phase, ct);
                report.Notes.Add($"SQL per command in '{phase}' ({result.Commands} commands): " + string.Join("; ", queries.ByService.Select(q =>
                    $"{q.Key} {(double)q.Value.Commits / Math.Max(1, result.Commands):F2} commits, {(double)q.Value.Rollbacks / Math.Max(1, result.Commands):F2} rollbacks" +
                    (q.Value.Statements is { } n ? $", {(double)n / Math.Max(1, result.Commands):F1} statements" : ""))) +
                    (queries.StatementsFile is { } f ? $" (statements: {f})" : " (pg_stat_statements not loaded: no statement counts)"));
                if (queries.Kinds.Count > 0)
                    report.Notes.Add($"Statements per command in '{phase}' by kind: " + string.Join("; ", queries.Kinds.Select(k =>
                        $"{k.Key} " + string.Join(", ", SqlStatistics.Kinds.Where(k.Value.ContainsKey)
                            .Select(kind => $"{kind} {(double)k.Value[kind] / Math.Max(1, result.Commands):F2}")))) +
                        $"; all four without the lag probe {(double)queries.Kinds.Values.Sum(k => k.Where(x => x.Key != "lag probe").Sum(x => x.Value)) / Math.Max(1, result.Commands):F1}.");
                if (queries.Wal is { } wal)
                {
                    double PerCommand(long n) => (double)n / Math.Max(1, result.Commands);
                    report.Notes.Add($"WAL per command in '{phase}' (the whole server): {PerCommand(wal.Records):F1} records, {PerCommand(wal.FullPageImages):F2} full-page images, " +
                        $"{PerCommand(wal.Bytes) / 1024:F1} kB ({(wal.Bytes > 0 ? 100.0 * wal.FullPageImages * 8192 / wal.Bytes : 0):F0} % at most in full-page images), {PerCommand(wal.Syncs):F2} WAL flushes.");
                }
                var after = await EventCounter.CountAsync(fleet, ct);
                var drain = await drained;
                report.Phases.Add(new Report.PhaseFigures(result, before.Keys.ToDictionary(k => k, k => new EventRate(before[k], after[k], result.Seconds)),
                    usage, probesAfter - probesBefore, backlog, drain));
                Log.Info($"phase '{phase}' done: {result.Commands} commands in {result.Seconds:F1} s; broker backlog then: {backlog?.Describe() ?? "unknown"}, " +
                    $"{(drain is { } dr ? $"none waiting {dr:F1} s after the load" : "messages still waiting after 120 s")}; waiting for {lag.Pending} registrations to propagate");
                await lag.DrainAsync(ct);
                report.Lag[phase] = new(lag.Figures(phase));
            }
            if (options.IdleRegistrations > 0)
            {
                Log.Info($"idle platform: {options.IdleRegistrations} registrations one at a time, 201 → obligations visible");
                await Task.Delay(3000, ct);
                report.Idle = await lag.IdleAsync(driver, options.IdleRegistrations, ct);
            }
            report.Memory = new(memory.Peaks());
        }
        finally
        {
            await fleet.StopAsync();
            if (!options.KeepDatabases) await fleet.DropAsync();
        }
    }

    private static Report Copy(Report r, Report.MachineInfo machine)
    {
        var copy = new Report
        {
            Options = r.Options, Machine = machine, Memory = r.Memory, PgBench = r.PgBench, Rebuild = r.Rebuild, Idle = r.Idle,
            FixedRate = r.FixedRate, FixedRateBasis = r.FixedRateBasis
        };
        copy.Phases.AddRange(r.Phases);
        foreach (var (k, v) in r.Lag) copy.Lag[k] = v;
        copy.Notes.AddRange(r.Notes);
        foreach (var (k, v) in r.Cpu) copy.Cpu[k] = v;
        return copy;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "deploy", "local", "services.txt"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository (deploy/local/services.txt not found above the current directory).");
    }
}
