using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;

namespace Platform.AppHost;

/// <summary>The servers' resources as the services see them: one connection string per database and
/// one for the broker, named as the services read them (ConnectionStrings__registrydb, ...).</summary>
public sealed record PlatformServers(
    IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> Databases,
    IResourceBuilder<IResourceWithConnectionString> Messaging);

/// <summary>The ports of the AppHost's own servers, from <c>Platform:Ports:*</c>; 0 (the default) picks a
/// free port at start. AppHost/appsettings.json gives the run fixed ones, away from deploy/local/servers.sh's
/// (54329, 5672x) and the fault tests' (55429, 578xx), so the three never collide; the AppHost test leaves
/// them at 0.</summary>
public sealed record LocalServerPorts(int Postgres, int Amqp, int Management, int Distribution, int Epmd)
{
    public static LocalServerPorts From(IConfiguration configuration)
    {
        int Port(string name) => configuration.GetValue<int?>($"Platform:Ports:{name}") is { } p and > 0 ? p : FreePort();
        return new(Port("Postgres"), Port("Amqp"), Port("RabbitManagement"), Port("RabbitDistribution"), Port("Epmd"));
    }

    /// <summary>A port nothing listens on now. The AppHost picks it (rather than DCP) because a port DCP
    /// allocates reaches another resource's environment as an unrendered <c>{{- portForServing -}}</c>
    /// template, which crashed the broker's boot.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// PostgreSQL and RabbitMQ from Debian's packages (<c>postgresql</c>, <c>rabbitmq-server</c>) run by the
/// AppHost as executable resources, for machines without a container engine. Everything lives under
/// <c>Platform:StateDirectory</c> (default <c>&lt;repo&gt;/.local/aspire</c>, git-ignored), listens on
/// 127.0.0.1 only, and is health-checked so that the services' <c>WaitFor</c> really waits.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static partial class LocalServers
{
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";
    private const string RabbitBin = "/usr/lib/rabbitmq/bin";
    private const string PostgresUser = "postgres";

    public static PlatformServers Add(IDistributedApplicationBuilder builder, IReadOnlyList<string> databaseNames)
    {
        var state = Path.GetFullPath(builder.Configuration["Platform:StateDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.AppHostDirectory, "..", ".local", "aspire"));
        var ports = LocalServerPorts.From(builder.Configuration);
        foreach (var (binary, package) in new[] { ($"{PostgresBin}/postgres", "postgresql"), ($"{RabbitBin}/rabbitmq-server", "rabbitmq-server") })
            if (!File.Exists(binary))
                throw new InvalidOperationException($"{binary} is missing: install Debian's {package} (deploy/local/aspire.sh does), or run with Platform:Servers=containers");

        var databases = AddPostgres(builder, Path.Combine(state, "postgres"), ports.Postgres, databaseNames);
        var messaging = AddRabbitMq(builder, Path.Combine(state, "rabbitmq"), ports);
        return new PlatformServers(databases, messaging);
    }

    // ---------------------------------------------------------------------------------------------
    // PostgreSQL

    private static Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> AddPostgres(
        IDistributedApplicationBuilder builder, string dir, int port, IReadOnlyList<string> databaseNames)
    {
        var data = Path.Combine(dir, "data");
        var socket = Path.Combine(dir, "socket");
        var password = LoadOrCreateSecret(Path.Combine(dir, "password"));
        var asRoot = Environment.IsPrivilegedProcess;

        // PostgreSQL refuses to run as root: as root, the server (and initdb) run as the package's user,
        // through setpriv, so the process DCP starts and stops is the server's own wrapper, not a shell.
        var serverArgs = new List<string>();
        if (asRoot) serverArgs.AddRange(["--reuid=" + PostgresUser, "--regid=" + PostgresUser, "--init-groups", "--"]);
        serverArgs.AddRange([
            Path.Combine(builder.AppHostDirectory, "LocalServers", "postgres-foreground.sh"),
            $"{PostgresBin}/postgres", "-D", data, "-p", port.ToString(),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={socket}",
            "-c", "max_connections=200"]);

        var server = builder.AddExecutable("postgres", asRoot ? "setpriv" : serverArgs[0], dir, [.. asRoot ? serverArgs : serverArgs.Skip(1)])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(AddCheck(builder, "postgres-ready", ct => PostgresAnswersAsync(ConnectionString(port, password, "postgres"), ct)))
            .WithIconName("Database");

        // First run: a cluster is initialised before DCP starts the server (initdb takes under 5 s).
        builder.Eventing.Subscribe<BeforeStartEvent>((e, ct) =>
        {
            var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.AppHost.LocalServers");
            PreparePostgres(dir, data, socket, password, asRoot, logger);
            return Task.CompletedTask;
        });

        // Databases are created once the server is healthy, before anything waiting for it starts (the
        // pattern of Aspire's own PostgreSQL integration); existing ones are kept.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (e, ct) =>
        {
            await using var connection = new NpgsqlConnection(ConnectionString(port, password, "postgres"));
            await connection.OpenAsync(ct);
            foreach (var name in databaseNames)
            {
                await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = name } } };
                if (await exists.ExecuteScalarAsync(ct) is not null) continue;
                await using var create = new NpgsqlCommand($"create database \"{name}\" encoding 'UTF8' template template0", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        });

        var passwordParameter = builder.AddParameter("postgres-password", password, secret: true);
        return databaseNames.ToDictionary(name => name, name =>
        {
            // Healthy once its database accepts connections, so WaitFor(database) means "created and reachable".
            var connectionString = builder.AddConnectionString(name, ReferenceExpression.Create(
                    $"Host=127.0.0.1;Port={port.ToString()};Username={PostgresUser};Password={passwordParameter};Database={name}"))
                .WithParentRelationship(server)
                .WithHealthCheck(AddCheck(builder, $"{name}-ready", ct => PostgresAnswersAsync(ConnectionString(port, password, name), ct)));
            return (IResourceBuilder<IResourceWithConnectionString>)connectionString;
        });
    }

    private static string ConnectionString(int port, string password, string database) =>
        $"Host=127.0.0.1;Port={port};Username={PostgresUser};Password={password};Database={database};Timeout=5;Pooling=false";

    private static async Task<HealthCheckResult> PostgresAnswersAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    private static void PreparePostgres(string dir, string data, string socket, string password, bool asRoot, ILogger logger)
    {
        Directory.CreateDirectory(socket);
        if (asRoot)
        {
            MakeReachable(dir, logger);
            Run(logger, "chown", PostgresUser + ":" + PostgresUser, dir, socket);
        }
        if (File.Exists(Path.Combine(data, "PG_VERSION"))) return;

        var started = Stopwatch.StartNew();
        var passwordFile = Path.Combine(dir, "initdb-password");
        File.WriteAllText(passwordFile, password);
        try
        {
            if (asRoot) Run(logger, "chown", PostgresUser, passwordFile);
            // Local socket: trust (psql -h <socket dir> as an administrator); TCP: password, as the services connect.
            string[] initdb = [$"{PostgresBin}/initdb", "-D", data, "-U", PostgresUser, $"--pwfile={passwordFile}",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"];
            if (asRoot) Run(logger, "setpriv", ["--reuid=" + PostgresUser, "--regid=" + PostgresUser, "--init-groups", "--", .. initdb]);
            else Run(logger, initdb[0], initdb[1..]);
        }
        finally
        {
            File.Delete(passwordFile);
        }
        LogInitialised(logger, data, started.Elapsed.TotalSeconds);
    }

    /// <summary>The postgres user must be able to walk down to the data folder (a clone under /root is not reachable).</summary>
    private static void MakeReachable(string dir, ILogger logger)
    {
        for (var d = new DirectoryInfo(dir).Parent; d is not null; d = d.Parent)
        {
            var mode = File.GetUnixFileMode(d.FullName);
            if (mode.HasFlag(UnixFileMode.OtherExecute)) continue;
            LogMadeReachable(logger, d.FullName);
            File.SetUnixFileMode(d.FullName, mode | UnixFileMode.OtherExecute);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // RabbitMQ

    private static IResourceBuilder<IResourceWithConnectionString> AddRabbitMq(IDistributedApplicationBuilder builder, string dir, LocalServerPorts ports)
    {
        var mnesia = Path.Combine(dir, "mnesia");
        Directory.CreateDirectory(mnesia);
        // Server and CLI (rabbitmq-diagnostics) authenticate to each other with this cookie, found through HOME.
        var cookie = Path.Combine(dir, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            File.WriteAllText(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(20)));
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        File.WriteAllText(Path.Combine(dir, "rabbitmq-env.conf"), ""); // ours, so /etc/rabbitmq/rabbitmq-env.conf is not read
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[rabbitmq_management].\n");
        // The AMQP listener is set in the environment only: setting it here too crashed a boot (eaddrinuse).
        File.WriteAllText(Path.Combine(dir, "rabbitmq.conf"), $"""
            # Written by the AppHost (LocalServers.cs) at each start; edits are lost.
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {ports.Management}
            loopback_users.guest = true
            """);

        // A private epmd on its own port, as a resource of its own: left to the broker, it would start a
        // daemon that outlives the AppHost (and a failed boot leaves one behind).
        var epmd = builder.AddExecutable("epmd", "epmd", dir, "-port", ports.Epmd.ToString(), "-address", "127.0.0.1")
            .WithEndpoint(port: ports.Epmd, targetPort: ports.Epmd, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(AddCheck(builder, "epmd-ready", ct => TcpAnswersAsync(ports.Epmd, ct)));
        return AddBroker(builder, dir, mnesia, ports, epmd);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddBroker(
        IDistributedApplicationBuilder builder, string dir, string mnesia, LocalServerPorts ports, IResourceBuilder<ExecutableResource> epmd)
    {
        var amqp = $"amqp://guest:guest@127.0.0.1:{ports.Amqp}";
        var rabbitmq = builder.AddExecutable("rabbitmq", $"{RabbitBin}/rabbitmq-server", dir)
            .WithEnvironment("HOME", dir)
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(dir, "rabbitmq-env.conf"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(dir, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(dir, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_NODENAME", "platform-aspire@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", ports.Amqp.ToString())
            .WithEnvironment("RABBITMQ_DIST_PORT", ports.Distribution.ToString())
            .WithEnvironment("RABBITMQ_MNESIA_BASE", mnesia)
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(dir, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-") // to stdout, so the dashboard shows the broker's log
            .WithEnvironment("ERL_EPMD_PORT", ports.Epmd.ToString())
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("ERL_CRASH_DUMP", Path.Combine(dir, "erl_crash.dump"))
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")
            .WithEndpoint(port: ports.Amqp, targetPort: ports.Amqp, scheme: "tcp", name: "amqp", isProxied: false)
            .WithHttpEndpoint(port: ports.Management, targetPort: ports.Management, name: "management", isProxied: false)
            .WithUrlForEndpoint("management", u => u.DisplayText = "Management (guest/guest)")
            // A failed boot still exits 0 (the resource would just show Finished): only an AMQP handshake counts.
            .WithHealthCheck(AddCheck(builder, "rabbitmq-ready", ct => RabbitMqAnswersAsync(amqp, ct)))
            .WithIconName("Mail")
            .WaitFor(epmd);
        epmd.WithParentRelationship(rabbitmq);

        return builder.AddConnectionString("messaging", ReferenceExpression.Create($"{amqp}"))
            .WithParentRelationship(rabbitmq)
            .WithHealthCheck(AddCheck(builder, "messaging-ready", ct => RabbitMqAnswersAsync(amqp, ct)));
    }

    private static async Task<HealthCheckResult> RabbitMqAnswersAsync(string uri, CancellationToken ct)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
            await using var connection = await factory.CreateConnectionAsync("aspire-health-check", ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    private static async Task<HealthCheckResult> TcpAnswersAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static string AddCheck(IDistributedApplicationBuilder builder, string key, Func<CancellationToken, Task<HealthCheckResult>> check)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(key, check);
        return key;
    }

    /// <summary>A secret kept in a file of its own (mode 600), made once: the data directory stays usable across runs.</summary>
    private static string LoadOrCreateSecret(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    private static void Run(ILogger logger, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            LogCommandFailed(logger, file, process.ExitCode, stdout.Result + stderr.Result);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}");
        }
    }

    [LoggerMessage(LogLevel.Information, "Initialised a PostgreSQL 15 cluster in {DataDirectory} in {Seconds:0.0} s")]
    private static partial void LogInitialised(ILogger logger, string dataDirectory, double seconds);

    [LoggerMessage(LogLevel.Information, "chmod o+x {Directory}, so that user postgres can reach the data directory")]
    private static partial void LogMadeReachable(ILogger logger, string directory);

    [LoggerMessage(LogLevel.Error, "{Command} exited with {ExitCode}: {Output}")]
    private static partial void LogCommandFailed(ILogger logger, string command, int exitCode, string output);
}
