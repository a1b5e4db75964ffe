using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace AppHost.Tests;

/// <summary>
/// The whole AppHost, started once for the test class as `deploy/local/aspire.sh` starts it (the same
/// Platform.AppHost program, its servers chosen the same way), with the dashboard, but on ports of its own
/// and a state directory of its own, so it collides neither with a running platform, nor with
/// deploy/local/servers.sh's servers, nor with the fault tests'. The state directory is deleted afterwards.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    /// <summary>DCP's start of 13 resources took 26-62 s on this 2-core machine, alone and under another build;
    /// the bound is generous so a busier machine fails only when something is really wrong.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    public DistributedApplication App { get; private set; } = null!;
    public string StateDirectory { get; } = Path.Combine(RepositoryRoot(), ".local", "apphost-tests", Guid.NewGuid().ToString("N")[..12]);
    /// <summary>The dashboard's address, its telemetry API key and its browser token, read back from the
    /// environment the AppHost gives the dashboard (the testing builder picks the port and the token itself).</summary>
    public Uri DashboardUrl { get; private set; } = null!;
    public string DashboardApiKey { get; private set; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    public string BrowserToken { get; private set; } = "";
    public TimeSpan StartedIn { get; private set; }

    /// <summary>The resources the test waits for: everything but parameters and the demo-data resources,
    /// which run only when started (Platform:Seed is not set here).</summary>
    public IReadOnlyList<string> ResourceNames { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(StartTimeout);
        string[] args =
        [
            "--DOTNET_LAUNCH_PROFILE=http",
            $"--Platform:StateDirectory={StateDirectory}",
            // 0: the AppHost picks free ports for its PostgreSQL, RabbitMQ and epmd.
            "--Platform:Ports:Postgres=0", "--Platform:Ports:Amqp=0", "--Platform:Ports:RabbitManagement=0",
            "--Platform:Ports:RabbitDistribution=0", "--Platform:Ports:Epmd=0",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            $"--AppHost:DashboardApiKey={DashboardApiKey}",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(args, (options, _) =>
        {
            // The trace test reads the dashboard's telemetry API and photographs its trace view.
            options.DisableDashboard = false;
            options.AllowUnsecuredTransport = true;
        }, timeout.Token);
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);

        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        ResourceNames = model.Resources
            .Where(r => r is not ParameterResource && !r.Annotations.OfType<ExplicitStartupAnnotation>().Any())
            .Select(r => r.Name).ToList();
        foreach (var name in ResourceNames)
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        StartedIn = started.Elapsed;

        var dashboard = model.Resources.Single(r => r.Name == "aspire-dashboard");
        var configuration = await ExecutionConfigurationBuilder.Create(dashboard).WithEnvironmentVariablesConfig()
            .BuildAsync(App.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, timeout.Token);
        var environment = configuration.EnvironmentVariables.ToDictionary();
        // ASPNETCORE_URLS holds a DCP port template here, so the address comes from the allocated endpoint.
        var endpoints = dashboard.Annotations.OfType<EndpointAnnotation>().ToList();
        var ui = endpoints.FirstOrDefault(e => e.Name == "http") ?? throw new InvalidOperationException(
            $"the dashboard has no endpoint \"http\": {string.Join(", ", endpoints.Select(e => $"{e.Name} {e.AllocatedEndpoint?.UriString}"))}");
        DashboardUrl = new Uri(ui.AllocatedEndpoint?.UriString ?? throw new InvalidOperationException("the dashboard's endpoint is not allocated"));
        BrowserToken = environment["DASHBOARD__FRONTEND__BROWSERTOKEN"];
        DashboardApiKey = environment["DASHBOARD__API__PRIMARYAPIKEY"];
    }

    public HttpClient CreateClient(string resource) => App.CreateHttpClient(resource, "http");

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await App.StopAsync(timeout.Token);
            }
            finally
            {
                await App.DisposeAsync();
            }
        }
        // PostgreSQL's files belong to user postgres, but the test runs as their parent directory's owner (or root).
        if (Directory.Exists(StateDirectory)) Directory.Delete(StateDirectory, recursive: true);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Platform.sln above {AppContext.BaseDirectory}");
    }

}
