using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Benchmarks.Platform;

/// <summary>Everything one run measured, with the issue's targets beside the figures they judge.</summary>
public sealed class Report
{
    public required BenchOptions Options { get; init; }
    public required MachineInfo Machine { get; init; }
    public List<PhaseFigures> Phases { get; } = [];
    public Dictionary<string, Dictionary<string, LagFigures>> Lag { get; } = [];
    public Dictionary<string, (double PeakRssMb, double VmHwmMb)> Memory { get; set; } = [];
    public PgBench.Result? PgBench { get; set; }
    public RebuildBenchmark.Result? Rebuild { get; set; }
    public List<string> Notes { get; } = [];
    /// <summary>Commands/s the fixed-rate phase asked for, and why that figure (--rate, or derived from the warm-up).</summary>
    public double? FixedRate { get; set; }
    public string FixedRateBasis { get; set; } = "";
    /// <summary>CPU during the database measurements (pgbench, appends, rebuild), to judge them on a shared machine.</summary>
    public Dictionary<string, CpuMeter.Usage> Cpu { get; } = [];

    /// <summary>ProbeRequests: HTTP requests of the lag probe sent during the phase (load on Reporting and Infrastructure not in the endpoint table).</summary>
    /// <remarks>Backlog: messages in the run's queues when the phase's load stopped. A phase that ends with the consumers far
    /// behind did not serve its commands at that rate: part of their work was only deferred (with many clients the HTTP
    /// commands take the CPU and the queues grow, so commands/s rise while events per command fall).</remarks>
    public sealed record PhaseFigures(LoadDriver.PhaseResult Load, Dictionary<string, EventRate> Events, CpuMeter.Usage Cpu, int ProbeRequests,
        ServiceFleet.QueueBacklog? Backlog = null, double? DrainSeconds = null)
    {
        /// <summary>Commands per second counting the time the consumers needed after the load to finish the commands' work.</summary>
        public double? SustainedCommandsPerSecond => DrainSeconds is { } d ? Load.Commands / (Load.Seconds + d) : null;

        public double EventsPerSecond => Events.Values.Sum(e => e.Appended) / Load.Seconds;
    }

    public sealed record MachineInfo(int Cores, string LoadBefore, string? LoadAfter, string Fsync, string SynchronousCommit, string PostgresVersion)
    {
        public string FullPageWrites { get; init; } = "?";
        /// <summary>Which server the run used: bench.sh's private one (the default) or the shared PLATFORM_POSTGRES.</summary>
        public string PostgresServer { get; init; } = "?";
    }

    public sealed record Target(string Name, string Goal, double? Value, string Unit, string Verdict, string Basis);

    public double? AppendRatio => PgBench is { } pg && Rebuild is { } r ? r.AppendEventsPerSecond / pg.Tps : null;

    /// <summary>The idle platform: 201 → obligations visible, one registration at a time (null when not run).</summary>
    public (Distribution Seconds, int Missing)? Idle { get; set; }

    /// <summary>Maximum-rate commands/s ÷ pgbench TPC-B tps of the same run.</summary>
    public double? ThroughputRatio => PgBench is { Tps: > 0 } pg && Phases.FirstOrDefault(p => p.Load.Phase == "max") is { } max
        ? max.Load.Commands / max.Load.Seconds / pg.Tps : null;

    public const double LagTargetSeconds = 0.5, LagTargetEventsPerSecond = 200, IdleTargetSeconds = 1, ThroughputTarget = 0.35, MemoryTargetMb = 300;

    private static string Verdict(bool? pass) => pass switch { true => "PASS", false => "FAIL", null => "NOT MEASURED" };

