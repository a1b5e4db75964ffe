namespace Platform.Benchmarks.Platform;

/// <summary>
/// CPU time used during a phase, from /proc: the machine as a whole (/proc/stat), each service process, the
/// benchmark process itself, the PostgreSQL server the run uses (its postmaster and every process it forked, when
/// <paramref name="postmasterPid"/> is known; otherwise every postgres process on the machine) and all RabbitMQ processes
/// (which also serve anyone else using the shared servers; backends that exit during the phase are missed). The rest of the machine's busy time is
/// other work on the machine. On a shared machine this says how much of the CPU the platform actually had.
/// </summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> servicePids, int? postmasterPid = null)
{
    private static readonly double TicksPerSecond = ClockTicks();
    private IEnumerable<string> Services => servicePids.Keys;

    /// <summary>Cumulative CPU seconds: the machine's busy and total time, and every process (name, group, seconds) by pid.</summary>
    public sealed record Snapshot(double MachineBusy, double MachineTotal, IReadOnlyDictionary<int, (string Name, string Group, double Seconds, long Start)> Processes);

    /// <summary>CPU-s per group (each service, the driver, PostgreSQL and RabbitMQ processes) over the interval; TopOthers: the
    /// processes outside these groups that used the most CPU meanwhile (what else ran on the machine).</summary>
    public sealed record Usage(double Seconds, double MachineBusyPercent, IReadOnlyDictionary<string, double> CpuSecondsByProcess, double OtherCpuSeconds, double AvailableCpuSeconds,
        IReadOnlyList<string> TopOthers);

    // The driver group is this process and its pgbench client.
    public const string Driver = "benchmark driver", PostgreSql = "postgresql (server)", RabbitMq = "rabbitmq (all)", Other = "";

    // Command lines of processes outside the groups, by pid and start time: read once per process, not at every sample.
    private readonly Dictionary<(int Pid, long Start), string> _commandLines = [];

    /// <remarks>The meter samples every half second for the whole run, on the cores it measures, so each sample is kept
    /// cheap: one read of <c>/proc/pid/stat</c> per process (it holds the name as well as the times) through a raw handle,
    /// the command line only for a process not seen before (it read <c>comm</c>, <c>stat</c> and, for every process
    /// outside the groups, <c>cmdline</c> at every sample).</remarks>
    public Snapshot Take()
    {
        var stat = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        var idle = stat[3] + stat[4];
        var total = stat.Take(8).Sum();
        var groups = servicePids.ToDictionary(p => p.Value, p => p.Key);
        groups[Environment.ProcessId] = Driver;
        var processes = new Dictionary<int, (string, string, double, long)>();
        var buffer = new byte[1024];
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (ProcessTimes(pid, buffer) is not var (comm, seconds, start, parent)) continue; // exited while being read
            var ours = postmasterPid is not { } pm || pid == pm || parent == pm; // another server's postgres processes are "other work"
            var group = groups.GetValueOrDefault(pid) ?? (comm == "pgbench" ? Driver : comm == "postgres" && ours ? PostgreSql : comm.StartsWith("beam", StringComparison.Ordinal) || comm == "epmd" ? RabbitMq : Other);
            processes[pid] = (group == Other ? OtherName(dir, comm, pid, start) : comm, group, seconds, start);
        }
        return new Snapshot((total - idle) / TicksPerSecond, total / TicksPerSecond, processes);
    }

    private string OtherName(string dir, string comm, int pid, long start)
    {
        lock (_commandLines)
        {
            if (!_commandLines.TryGetValue((pid, start), out var name)) _commandLines[(pid, start)] = name = CommandLine(dir, comm);
            return name;
        }
    }

    /// <summary>Starts measuring: snapshots every half second, so short-lived processes (pgbench's backends) are counted up to their last sample.</summary>
    public Window Start() => new(this);

    public sealed class Window
    {
        private readonly CpuMeter _meter;
        private readonly Snapshot _first;
        private Snapshot _previous;
        private readonly Dictionary<int, (string Name, string Group, double Seconds)> _used = [];
        private readonly List<(string Name, string Group, double Seconds)> _done = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

        internal Window(CpuMeter meter)
        {
            _meter = meter;
            _first = _previous = meter.Take();
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try { await Task.Delay(500, _stop.Token); } catch (OperationCanceledException) { break; }
                    Accumulate();
                }
            });
        }

        private void Accumulate()
        {
            var current = _meter.Take();
            lock (_used)
            {
                foreach (var (pid, p) in current.Processes)
                {
                    // The same process (pid and start time) as in the last sample: what it used since; one started meanwhile: all its time.
                    var same = _previous.Processes.TryGetValue(pid, out var before) && before.Start == p.Start;
                    if (!same && _used.Remove(pid, out var reused)) _done.Add(reused); // the pid now belongs to another process
                    var sofar = same && _used.TryGetValue(pid, out var account) ? account.Seconds : 0;
                    _used[pid] = (p.Name, p.Group, sofar + Math.Max(0, p.Seconds - (same ? before.Seconds : 0)));
                }
                _previous = current;
            }
        }

        public async Task<Usage> StopAsync()
        {
            _stop.Cancel();
            await _loop;
            Accumulate();
            var byGroup = _meter.Services.Append(Driver).Append(PostgreSql).Append(RabbitMq)
                .ToDictionary(g => g, g => _used.Values.Concat(_done).Where(u => u.Group == g).Sum(u => u.Seconds));
            var busy = _previous.MachineBusy - _first.MachineBusy;
            var available = _previous.MachineTotal - _first.MachineTotal;
            var top = _used.Values.Concat(_done).Where(u => u.Group == Other && u.Seconds >= 0.05).OrderByDescending(u => u.Seconds).Take(6).Select(u => $"{u.Seconds:F1} CPU-s {u.Name}").ToList();
            return new Usage(System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds, 100 * busy / available, byGroup,
                Math.Max(0, busy - byGroup.Values.Sum()), available, top);
        }
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

    /// <summary>Name (field 2, in parentheses), CPU seconds (utime + stime, fields 14 and 15 of /proc/pid/stat), start time
    /// (field 22, tells a reused pid apart) and parent (field 4); null when the process is gone or unreadable.</summary>
    private static (string Comm, double Seconds, long Start, int Parent)? ProcessTimes(int pid, byte[] buffer)
    {
        try
        {
            using var handle = File.OpenHandle($"/proc/{pid}/stat");
            var length = RandomAccess.Read(handle, buffer, 0);
            var stat = System.Text.Encoding.ASCII.GetString(buffer, 0, length);
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            var start = long.Parse(fields[19]);
            return start == 0 ? null : (stat[(open + 1)..close], (double.Parse(fields[11]) + double.Parse(fields[12])) / TicksPerSecond, start, int.Parse(fields[1]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException) { return null; }
    }

    private static double ClockTicks()
    {
        var (code, output) = Shell.RunAsync("getconf", ["CLK_TCK"], "/", null, CancellationToken.None).GetAwaiter().GetResult();
        return code == 0 && double.TryParse(output.Trim(), out var ticks) ? ticks : 100;
    }
}
