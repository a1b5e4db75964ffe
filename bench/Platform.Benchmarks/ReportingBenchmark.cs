namespace Platform.Benchmarks;

/// <summary>Issue 5's Reporting benchmark. Being built.</summary>
public static class ReportingBenchmark
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(2);
}