    public IReadOnlyList<Target> Targets()
    {
        var targets = new List<Target>();
        var fixedPhase = Phases.FirstOrDefault(p => p.Load.Phase == "fixed");
        var atRate = fixedPhase is not null && fixedPhase.EventsPerSecond >= LagTargetEventsPerSecond;
        var rateNote = fixedPhase is null ? "no fixed-rate phase" : $"fixed-rate phase: {F(fixedPhase.EventsPerSecond, 0)} events/s appended across the services{(atRate ? "" : $" (below {LagTargetEventsPerSecond:F0}: FAIL whatever the lag)")}, {F(fixedPhase.Load.Commands / fixedPhase.Load.Seconds, 0)} commands/s sent (asked {F(FixedRate ?? 0, 0)}, {FixedRateBasis})";
        foreach (var kind in LagProbe.Kinds)
        {
            var lag = Lag.GetValueOrDefault("fixed")?.GetValueOrDefault(kind);
            var p99 = lag is { Seconds.Count: > 0 } ? lag.Seconds.P99 : (double?)null;
            targets.Add(new($"propagation p99, {kind}", $"< {LagTargetSeconds} s at ≥ {LagTargetEventsPerSecond:F0} events/s", p99, "s",
                Verdict(p99 is null ? null : p99 < LagTargetSeconds && lag!.Missing == 0 && atRate),
                $"n={lag?.Seconds.Count ?? 0}, not seen within {Options.LagTimeoutSeconds} s: {lag?.Missing ?? 0}; {rateNote}"));
        }
        targets.Add(new("idle platform, 201 → obligations visible (max)", $"< {IdleTargetSeconds} s", Idle is { Seconds.Count: > 0 } idle ? idle.Seconds.Max : null, "s",
            Verdict(Idle is { Seconds.Count: > 0 } i ? i.Seconds.Max < IdleTargetSeconds && i.Missing == 0 : null),
            Idle is { } id ? $"{id.Seconds.Count} registrations one at a time after the load, 1 s apart; p50 {F(id.Seconds.P50, 3)} s; not seen: {id.Missing}; GET polled every 20 ms" : "not run (--idle 0 or no load)"));
        var max = Phases.FirstOrDefault(p => p.Load.Phase == "max");
        targets.Add(new("throughput at maximum rate ÷ pgbench TPC-B tps", $"≥ {ThroughputTarget:F2}", ThroughputRatio, "×", Verdict(ThroughputRatio is { } t ? t >= ThroughputTarget : null),
            max is null || PgBench is null ? "needs the maximum-rate phase and pgbench"
                : $"{F(max.Load.Commands / max.Load.Seconds, 1)} commands/s ({Options.Workers} workers) ÷ {F(PgBench.Tps, 0)} pgbench tps ({PgBench.Clients} clients, same PostgreSQL, measured after the load)" +
                  (max.Backlog is { } backlog ? $"; broker backlog when the load stopped: {backlog.Describe()}" +
                      (max.DrainSeconds is { } drained ? $", none waiting {drained:F1} s after the load ({F(max.SustainedCommandsPerSecond ?? double.NaN, 1)} commands/s counting that time)" : ", messages still waiting 120 s after the load") : "")));
        foreach (var (service, mem) in Memory.OrderBy(m => m.Key))
            targets.Add(new($"peak resident memory, {service}", $"< {MemoryTargetMb:F0} MB through the run", mem.VmHwmMb, "MB", Verdict(mem.VmHwmMb < MemoryTargetMb),
                $"VmHWM (kernel high-water mark of RSS); largest sampled VmRSS {F(mem.PeakRssMb, 0)} MB"));
        targets.Add(new("batched appends vs pgbench", "≥ 60 % of pgbench's write rate", AppendRatio is { } ratio ? ratio * 100 : null, "%",
            Verdict(AppendRatio is { } ar ? ar >= 0.6 : null),
            Rebuild is null || PgBench is null ? "needs both the rebuild store generation and pgbench"
                : $"{F(Rebuild.AppendEventsPerSecond, 0)} events/s appended (Marten StartStream, {Rebuild.StreamsPerSaveChanges} streams × {Rebuild.EventsPerStream} events per SaveChanges, {Rebuild.Writers} writers) ÷ {F(PgBench.Tps, 0)} pgbench TPC-B tps ({PgBench.Clients} clients; each transaction 3 UPDATE + 1 SELECT + 1 INSERT)"));
        targets.Add(new("projection rebuild of 1,000,000 events", "< 60 s", Rebuild?.RebuildSeconds, "s",
            Rebuild is null || Rebuild.Events < 1_000_000 ? "NOT MEASURED" : Verdict(Rebuild.RebuildSeconds < 60),
            Rebuild is null ? "" : $"{Rebuild.Projection} over {Rebuild.Events:N0} events in {Rebuild.Streams:N0} streams: {F(Rebuild.RebuildEventsPerSecond, 0)} events/s"));
        return targets;
    }

    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Platform benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Machine.Cores} cores, load average before {Machine.LoadBefore}, after {Machine.LoadAfter})");
        sb.AppendLine($"PostgreSQL {Machine.PostgresVersion}: {Machine.PostgresServer}; fsync={Machine.Fsync}, synchronous_commit={Machine.SynchronousCommit}, full_page_writes={Machine.FullPageWrites}" +
            (Machine.Fsync == "on" && Machine.SynchronousCommit == "on" ? "" : " (NOT durable: commits and pgbench's tps are not comparable with a durable server)"));
        if (Options.ServiceDbOptions.Length > 0) sb.AppendLine($"Services' connection strings with: {Options.ServiceDbOptions}");
        if (Options.ServiceEnvironment.Count > 0) sb.AppendLine($"Services' environment with: {string.Join(", ", Options.ServiceEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
        foreach (var phase in Phases)
        {
            var l = phase.Load;
            sb.AppendLine();
            sb.AppendLine($"## Commands, phase '{l.Phase}' ({(l.TargetRate is { } r ? $"asked {F(r, 0)} commands/s, {FixedRateBasis}" : "maximum rate")}, {Options.Workers} workers, {F(l.Seconds, 1)} s, {l.Commands} commands = {F(l.Commands / l.Seconds, 1)}/s)");
            sb.AppendLine("| endpoint | sent | ok | failed | ok/s | p50 ms | p95 ms | p99 ms | max ms | outcomes |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var e in l.Endpoints)
                sb.AppendLine($"| {e.Endpoint} | {e.Sent} | {e.Succeeded} | {e.Failed} | {F(e.SucceededPerSecond, 1)} | {F(e.LatencyMs.P50, 1)} | {F(e.LatencyMs.P95, 1)} | {F(e.LatencyMs.P99, 1)} | {F(e.LatencyMs.Max, 1)} | {string.Join(", ", e.Outcomes.Select(o => $"{o.Key}×{o.Value}"))} |");
            sb.AppendLine($"Operations: {string.Join(", ", l.Operations.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
            sb.AppendLine();
            sb.AppendLine($"Events appended during '{l.Phase}' (rows of <service>.mt_events):");
            sb.AppendLine("| service | events | events/s |");
            sb.AppendLine("|---|---:|---:|");
            foreach (var (service, rate) in phase.Events) sb.AppendLine($"| {service} | {rate.Appended} | {F(rate.PerSecond, 1)} |");
            sb.AppendLine($"| all | {phase.Events.Values.Sum(e => e.Appended)} | {F(phase.EventsPerSecond, 1)} |");
            if (l.Commands > 0) sb.AppendLine($"Events per command: {F((double)phase.Events.Values.Sum(e => e.Appended) / l.Commands, 2)} (the default fixed rate assumes {BenchOptions.DefaultMixEventsPerCommand:F2} for the default mix).");
            if (phase.Backlog is { } b) sb.AppendLine($"Broker backlog when the load stopped: {b.Describe()} (RabbitMQ's statistics, up to 5 s old); " +
                (phase.DrainSeconds is { } d ? $"no message waited for delivery {d:F1} s after the load, so {F(phase.SustainedCommandsPerSecond ?? double.NaN, 1)} commands/s counting that time." : "messages still waited 120 s after the load."));
            sb.AppendLine();
            sb.AppendLine($"CPU during '{l.Phase}': machine {F(phase.Cpu.MachineBusyPercent, 0)} % busy ({F(phase.Cpu.AvailableCpuSeconds, 1)} CPU-s available); CPU-s used by " +
                string.Join(", ", phase.Cpu.CpuSecondsByProcess.OrderBy(c => c.Key).Select(c => $"{c.Key} {F(c.Value, 1)}")) + $", everything else on the machine {F(phase.Cpu.OtherCpuSeconds, 1)}. " +
                $"Lag-probe HTTP requests (not in the table): {phase.ProbeRequests}.");
            var platformCpu = phase.Cpu.CpuSecondsByProcess.Values.Sum();
            var servicesCpu = phase.Cpu.CpuSecondsByProcess.Where(c => !c.Key.Contains('(') && c.Key != "benchmark driver").Sum(c => c.Value);
            if (l.Commands > 0)
                sb.AppendLine($"CPU per command: services {F(1000 * servicesCpu / l.Commands, 1)} ms, with PostgreSQL, RabbitMQ and the driver {F(1000 * platformCpu / l.Commands, 1)} ms " +
                    $"(so {Machine.Cores} otherwise idle cores would allow at most ≈ {F(Machine.Cores * l.Commands / platformCpu, 0)} commands/s of this mix; RabbitMQ's figure, and PostgreSQL's on a shared server, include their other users).");
            if (l.Commands > 0)
                sb.AppendLine("CPU per command by process: " + string.Join(", ", phase.Cpu.CpuSecondsByProcess.OrderBy(c => c.Key).Select(c => $"{c.Key} {F(1000 * c.Value / l.Commands, 2)} ms")) + ".");
            if (phase.Cpu.TopOthers.Count > 0) sb.AppendLine($"Other processes using CPU meanwhile: {string.Join("; ", phase.Cpu.TopOthers)}.");
        }
        foreach (var (phase, kinds) in Lag)
        {
            sb.AppendLine();
            sb.AppendLine($"## Propagation lag of enterprises registered in phase '{phase}' (seconds)");
            sb.AppendLine("| path | n | p50 | p95 | p99 | max | not seen |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (kind, f) in kinds)
                sb.AppendLine($"| {kind} | {f.Seconds.Count} | {F(f.Seconds.P50, 3)} | {F(f.Seconds.P95, 3)} | {F(f.Seconds.P99, 3)} | {F(f.Seconds.Max, 3)} | {f.Missing} |");
        }
        if (Rebuild is { } rb)
        {
            sb.AppendLine();
            sb.AppendLine("## Event store: batched appends and projection rebuild");
            sb.AppendLine($"| figure | value |\n|---|---:|");
            sb.AppendLine($"| unbatched append (1 event per SaveChanges, {rb.Writers} writers, {F(rb.SingleAppendSeconds, 0)} s) | {F(rb.SingleAppendEventsPerSecond, 0)} events/s |");
            sb.AppendLine($"| events generated | {rb.Events:N0} ({rb.Streams:N0} streams × {rb.EventsPerStream}) |");
            sb.AppendLine($"| batched append (Marten, {rb.StreamsPerSaveChanges} streams/SaveChanges, {rb.Writers} writers) | {F(rb.AppendSeconds, 1)} s = {F(rb.AppendEventsPerSecond, 0)} events/s |");
            sb.AppendLine($"| rebuild {rb.Projection.Split('.')[^1]} | {F(rb.RebuildSeconds, 1)} s = {F(rb.RebuildEventsPerSecond, 0)} events/s ({rb.Documents:N0} documents) |");
        }
        if (PgBench is { } pg)
        {
            sb.AppendLine($"| pgbench TPC-B ({pg.Clients} clients, scale {pg.Scale}, {pg.Seconds} s) | {F(pg.Tps, 0)} tps ({pg.Transactions:N0} transactions) |");
            if (AppendRatio is { } ratio) sb.AppendLine($"| ratio: batched append events/s ÷ pgbench tps | {F(ratio * 100, 0)} % |");
            if (Rebuild is { } r2) sb.AppendLine($"| ratio: unbatched append events/s (one transaction each) ÷ pgbench tps | {F(100 * r2.SingleAppendEventsPerSecond / pg.Tps, 0)} % |");
        }
        if (Cpu.Count > 0) sb.AppendLine();
        foreach (var (name, cpu) in Cpu)
            sb.AppendLine($"- CPU during {name} ({F(cpu.Seconds, 1)} s): machine {F(cpu.MachineBusyPercent, 0)} % busy; PostgreSQL {F(cpu.CpuSecondsByProcess[CpuMeter.PostgreSql], 1)}, " +
                $"benchmark process {F(cpu.CpuSecondsByProcess[CpuMeter.Driver], 1)}, everything else {F(cpu.OtherCpuSeconds, 1)} of {F(cpu.AvailableCpuSeconds, 1)} CPU-s" +
                (cpu.TopOthers.Count > 0 ? $" (mostly: {string.Join("; ", cpu.TopOthers.Take(3))})" : "") + ".");
        if (Memory.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Peak memory of the service processes");
            sb.AppendLine("| service | VmHWM MB | largest sampled VmRSS MB |\n|---|---:|---:|");
            foreach (var (service, m) in Memory.OrderBy(m => m.Key)) sb.AppendLine($"| {service} | {F(m.VmHwmMb, 0)} | {F(m.PeakRssMb, 0)} |");
        }
        sb.AppendLine();
        sb.AppendLine("## Targets (figures, not test assertions)");
        sb.AppendLine("| target | goal | measured | verdict | basis |\n|---|---|---:|---|---|");
        foreach (var t in Targets()) sb.AppendLine($"| {t.Name} | {t.Goal} | {Measured(t)} | {t.Verdict} | {t.Basis} |");
        sb.AppendLine();
        sb.AppendLine("## Verdicts");
        foreach (var t in Targets()) sb.AppendLine($"{t.Verdict,-12} {t.Name}: {Measured(t)} (target {t.Goal})");
        foreach (var note in Notes) sb.AppendLine($"- {note}");
        return sb.ToString();
    }

    private static string Measured(Target t) => t.Value is { } v ? $"{F(v, t.Unit switch { "s" => 3, "×" => 2, _ => 0 })} {t.Unit}" : "–";

    public string Json() => JsonSerializer.Serialize(new
    {
        benchmark = "platform",
        at = DateTimeOffset.UtcNow,
        machine = Machine,
        options = new
        {
            Options.Rate, fixedRate = FixedRate, fixedRateBasis = FixedRateBasis, Options.DurationSeconds, Options.MaxDurationSeconds, Options.Workers, mix = Options.Mix, Options.SeedEnterprises,
            Options.ReportingScheduleInterval, Options.ServiceDbOptions, serviceEnvironment = Options.ServiceEnvironment.ToDictionary(), Options.IdleRegistrations, Options.LagHttpSample, Options.LagPollMilliseconds, Options.LagTimeoutSeconds,
            Options.RebuildEvents, Options.EventsPerStream, Options.AppendBatchStreams, Options.AppendWriters,
            Options.PgbenchSeconds, Options.PgbenchClients, Options.PgbenchScale, Options.Environment,
        },
        phases = Phases.Select(p => new
        {
            phase = p.Load.Phase, targetCommandsPerSecond = p.Load.TargetRate, seconds = p.Load.Seconds, commands = p.Load.Commands,
            commandsPerSecond = p.Load.Commands / p.Load.Seconds, operations = p.Load.Operations,
            endpoints = p.Load.Endpoints,
            eventsAppended = p.Events.ToDictionary(e => e.Key, e => new { e.Value.Before, e.Value.After, e.Value.Appended, e.Value.PerSecond }),
            eventsPerSecondAllServices = p.EventsPerSecond,
            cpu = p.Cpu,
            lagProbeHttpRequests = p.ProbeRequests,
            brokerBacklog = p.Backlog is { } b ? new { b.Ready, b.Unacknowledged, busiest = b.Busiest.ToDictionary(q => q.Queue, q => q.Messages) } : null,
            drainSeconds = p.DrainSeconds, sustainedCommandsPerSecond = p.SustainedCommandsPerSecond,
        }),
        lagSeconds = Lag,
        idleObligationSeconds = Idle is { } idl ? new { idl.Seconds, idl.Missing } : null,
        throughputToPgbench = ThroughputRatio,
        memoryMb = Memory.ToDictionary(m => m.Key, m => new { vmHwm = m.Value.VmHwmMb, peakSampledRss = m.Value.PeakRssMb }),
        pgbench = PgBench,
        eventStore = Rebuild,
        databaseMeasurementsCpu = Cpu,
        appendToPgbench = AppendRatio is { } r ? new
        {
            ratio = r,
            unbatchedRatio = Rebuild!.SingleAppendEventsPerSecond / PgBench!.Tps,
            definition = "Marten batched-append events/s (StartStream, many streams per SaveChanges, parallel writers) divided by pgbench TPC-B transactions/s (3 UPDATE + 1 SELECT + 1 INSERT per committed transaction) on the same PostgreSQL; unbatchedRatio: one event per SaveChanges (one transaction each), same writers",
        } : null,
        targets = Targets(),
        notes = Notes,
    }, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Vietnamese text and "+" stay readable
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private static string F(double value, int digits) => double.IsNaN(value) ? "–" : value.ToString("F" + digits, CultureInfo.InvariantCulture);
}
