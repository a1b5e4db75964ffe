using System.Globalization;

namespace Platform.Benchmarks.Platform;

/// <summary>Command-line options of <c>bench.sh platform</c>. Every figure the run prints comes from
/// measuring with these; nothing here is a result.</summary>
public sealed record BenchOptions
{
    /// <summary>HTTP write commands per second in the fixed-rate phase (each request that changes something is one command).
    /// Null (the default): the rate that appends <see cref="FixedPhaseEventsPerSecond"/> events/s (<see cref="FixedRate"/>).</summary>
    public double? Rate { get; init; }
    public int DurationSeconds { get; init; } = 30;

    /// <summary>Events/s the default fixed rate aims at: the lag target is judged at ≥ 200 appended events/s (below that the
    /// verdict is FAIL), so it asks a little more than 200, to absorb run-to-run variation of the mix, and no more (more
    /// is past the target and, on two cores, past what the machine serves).</summary>
    public const double FixedPhaseEventsPerSecond = 208;

    /// <summary>Events per command of the default mix in the fixed-rate phase: 259 events/s at 214 commands/s in the lead's
    /// quiet run (2026-11-29), 1.19–1.22 in four private runs at 26–59 commands/s (2,222 events for 1,849 commands in one). The warm-up is no
    /// basis: it starts from the seeded enterprises only (no reports to submit yet), so registrations weigh more (1.30 in
    /// that run).</summary>
    public const double DefaultMixEventsPerCommand = 1.21;

    public const string DefaultMix = "register=1,site=2,sharing=1,meeting=1,report=2";

    /// <summary>The fixed phase's commands/s and why: --rate if given; for the default mix 208 ÷ 1.21 ≈ 172; for another
    /// mix 208 ÷ the events per command its warm-up appended (biased towards registrations, see above), or 1.21 without one.</summary>
    public (double Rate, string Basis) FixedRate(double? warmupEventsPerCommand)
    {
        if (Rate is { } rate) return (rate, "--rate");
        var defaultMix = Mix.OrderBy(m => m.Key).SequenceEqual(ParseMix(DefaultMix).OrderBy(m => m.Key));
        var perCommand = !defaultMix && warmupEventsPerCommand is > 0 and var w ? w : DefaultMixEventsPerCommand;
        var source = defaultMix ? "the default mix's" : warmupEventsPerCommand is > 0 ? "this mix's warm-up" : "the default mix's (no warm-up measured)";
        return (FixedPhaseEventsPerSecond / perCommand, $"default: {FixedPhaseEventsPerSecond:F0} events/s ÷ {perCommand:F2} events per command ({source})");
    }

    /// <summary>The closed-loop phase: workers send the next command as soon as the previous answers.</summary>
    public int MaxDurationSeconds { get; init; } = 20;
    /// <summary>Unmeasured seconds of the mix at maximum rate first: the services start cold (tier-0 JIT, empty pools).</summary>
    public int WarmupSeconds { get; init; } = 15;
    public int Workers { get; init; } = 32;
    public IReadOnlyDictionary<string, int> Mix { get; init; } = ParseMix(DefaultMix);
    /// <summary>Enterprises registered before the measured phases (and awaited in every service), so sites, meetings and reports have parties from the first second.</summary>
    public int SeedEnterprises { get; init; } = 20;
    public int BasePort { get; init; } = 5201;
    /// <summary>Names the run's databases (&lt;prefix&gt;_&lt;db&gt;) and RabbitMQ vhost (&lt;prefix&gt;-platform), so two runs on one server do not collide.</summary>
    public string Prefix { get; init; } = "bench";
    public string Environment { get; init; } = "Development";
    /// <summary>Reporting opens a new enterprise's obligations from the Registry's event; its timer (30 s in appsettings.json) only
    /// opens new periods. "" (the default) keeps the service's own setting.</summary>
    public string ReportingScheduleInterval { get; init; } = "";
    /// <summary>Npgsql settings appended to each service's connection string (e.g. "Maximum Pool Size=8"; Npgsql refuses "Max Pool Size"), to compare connection
    /// settings on the same build; "" (the default) leaves the services' own.</summary>
    public string ServiceDbOptions { get; init; } = "";
    /// <summary>Environment variables given to the services only (not to the driver), e.g. a runtime setting to compare on the
    /// same build; "--service-env NAME=VALUE", repeatable.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServiceEnvironment { get; init; } = [];
    /// <summary>Registrations timed one at a time on the idle platform after the load (201 → obligations visible).</summary>
    public int IdleRegistrations { get; init; } = 10;
    /// <summary>Every Nth registration is also watched through the HTTP APIs (Reporting's obligations, Infrastructure's site registration).</summary>
    public int LagHttpSample { get; init; } = 10;
    public int LagPollMilliseconds { get; init; } = 100;
    public int LagTimeoutSeconds { get; init; } = 60;
    public int RebuildEvents { get; init; } = 1_000_000;
    public int EventsPerStream { get; init; } = 10;
    /// <summary>Streams per SaveChanges when generating the rebuild store (the batched-append measurement).</summary>
    public int AppendBatchStreams { get; init; } = 500;
    public int AppendWriters { get; init; } = 2;
    public int PgbenchSeconds { get; init; } = 15;
    public int PgbenchClients { get; init; } = 2;
    public int PgbenchScale { get; init; } = 10;
    public string? JsonPath { get; init; }
    public bool NoBuild { get; init; }
    public bool KeepDatabases { get; init; }
    public bool SkipLoad { get; init; }
    public bool SkipRebuild { get; init; }
    public bool SkipPgbench { get; init; }

