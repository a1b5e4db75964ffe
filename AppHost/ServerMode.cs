using System.Diagnostics;

namespace Platform.AppHost;

/// <summary>Where PostgreSQL and RabbitMQ come from: containers (Aspire's own integrations) or
/// executables from Debian's packages that the AppHost runs itself (<see cref="LocalServers"/>).</summary>
public enum ServerMode { Containers, Local }

public static class ServerModes
{
    public const string ConfigurationKey = "Platform:Servers";

    /// <summary>
    /// <c>Platform:Servers</c> = <c>containers</c> or <c>local</c> forces a mode; <c>auto</c> (the default)
    /// uses containers only when <c>docker info</c> or <c>podman info</c> succeeds. The CLI alone proves
    /// nothing: this machine kind has a <c>docker</c> CLI and no daemon, and container resources then
    /// never start while the services wait for them forever, without an error.
    /// </summary>
    public static ServerMode Resolve(string? setting) => (setting ?? "auto").Trim().ToLowerInvariant() switch
    {
        "containers" => ServerMode.Containers,
        "local" => ServerMode.Local,
        "auto" or "" => ContainerEngineAnswers("docker") || ContainerEngineAnswers("podman") ? ServerMode.Containers : ServerMode.Local,
        var other => throw new InvalidOperationException($"{ConfigurationKey} must be auto, containers or local, not '{other}'"),
    };

    private static bool ContainerEngineAnswers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return false;
            // Drain both pipes so a chatty `info` cannot block on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
