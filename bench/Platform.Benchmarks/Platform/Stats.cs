namespace Platform.Benchmarks.Platform;

/// <summary>Nearest-rank percentiles of a set of samples.</summary>
public sealed record Distribution(int Count, double P50, double P95, double P99, double Max)
{
    public static Distribution Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) return new(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

/// <summary>Latency and outcome of every command, per endpoint (thread-safe).</summary>
public sealed class EndpointRecorder
{
    private readonly Dictionary<string, Entry> _entries = [];

    private sealed class Entry
    {
        public readonly List<double> OkMs = [];
        public readonly SortedDictionary<string, int> Outcomes = [];
    }

    public void Record(string endpoint, string outcome, bool ok, double milliseconds)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(endpoint, out var e)) _entries[endpoint] = e = new Entry();
            if (ok) e.OkMs.Add(milliseconds);
            e.Outcomes[outcome] = e.Outcomes.GetValueOrDefault(outcome) + 1;
        }
    }

    public IReadOnlyList<EndpointFigures> Figures(double seconds)
    {
        lock (_entries)
            return _entries.OrderBy(e => e.Key).Select(e =>
            {
                var total = e.Value.Outcomes.Values.Sum();
                return new EndpointFigures(e.Key, total, e.Value.OkMs.Count, total - e.Value.OkMs.Count, e.Value.OkMs.Count / seconds,
                    Distribution.Of(e.Value.OkMs), new Dictionary<string, int>(e.Value.Outcomes));
            }).ToList();
    }

    public int Total { get { lock (_entries) return _entries.Values.Sum(e => e.Outcomes.Values.Sum()); } }
}

/// <summary>Latency percentiles are of successful commands; failures are counted by outcome (HTTP status and problem code).</summary>
public sealed record EndpointFigures(string Endpoint, int Sent, int Succeeded, int Failed, double SucceededPerSecond, Distribution LatencyMs, IReadOnlyDictionary<string, int> Outcomes);
