namespace Platform.Benchmarks;

/// <summary>Issue 8's whole-platform benchmark (HTTP mix, propagation lag, rebuild, pgbench, memory). Being built.</summary>
public static class PlatformBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("platform benchmark: not built yet");
        return Task.FromResult(2);
    }
}
