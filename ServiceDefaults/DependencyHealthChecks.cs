using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Readiness checks ("ready" tag, part of /health) for the two servers every service needs, from the
/// maintained AspNetCore.HealthChecks.NpgSql and AspNetCore.HealthChecks.Rabbitmq packages (README,
/// "Health checks", says why these and not Aspire's client integrations).
/// </summary>
public static class DependencyHealthChecks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IHealthChecksBuilder AddPostgresCheck(this IHealthChecksBuilder checks, string connectionName) =>
        checks.AddNpgSql(sp => sp.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)
                               ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured"),
            name: $"postgres-{connectionName}", tags: ["ready"], timeout: Timeout);

    public static IHealthChecksBuilder AddRabbitMqCheck(this IHealthChecksBuilder checks, string connectionName)
    {
        // The package's check opens a channel on the connection it is given each time; one connection is
        // kept for it (keyed by name) and replaced once it is closed, so a broker that was down, at start
        // or later, turns the check Unhealthy and then Healthy again.
        checks.Services.AddKeyedSingleton(connectionName, (sp, _) =>
            new HealthCheckConnection(sp.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)));
        return checks.AddRabbitMQ(sp => sp.GetRequiredKeyedService<HealthCheckConnection>(connectionName).GetAsync(),
            name: $"rabbitmq-{connectionName}", tags: ["ready"], timeout: Timeout);
    }

    private sealed class HealthCheckConnection(string? connectionString) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private IConnection? _connection;

        public async Task<IConnection> GetAsync()
        {
            if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("the RabbitMQ connection string is not configured");
            await _gate.WaitAsync();
            try
            {
                if (_connection is { IsOpen: true }) return _connection;
                if (_connection is not null) await _connection.DisposeAsync();
                _connection = null;
                var factory = new ConnectionFactory { Uri = new Uri(connectionString), RequestedConnectionTimeout = Timeout, AutomaticRecoveryEnabled = false };
                return _connection = await factory.CreateConnectionAsync("health-check");
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null) await _connection.DisposeAsync();
            _gate.Dispose();
        }
    }
}
