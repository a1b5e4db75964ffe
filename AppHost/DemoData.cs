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
    public static void Add(IDistributedApplicationBuilder builder, PlatformServers servers, IReadOnlyList<string> names,
        Func<string, (IResourceBuilder<IResource> Resource, string ProjectPath)> service)
    {
        var automatic = builder.Configuration.GetValue<bool>("Platform:Seed");
        IResourceBuilder<ProjectResource>? previous = null;
        foreach (var name in names)
        {
            var (resource, projectPath) = service(name);
            // No launch profile: the seed serves nothing, so it takes no port (the service's own is in use).
            var seed = builder.AddProject($"{name}-seed", projectPath, launchProfileName: null)
                .WithArgs("seed-demo")
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
                .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
                .WithReference(servers.Databases[name + "db"])
                .WithReference(servers.Messaging)
                .WithParentRelationship(resource.Resource)
                .WithIconName("DatabaseArrowUp");
            seed = previous is null ? names.Aggregate(seed, (s, other) => s.WaitFor(service(other).Resource)) : seed.WaitForCompletion(previous);
            if (!automatic) seed.WithExplicitStart();
            previous = seed;
        }
    }
}
