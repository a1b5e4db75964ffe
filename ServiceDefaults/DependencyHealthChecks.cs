using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

/// <summary>Readiness checks for the two servers every service needs. The community health-check
/// packages are not on the package mirror, and these few lines are all they would do.</summary>
public static class DependencyHealthChecks
{
    public static IHealthChecksBuilder AddPostgresCheck(this IHealthChecksBuilder checks, string connectionName) =>
        checks.Add(new HealthCheckRegistration($"postgres-{connectionName}",
            sp => new PostgresHealthCheck(sp.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)),
            HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(5)));

    public static IHealthChecksBuilder AddRabbitMqCheck(this IHealthChecksBuilder checks, string connectionName) =>
        checks.Add(new HealthCheckRegistration($"rabbitmq-{connectionName}",
            sp => new RabbitMqHealthCheck(sp.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)),
            HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(5)));

    private sealed class PostgresHealthCheck(string? connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(connectionString)) return HealthCheckResult.Unhealthy("connection string is not configured");
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy($"{connection.Host}:{connection.Port}/{connection.Database}");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is unreachable", ex);
            }
        }
    }

    private sealed class RabbitMqHealthCheck(string? connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(connectionString)) return HealthCheckResult.Unhealthy("connection string is not configured");
            try
            {
                var uri = new Uri(connectionString);
                var factory = new ConnectionFactory { Uri = uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                await using var connection = await factory.CreateConnectionAsync("health-check", ct);
                return HealthCheckResult.Healthy($"{uri.Host}:{uri.Port}{uri.AbsolutePath}");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ is unreachable", ex);
            }
        }
    }
}
