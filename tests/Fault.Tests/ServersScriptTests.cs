using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using Xunit;

namespace Fault.Tests;

/// <summary>
/// deploy/local/servers.sh must start PostgreSQL and RabbitMQ on a machine whose cores are all busy
/// (a developer's machine building, CI running other suites): its liveness check once mistook a broker
/// still booting for a dead one. Its own folder and ports, so the other tests' servers are untouched.
/// </summary>
public class ServersScriptTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(PrivateServers.RepositoryRoot(), ".local", "servers-under-load");
    private readonly Dictionary<string, string> _environment = new()
    {
        ["PLATFORM_LOCAL_DIR"] = Folder,
        ["PLATFORM_PG_PORT"] = "55629", ["PLATFORM_AMQP_PORT"] = "57929", ["PLATFORM_RABBIT_MGMT_PORT"] = "57939",
        ["PLATFORM_RABBIT_DIST_PORT"] = "57949", ["PLATFORM_EPMD_PORT"] = "57959",
    };

    [Fact]
    public async Task Servers_start_with_every_core_busy_three_times_in_a_row_and_after_each_is_SIGKILLed()
    {
        await RunAsync("down"); // a run that was killed may have left them
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        using var load = BusyLoops.Start(Environment.ProcessorCount, TimeSpan.FromMinutes(12));
        try
        {
            for (var round = 1; round <= 3; round++)
            {
                var took = await UpAsync();
                await AssertUsableAsync();
                output.WriteLine($"round {round}: up in {took.TotalSeconds:F1} s with {Environment.ProcessorCount} busy loops");
                await RunAsync("down");
            }

            await UpAsync();
            var postmaster = int.Parse(File.ReadLines(Path.Combine(Folder, "postgres", "data", "postmaster.pid")).First().Trim());
            var beam = int.Parse(File.ReadAllText(Path.Combine(Folder, "rabbitmq", "rabbitmq.pid")).Trim());
            Process.GetProcessById(postmaster).Kill();
            Process.GetProcessById(beam).Kill();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.NotEqual(0, (await RunAsync("status", mayFail: true)).Code); // both really went
            var again = await UpAsync();
            await AssertUsableAsync();
            output.WriteLine($"after SIGKILL of both: up in {again.TotalSeconds:F1} s");
        }
        finally
        {
            await RunAsync("down", mayFail: true);
        }
    }

    private async Task<TimeSpan> UpAsync()
    {
        var clock = Stopwatch.StartNew();
        await RunAsync("up");
        return clock.Elapsed;
    }

    /// <summary>Both servers answer real clients, and `status` agrees.</summary>
    private async Task AssertUsableAsync()
    {
        Assert.Equal(0, (await RunAsync("status")).Code);
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={_environment["PLATFORM_PG_PORT"]};Username=postgres;Password=postgres;Pooling=false")) // a new session each time: the server restarts between rounds
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select 41 + 1", connection);
            Assert.Equal(42, (int)(await command.ExecuteScalarAsync())!);
        }
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{_environment["PLATFORM_AMQP_PORT"]}") };
        await using var broker = await factory.CreateConnectionAsync("servers-script-test");
        await using var channel = await broker.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(exclusive: true);
        Assert.Equal(0u, queue.MessageCount);
    }

    private async Task<(int Code, string Output)> RunAsync(string command, bool mayFail = false)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(PrivateServers.RepositoryRoot(), "deploy", "local", "servers.sh"), command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        if (process.ExitCode != 0 && !mayFail && command != "status")
            throw new InvalidOperationException($"servers.sh {command} failed ({process.ExitCode}):\n{text}");
        return (process.ExitCode, text);
    }

    /// <summary>Shell busy loops that keep every core at 100 %; each ends by itself after <c>bound</c>, or when disposed.</summary>
    private sealed class BusyLoops : IDisposable
    {
        private readonly List<Process> _loops;
        private BusyLoops(List<Process> loops) => _loops = loops;

        public static BusyLoops Start(int count, TimeSpan bound) => new(Enumerable.Range(0, count)
            .Select(_ => Process.Start(new ProcessStartInfo("timeout", [$"{(int)bound.TotalSeconds}", "sh", "-c", "while :; do :; done"]))!)
            .ToList());

        public void Dispose()
        {
            foreach (var loop in _loops)
            {
                if (!loop.HasExited) loop.Kill(entireProcessTree: true);
                loop.Dispose();
            }
        }
    }
}
