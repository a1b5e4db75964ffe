using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.Testing;

namespace Fault.Tests;

/// <summary>
/// One service as its own operating-system process (<c>dotnet Platform.X.dll</c>, the build the tests
/// reference), configured through the environment exactly as the AppHost or deploy/local/run.sh does, so
/// that it can be SIGKILLed: no shutdown hook runs, no message is acknowledged on the way out, and its
/// database sessions (the daemon's leader lock among them) end only when PostgreSQL notices.
/// Its output goes to <c>.local/fault-servers/logs/&lt;name&gt;.log</c>.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private Process? _process;
    private readonly Dictionary<string, string> _environment;

    public ServiceProcess(string name, string service, int port, Dictionary<string, string> settings)
    {
        (Name, Service, Port) = (name, service, port);
        _environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // the development token key: the test's tokens are accepted
            ["RateLimiting__WritesPerMinute"] = "1000000",
        };
    }

    public string Name { get; }
    public string Service { get; }
    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}/");
    public bool Running => _process is { HasExited: false };

    public async Task StartAsync(TimeSpan timeout)
    {
        var dll = ServiceDll(Service);
        var log = Path.Combine(PrivateServers.Folder, "logs", $"{Name}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        // exec: the pid we hold is the service itself, so a kill reaches it and nothing in between.
        var start = new ProcessStartInfo("bash", ["-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", dll, log])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(250))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting; see {log}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (waited.Elapsed > timeout) throw new TimeoutException($"{Name} not healthy after {timeout.TotalSeconds:F0} s; see {log}");
        }
    }

    /// <summary>SIGKILL, and wait until the process is gone and its port closed.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: false); // SIGKILL on Linux
        await _process.WaitForExitAsync();
        for (var i = 0; i < 100 && PortOpen(Port); i++) await Task.Delay(100);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private static bool PortOpen(int port)
    {
        try { using var client = new TcpClient("127.0.0.1", port); return true; }
        catch (SocketException) { return false; }
    }

    /// <summary>The service's build beside this test's: services/&lt;Service&gt;/bin/&lt;Configuration&gt;/net10.0/Platform.&lt;Service&gt;.dll.</summary>
    private static string ServiceDll(string service)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var dll = Path.Combine(PrivateServers.RepositoryRoot(), "services", service, "bin", configuration, framework, $"Platform.{service}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the {service} service first ({configuration})", dll);
    }

    public static int FreeLoopbackPort() => FreePort.Next();
}
