using System.Diagnostics;
using System.Net.Sockets;
using Platform.Testing;
using Xunit;

namespace Fault.Tests;

/// <summary>
/// A PostgreSQL and a RabbitMQ of the fault tests' own (deploy/local/servers.sh with its own folder and
/// ports), so killing them disturbs no other test project running at the same time. Started once for
/// the assembly; stopped at the end. Ports: 55429 (PostgreSQL), 57829 (AMQP), 57839 (management),
/// 57849/57859 (Erlang distribution, epmd), overridable with FAULT_PG_PORT etc.
/// </summary>
public sealed class PrivateServers : IAsyncLifetime
{
    private readonly string _script = Path.Combine(RepositoryRoot(), "deploy", "local", "servers.sh");
    // A fixed folder (git-ignored): a run that was killed leaves its servers there, and the next `up` reuses them.
    public static readonly string Folder = Path.Combine(RepositoryRoot(), ".local", "fault-servers");
    private readonly string _folder = Folder;
    private readonly Dictionary<string, string> _environment = new()
    {
        ["PLATFORM_PG_PORT"] = Port("FAULT_PG_PORT", 55429), ["PLATFORM_AMQP_PORT"] = Port("FAULT_AMQP_PORT", 57829),
        ["PLATFORM_RABBIT_MGMT_PORT"] = Port("FAULT_RABBIT_MGMT_PORT", 57839), ["PLATFORM_RABBIT_DIST_PORT"] = Port("FAULT_RABBIT_DIST_PORT", 57849),
        ["PLATFORM_EPMD_PORT"] = Port("FAULT_EPMD_PORT", 57859),
        // Durable commits (fsync, synchronous_commit): this server is crashed on purpose, and without them
        // PostgreSQL loses transactions it already reported committed. A consumer that was told "saved"
        // and acknowledged its message would then lose the message and its effect alike, and the test
        // would blame the broker path for its own settings.
        ["PLATFORM_PG_FAST"] = "0",
    };

    public TestServers Servers { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _environment["PLATFORM_LOCAL_DIR"] = _folder;
        await RunScriptAsync("up");
        var (pg, amqp, management) = ($"Host=127.0.0.1;Port={_environment["PLATFORM_PG_PORT"]};Username=postgres;Password=postgres",
            $"amqp://guest:guest@127.0.0.1:{_environment["PLATFORM_AMQP_PORT"]}", $"http://127.0.0.1:{_environment["PLATFORM_RABBIT_MGMT_PORT"]}");
        Servers = TestServers.At(pg, amqp, management, $"the fault tests' private servers ({_folder})");
    }

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync("down");
    }

    /// <summary>SIGKILL the broker (no clean shutdown), then start it again.</summary>
    public async Task KillAndRestartRabbitMqAsync()
    {
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(_folder, "rabbitmq", "rabbitmq.pid"))).Trim());
        await KillAsync(pid, int.Parse(_environment["PLATFORM_AMQP_PORT"]));
        await RunScriptAsync("up");
    }

    /// <summary>SIGKILL the postmaster (a crash: every connection drops), then start it again (crash recovery).</summary>
    public async Task KillAndRestartPostgresAsync()
    {
        var pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(_folder, "postgres", "data", "postmaster.pid")))[0].Trim());
        await KillAsync(pid, int.Parse(_environment["PLATFORM_PG_PORT"]));
        await RunScriptAsync("up");
    }

    private static async Task KillAsync(int pid, int port)
    {
        Process.GetProcessById(pid).Kill(entireProcessTree: false); // SIGKILL on Linux
        for (var i = 0; i < 100 && PortOpen(port); i++) await Task.Delay(100);
    }

    private static bool PortOpen(int port)
    {
        try { using var client = new TcpClient("127.0.0.1", port); return true; }
        catch (SocketException) { return false; }
    }

    private Task RunScriptAsync(string command) => RunScriptAsync(_script, _environment, command);

    /// <summary>Runs one of the deploy/local scripts with these variables; its output, or an exception with output and errors.</summary>
    public static async Task<string> RunScriptAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(script)} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        return await output;
    }

    private static string Port(string variable, int fallback) => Environment.GetEnvironmentVariable(variable) ?? fallback.ToString();

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "deploy", "local", "servers.sh"))) return dir.FullName;
        throw new InvalidOperationException("deploy/local/servers.sh not found above " + AppContext.BaseDirectory);
    }
}
