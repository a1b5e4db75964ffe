using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>
/// The demo data (the same `seed-demo` command deploy/local/run.sh --seed runs): one short-lived resource
/// per service that runs the service's own program with <c>seed-demo</c> against its database, Registry
/// first and once all four services are healthy (the others learn its enterprises from its events, which
/// reach only queues that already exist), then the others one after another. With <c>Platform:Seed=true</c>
/// (deploy/local/aspire.sh --seed) they run by themselves; otherwise each waits for its Start button in
/// the dashboard (start registry-seed first).
/// </summary>
public static class DemoData
{
    public static void Add(IDistributedApplicationBuilder builder, PlatformServers servers, IReadOnlyList<IResourceBuilder<ProjectResource>> services)
    {
        var automatic = builder.Configuration.GetValue<bool>("Platform:Seed");
        IResourceBuilder<ProjectResource>? previous = null;
        foreach (var service in services)
        {
            var database = service.Resource.Name + "db";
            // No launch profile: the seed serves nothing, so it takes no port (the service's own is in use).
            var seed = builder.AddProject($"{service.Resource.Name}-seed", service.Resource.GetProjectMetadata().ProjectPath, launchProfileName: null)
                .WithArgs("seed-demo")
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
                .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
                .WithReference(servers.Databases[database])
                .WithReference(servers.Messaging)
                .WithParentRelationship(service)
                .WithIconName("DatabaseArrowUp");
            seed = previous is null ? services.Aggregate(seed, (s, other) => s.WaitFor(other)) : seed.WaitForCompletion(previous);
            if (!automatic) seed.WithExplicitStart();
            previous = seed;
        }
    }
}