    public const string Usage = """
        deploy/local/bench.sh platform [options]
          --pg-port 54339          bench.sh's own PostgreSQL (.local/bench/pg, durable, pg_stat_statements) on this port
          --shared-postgres        use PLATFORM_POSTGRES (or servers.sh's server) instead of bench.sh's own
          --warmup 15              unmeasured seconds at maximum rate first (the services start cold)
          --rate N                 write commands/s in the fixed-rate phase (default: the rate that appends 208 events/s,
                                   172 for the default mix at its 1.21 events per command)          --duration 30   seconds
          --max-duration 20        seconds of the maximum-rate phase (0 skips)   --workers 32        concurrent HTTP workers
          --mix register=1,site=2,sharing=1,meeting=1,report=2                    --seed-enterprises 20
          --base-port 5201         the four services get base-port … base-port+3 --environment Development
          --prefix bench           databases <prefix>_<db>, vhost <prefix>-platform (another name keeps runs apart)
          --reporting-schedule-interval ""         (the service's own 30 s)    --idle 10   registrations timed on the idle platform
          --service-db-options ""  Npgsql settings added to the services' connection strings, e.g. "Maximum Pool Size=8"
          --service-env NAME=VALUE an environment variable for the services only (repeatable)
          --lag-http-sample 10     --lag-poll-ms 100      --lag-timeout 60
          --rebuild-events 1000000 --events-per-stream 10 --append-batch 500 --append-writers 2
          --pgbench-seconds 15     --pgbench-clients 2    --pgbench-scale 10
          --json out.json          --no-build   --keep-databases   --skip-load   --skip-rebuild   --skip-pgbench
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--rate" => o with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => o with { DurationSeconds = Int() },
                "--max-duration" => o with { MaxDurationSeconds = Int() },
                "--warmup" => o with { WarmupSeconds = Int() },
                "--workers" => o with { Workers = Int() },
                "--mix" => o with { Mix = ParseMix(Next()) },
                "--seed-enterprises" => o with { SeedEnterprises = Int() },
                "--base-port" => o with { BasePort = Int() },
                "--prefix" => o with { Prefix = Next() },
                "--environment" => o with { Environment = Next() },
                "--reporting-schedule-interval" => o with { ReportingScheduleInterval = Next() },
                "--service-db-options" => o with { ServiceDbOptions = Next() },
                "--service-env" => o with { ServiceEnvironment = [.. o.ServiceEnvironment, EnvironmentSetting(Next())] },
                "--idle" => o with { IdleRegistrations = Int() },
                "--lag-http-sample" => o with { LagHttpSample = Int() },
                "--lag-poll-ms" => o with { LagPollMilliseconds = Int() },
                "--lag-timeout" => o with { LagTimeoutSeconds = Int() },
                "--rebuild-events" => o with { RebuildEvents = Int() },
                "--events-per-stream" => o with { EventsPerStream = Int() },
                "--append-batch" => o with { AppendBatchStreams = Int() },
                "--append-writers" => o with { AppendWriters = Int() },
                "--pgbench-seconds" => o with { PgbenchSeconds = Int() },
                "--pgbench-clients" => o with { PgbenchClients = Int() },
                "--pgbench-scale" => o with { PgbenchScale = Int() },
                "--json" => o with { JsonPath = Next() },
                "--no-build" => o with { NoBuild = true },
                "--keep-databases" => o with { KeepDatabases = true },
                "--skip-load" => o with { SkipLoad = true },
                "--skip-rebuild" => o with { SkipRebuild = true },
                "--skip-pgbench" => o with { SkipPgbench = true },
                "--help" or "-h" => throw new ArgumentException("options:"),
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.Rate is <= 0 || o.Workers < 1 || o.EventsPerStream < 1 || o.AppendBatchStreams < 1 || o.AppendWriters < 1 || o.LagHttpSample < 1)
            throw new ArgumentException("rate, workers, events-per-stream, append-batch, append-writers and lag-http-sample must be positive");
        return o;
    }

    private static KeyValuePair<string, string> EnvironmentSetting(string text) =>
        text.IndexOf('=') is var at and > 0 ? new(text[..at], text[(at + 1)..]) : throw new ArgumentException($"--service-env: '{text}' is not NAME=VALUE");

    public static IReadOnlyDictionary<string, int> ParseMix(string text)
    {
        var known = new[] { "register", "site", "sharing", "meeting", "report" };
        var mix = new Dictionary<string, int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=');
            if (kv.Length != 2 || !known.Contains(kv[0]) || !int.TryParse(kv[1], out var weight) || weight < 0)
                throw new ArgumentException($"--mix: '{part}' is not name=weight with name one of {string.Join(", ", known)}");
            mix[kv[0]] = weight;
        }
        if (mix.Values.Sum() == 0) throw new ArgumentException("--mix: at least one weight must be positive");
        return mix;
    }
}
