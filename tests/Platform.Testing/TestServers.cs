using System.Net.Http.Headers;
using System.Text;
using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ servers a test run uses, decided once per test assembly:
/// 1. connection strings from the environment (PLATFORM_POSTGRES, PLATFORM_RABBITMQ,
///    PLATFORM_RABBITMQ_MANAGEMENT — what deploy/local/servers.sh env prints), else
/// 2. Testcontainers, where a Docker engine answers, else
/// 3. the deploy/local servers on their default ports.
/// Each test host then gets a fresh database and a fresh RabbitMQ virtual host, so runs and test
/// classes never see each other's data.
/// </summary>
public sealed class TestServers : IAsyncLifetime
{
    private const string LocalPostgres = "Host=127.0.0.1;Port=54329;Username=postgres;Password=postgres";
    private const string LocalRabbitMq = "amqp://guest:guest@127.0.0.1:56729";
    private const string LocalManagement = "http://127.0.0.1:56739";

    private PostgreSqlContainer? _postgresContainer;
    private RabbitMqContainer? _rabbitContainer;

    public string PostgresServer { get; private set; } = "";
    public Uri RabbitMqServer { get; private set; } = null!;
    public Uri RabbitMqManagement { get; private set; } = null!;
    public string Source { get; private set; } = "";

    // Started on first use, so a run of only the pure tests needs no server.
    private readonly SemaphoreSlim _start = new(1, 1);
    private bool _started;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Servers a test started itself (the fault tests' private PostgreSQL and RabbitMQ).</summary>
    public static TestServers At(string postgres, string rabbitMq, string management, string source)
    {
        var servers = new TestServers();
        servers.Use(postgres, rabbitMq, management, source);
        servers._started = true;
        return servers;
    }

    public async Task EnsureStartedAsync()
    {
        await _start.WaitAsync();
        try
        {
            if (!_started) await StartAsync();
            _started = true;
        }
        finally
        {
            _start.Release();
        }
    }

    private async Task StartAsync()
    {
        var pg = Environment.GetEnvironmentVariable("PLATFORM_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(pg) && !string.IsNullOrWhiteSpace(rabbit))
        {
            Use(pg, rabbit, Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ_MANAGEMENT") ?? LocalManagement,
                "servers from the environment (PLATFORM_POSTGRES / PLATFORM_RABBITMQ)");
        }
        else if (await TryStartContainersAsync() is { } why)
        {
            Use(LocalPostgres, LocalRabbitMq, LocalManagement, $"deploy/local servers on their default ports ({why})");
        }
        Console.Error.WriteLine($"[Platform.Testing] using {Source}: postgres {new NpgsqlConnectionStringBuilder(PostgresServer) { Password = null }}, rabbitmq {RabbitMqServer.Host}:{RabbitMqServer.Port}");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(); // fail fast and clearly when no server is there
    }

    private void Use(string pg, string rabbit, string management, string source)
    {
        PostgresServer = pg;
        RabbitMqServer = new Uri(rabbit);
        RabbitMqManagement = new Uri(management);
        Source = source;
    }

    /// <returns>null when containers started, else why not.</returns>
    private async Task<string?> TryStartContainersAsync()
    {
        try
        {
            _postgresContainer = new PostgreSqlBuilder("postgres:15").Build();
            _rabbitContainer = new RabbitMqBuilder("rabbitmq:3.13-management").WithPortBinding(15672, true).Build();
            await Task.WhenAll(_postgresContainer.StartAsync(), _rabbitContainer.StartAsync());
            var pg = new NpgsqlConnectionStringBuilder(_postgresContainer.GetConnectionString()) { Database = "postgres" }.ConnectionString;
            var management = $"http://{_rabbitContainer.Hostname}:{_rabbitContainer.GetMappedPublicPort(15672)}";
            Use(pg, _rabbitContainer.GetConnectionString(), management, "Testcontainers (PostgreSQL 15, RabbitMQ 3.13)");
            return null;
        }
        catch (Exception ex) when (ex is DockerUnavailableException || ex.GetType().Name.Contains("Docker"))
        {
            _postgresContainer = null;
            _rabbitContainer = null;
            return "no Docker engine: " + ex.GetType().Name;
        }
    }

    // Unpooled: a pooled admin connection would outlive a server restart (the fault tests crash PostgreSQL).
    private string AdminConnectionString => new NpgsqlConnectionStringBuilder(PostgresServer) { Pooling = false }.ConnectionString;

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        await EnsureStartedAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{name}\" encoding 'UTF8' template template0", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new RabbitMQ virtual host (through the management API), guest allowed; its amqp URI.</summary>
    public async Task<Uri> CreateVirtualHostAsync(string prefix)
    {
        await EnsureStartedAsync();
        var vhost = $"{prefix}-{Guid.NewGuid():N}"[..30];
        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(RabbitMqServer.UserInfo.Split(':')[0])}", permissions)).EnsureSuccessStatusCode();
        return new UriBuilder(RabbitMqServer) { Path = "/" + vhost }.Uri;
    }

    public async Task DeleteVirtualHostAsync(Uri amqp)
    {
        using var http = ManagementClient();
        await http.DeleteAsync($"api/vhosts/{amqp.AbsolutePath.TrimStart('/')}");
    }

    /// <summary>A queue's depth, via the management API (for error-queue assertions).</summary>
    public async Task<string> GetQueueJsonAsync(Uri amqp, string queue)
    {
        using var http = ManagementClient();
        return await http.GetStringAsync($"api/queues/{amqp.AbsolutePath.TrimStart('/')}/{queue}");
    }

    private HttpClient ManagementClient()
    {
        var credentials = Uri.UnescapeDataString(RabbitMqServer.UserInfo);
        var http = new HttpClient { BaseAddress = RabbitMqManagement };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresContainer is not null) await _postgresContainer.DisposeAsync();
        if (_rabbitContainer is not null) await _rabbitContainer.DisposeAsync();
    }
}
