namespace Platform.Benchmarks.Platform;

/// <summary>Peak memory of each service process: the largest VmRSS seen while sampling /proc/&lt;pid&gt;/status,
/// and the kernel's own high-water mark VmHWM (which also catches peaks between samples).</summary>
public sealed class MemorySampler(IReadOnlyDictionary<string, int> pids) : IAsyncDisposable
{
    private readonly Dictionary<string, (long RssKb, long HwmKb)> _peaks = pids.Keys.ToDictionary(k => k, _ => (0L, 0L));
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try { await Task.Delay(250, _stop.Token); } catch (OperationCanceledException) { }
        }
    });

    private void Sample()
    {
        foreach (var (name, pid) in pids)
        {
            string[] lines;
            try { lines = File.ReadAllLines($"/proc/{pid}/status"); }
            catch (IOException) { continue; } // exited
            long Kb(string key) => lines.FirstOrDefault(l => l.StartsWith(key + ":")) is { } l
                ? long.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0]) : 0;
            lock (_peaks)
            {
                var (rss, hwm) = _peaks[name];
                _peaks[name] = (Math.Max(rss, Kb("VmRSS")), Math.Max(hwm, Kb("VmHWM")));
            }
        }
    }

    /// <summary>Takes a last sample (call before the processes stop) and returns MB per service.</summary>
    public IReadOnlyDictionary<string, (double PeakRssMb, double VmHwmMb)> Peaks()
    {
        Sample();
        lock (_peaks) return _peaks.ToDictionary(p => p.Key, p => (p.Value.RssKb / 1024.0, p.Value.HwmKb / 1024.0));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
    }
}
