using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Hosting;

public sealed class StartupJobsOptions
{
    public List<string> Names { get; } = [];
}

/// <summary>
/// The catch-up jobs a service runs once at start (read models filled for data from before they existed, records
/// coded against the reference data) and the readiness check that waits for them: <c>/health</c> answers 503 with
/// check <c>startup-jobs</c> Unhealthy, naming what still runs, until each has finished, so an orchestrator sends no
/// request that would read a half-filled read model, while <c>/alive</c> says the process is fine. The jobs run in the
/// background (the host, and so <c>/health</c>, starts at once).
/// </summary>
public sealed class StartupJobs(IOptions<StartupJobsOptions> options) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, byte> _running = new(options.Value.Names.Select(n => KeyValuePair.Create(n, (byte)0)));

    public IReadOnlyList<string> Names { get; } = options.Value.Names.ToList();
    public IReadOnlyList<string> Running => _running.Keys.Order(StringComparer.Ordinal).ToList();

    public void Finished(string name) => _running.TryRemove(name, out _);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_running.IsEmpty
            ? HealthCheckResult.Healthy($"start-up jobs done: {string.Join(", ", Names)}")
            : HealthCheckResult.Unhealthy($"start-up jobs still running: {string.Join(", ", Running)}"));
}

public static partial class StartupJobsSetup
{
    public const string CheckName = "startup-jobs";

    /// <summary>Runs <paramref name="job"/> once in the background when the service starts; the service is not ready
    /// until it returns. A job that throws is logged and tried again after <paramref name="retryAfter"/> (10 s), the service
    /// staying not ready, unless it is <paramref name="optional"/> (the service serves correctly without it: it is then
    /// counted as finished and runs again at the next start).</summary>
    public static IServiceCollection AddStartupJob(this IServiceCollection services, string name,
        Func<IServiceProvider, CancellationToken, Task> job, bool optional = false, TimeSpan? retryAfter = null)
    {
        if (!services.Any(d => d.ServiceType == typeof(StartupJobs)))
        {
            services.AddSingleton<StartupJobs>();
            services.AddHealthChecks().Add(new HealthCheckRegistration(CheckName, sp => sp.GetRequiredService<StartupJobs>(), HealthStatus.Unhealthy, ["ready"]));
        }
        services.Configure<StartupJobsOptions>(o => o.Names.Add(name));
        services.AddSingleton<IHostedService>(sp => new Runner(name, sp, job, optional, retryAfter ?? TimeSpan.FromSeconds(10),
            sp.GetRequiredService<StartupJobs>(), sp.GetRequiredService<ILogger<StartupJobs>>()));
        return services;
    }

    private sealed class Runner(string name, IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> job, bool optional,
        TimeSpan retryAfter, StartupJobs jobs, ILogger logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await job(services, stoppingToken);
                    jobs.Finished(name);
                    return;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    if (optional)
                    {
                        Failed(logger, name, ex);
                        jobs.Finished(name);
                        return;
                    }
                    FailedRetrying(logger, name, retryAfter, ex);
                    await Task.Delay(retryAfter, stoppingToken);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Start-up job {Job} failed; the service serves without it and runs it again at the next start")]
    private static partial void Failed(ILogger logger, string job, Exception exception);

    [LoggerMessage(LogLevel.Error, "Start-up job {Job} failed; the service stays not ready and tries again in {RetryAfter}")]
    private static partial void FailedRetrying(ILogger logger, string job, TimeSpan retryAfter, Exception exception);
}
