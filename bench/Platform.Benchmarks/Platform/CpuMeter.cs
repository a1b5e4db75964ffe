namespace Platform.Benchmarks.Platform;

/// <summary>
/// CPU time used during a phase, from /proc: the machine as a whole (/proc/stat), each service process, the
/// benchmark process itself, and all PostgreSQL and RabbitMQ processes (which also serve anyone else using the
/// shared servers; backends that exit during the phase are missed). The rest of the machine's busy time is
/// other work on the machine. On a shared machine this says how much of the CPU the platform actually had.
/// </summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> servicePids)
{
    private static readonly double TicksPerSecond = ClockTicks();

    public sealed record Snapshot(double MachineBusy, double MachineTotal, IReadOnlyDictionary<string, double> Seconds, IReadOnlyDictionary<int, (string Name, double Seconds)> Others);

    /// <summary>TopOthers: the processes outside the platform that used the most CPU during the phase (what else ran).</summary>
    public sealed record Usage(double Seconds, double MachineBusyPercent, IReadOnlyDictionary<string, double> CpuSecondsByProcess, double OtherCpuSeconds, double AvailableCpuSeconds,
        IReadOnlyList<string> TopOthers);

    public Snapshot Take()
    {
        var stat = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        var idle = stat[3] + stat[4];
        var total = stat.Take(8).Sum();
        var seconds = servicePids.ToDictionary(p => p.Key, p => ProcessSeconds(p.Value));
        seconds["benchmark driver"] = ProcessSeconds(Environment.ProcessId);
        seconds["postgresql (all)"] = 0;
        seconds["rabbitmq (all)"] = 0;
        var ours = servicePids.Values.Append(Environment.ProcessId).ToHashSet();
        var others = new Dictionary<int, (string, double)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ours.Contains(pid)) continue;
            string comm;
            try { comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim(); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            if (comm == "postgres") seconds["postgresql (all)"] += ProcessSeconds(pid);
            else if (comm.StartsWith("beam", StringComparison.Ordinal) || comm == "epmd") seconds["rabbitmq (all)"] += ProcessSeconds(pid);
            else others[pid] = (CommandLine(dir, comm), ProcessSeconds(pid));
        }
        return new Snapshot((total - idle) / TicksPerSecond, total / TicksPerSecond, seconds, others);
    }

    public static Usage Between(Snapshot a, Snapshot b, double wallSeconds)
    {
        var byProcess = b.Seconds.ToDictionary(s => s.Key, s => Math.Max(0, s.Value - a.Seconds.GetValueOrDefault(s.Key)));
        var busy = b.MachineBusy - a.MachineBusy;
        var available = b.MachineTotal - a.MachineTotal;
        var top = b.Others.Select(o => (o.Value.Name, Used: o.Value.Seconds - (a.Others.TryGetValue(o.Key, out var before) && before.Name == o.Value.Name ? before.Seconds : 0)))
            .Where(o => o.Used >= 0.05).OrderByDescending(o => o.Used).Take(6).Select(o => $"{o.Used:F1} CPU-s {o.Name}").ToList();
        return new Usage(wallSeconds, 100 * busy / available, byProcess, Math.Max(0, busy - byProcess.Values.Sum()), available, top);
    }

    private static string CommandLine(string dir, string comm)
    {
        try
        {
            var line = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
            return line.Length == 0 ? comm : line.Length > 110 ? line[..110] + "…" : line;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return comm; }
    }

    private static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11]) + double.Parse(fields[12])) / TicksPerSecond; // utime, stime (fields 14 and 15)
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return 0; }
    }

    private static double ClockTicks()
    {
        var (code, output) = Shell.RunAsync("getconf", ["CLK_TCK"], "/", null, CancellationToken.None).GetAwaiter().GetResult();
        return code == 0 && double.TryParse(output.Trim(), out var ticks) ? ticks : 100;
    }
}
