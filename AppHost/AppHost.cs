// The Platform's Aspire AppHost, the platform's main command (deploy/local/aspire.sh runs it): one
// PostgreSQL server with a database per service, RabbitMQ, the four services, the identity service and the web console.
// The resource names are the configuration names the services read (ConnectionStrings:registrydb, ...,
// ConnectionStrings:messaging, services:registry:http:0), the same names deploy/local/run.sh sets, so
// a service is configured identically either way.
//
// Servers: Platform:Servers = auto (default) | containers | local. "auto" takes containers only where
// `docker info` or `podman info` succeeds (ServerMode.cs); "local" runs Debian's PostgreSQL and
// RabbitMQ as executables under .local/aspire (LocalServers.cs).
//
// Replicas: every service runs the Marten async daemon in HotCold mode (one replica leads, the others
// stand by), so a project resource may be scaled out with .WithReplicas(2) (in AddService below).
using Platform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// webdb: the console's sessions (server-side, so they survive a restart and any replica reads them).
string[] databaseNames = ["registrydb", "infrastructuredb", "meetingsdb", "reportingdb", "identitydb", "webdb"];
var mode = ServerModes.Resolve(builder.Configuration[ServerModes.ConfigurationKey]);
PlatformServers servers;
if (mode == ServerMode.Containers) servers = AddContainers(builder, databaseNames);
else if (OperatingSystem.IsLinux()) servers = LocalServers.Add(builder, databaseNames);
else throw new PlatformNotSupportedException("Platform:Servers=local runs Debian's PostgreSQL and RabbitMQ: Linux only; use containers");

// Services: project resources (the default: DCP runs each through `dotnet run`, and the dashboard knows
// their projects), or with Platform:ServiceProcesses=dlls the built dlls run as plain executables, which
// saves the `dotnet run` wrapper process DCP keeps per project (about 83 MB PSS each: AppHost/README.md).
var builtDlls = string.Equals(builder.Configuration["Platform:ServiceProcesses"], "dlls", StringComparison.OrdinalIgnoreCase);
var configuration = typeof(Program).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
    .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release";
var endpoints = new Dictionary<string, EndpointReference>();
var services = new Dictionary<string, (IResourceBuilder<IResource> Resource, string ProjectPath)>();

// name, project, the launch profile's port (used as is by the dlls), database, and the services whose APIs it calls (services__<name>__http__0, as service discovery reads it).
void AddService<TProject>(string name, int port, string? database, params string[] calls) where TProject : IProjectMetadata, new()
{
    var project = new TProject();
    if (builtDlls)
    {
        var dll = Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");
        var executable = builder.AddExecutable(name, "dotnet", Path.GetDirectoryName(dll)!, dll)
            // Not proxied: the port the service listens on is the launch profile's, on loopback only.
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithEnvironment("ASPNETCORE_URLS", "http://127.0.0.1:" + port)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development") // as the launch profiles say
            .WithOtlpExporter();
        Wire(executable, name, project.ProjectPath, database, calls);
    }
    else
    {
        Wire(builder.AddProject<TProject>(name).WithExternalHttpEndpoints(), name, project.ProjectPath, database, calls);
    }
}

void Wire<T>(IResourceBuilder<T> service, string name, string projectPath, string? database, string[] calls)
    where T : class, IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithWaitSupport
{
    if (database is not null) service.WithReference(servers.Databases[database]).WaitFor(servers.Databases[database]);
    // The console uses no broker.
    if (database is not null && name != "web") service.WithReference(servers.Messaging).WaitFor(servers.Messaging);
    foreach (var other in calls)
    {
        // Read when the service starts, not now: Meetings reads the feeds of Reporting and Infrastructure, which are added after it
        // (and Reporting reads Meetings' feed), so the address may not be known yet here.
        var address = $"services__{other}__http__0";
        service.WithEnvironment(context => context.EnvironmentVariables[address] = endpoints[other]);
        // The console needs all four APIs answering; a service only needs the Registry's feed eventually.
        if (name == "web") service.WaitFor(services[other].Resource);
    }
    // The services ask the identity service for their own tokens (the Registry's feed) from the start: started
    // before it answers, their first calls fail and log errors an operator would have to explain away.
    if (name != "identity" && services.TryGetValue("identity", out var identity)) service.WaitFor(identity.Resource);
    // The identity service's address as this run serves it (a test run randomises ports): the issuer its tokens
    // name, the authority the APIs trust and the token endpoint they call must all be that one address.
    var identityEndpoint = name == "identity" ? service.GetEndpoint("http") : endpoints.GetValueOrDefault("identity");
    foreach (var (key, value) in SignInSettings(name))
    {
        if (identityEndpoint is not null && value.StartsWith(IdentityAddress, StringComparison.Ordinal))
            service.WithEnvironment(key, ReferenceExpression.Create($"{identityEndpoint}/{value[IdentityAddress.Length..]}"));
        else
            service.WithEnvironment(key, value);
    }
    service.WithHttpHealthCheck("/health");
    endpoints[name] = service.GetEndpoint("http");
    services[name] = (service, projectPath);
}

// The identity service first: the console signs in there, the APIs trust its tokens (and, in Development, development tokens too).
AddService<Projects.Platform_Identity>("identity", IdentityPort, "identitydb");
AddService<Projects.Platform_Registry>("registry", 5101, "registrydb");
// Infrastructure, Meetings and Reporting keep a local copy of the Registry's enterprises: events over
// RabbitMQ, and the Registry's change feed (services__registry__http__0) to catch up.
AddService<Projects.Platform_Infrastructure>("infrastructure", 5102, "infrastructuredb", "registry");
// Meetings also reads Reporting's and Infrastructure's feeds: the agreements' reporting and sharing-response compliance.
AddService<Projects.Platform_Meetings>("meetings", 5103, "meetingsdb", "registry", "infrastructure", "reporting");
AddService<Projects.Platform_Reporting>("reporting", 5104, "reportingdb", "registry", "infrastructure", "meetings");
// The web console: its sessions in webdb, no broker; it calls the four services' APIs with the signed-in user's token.
AddService<Projects.Platform_Web>("web", 5100, "webdb", "registry", "infrastructure", "meetings", "reporting", "identity");

// The identity service's demo accounts come last; their passwords appear in its seed resource's console log.
DemoData.Add(builder, servers, ["registry", "infrastructure", "meetings", "reporting", "identity"], name => services[name]);

// Nothing here serves HTTPS (plain HTTP on loopback, as the launch profiles say), so no resource gets a
// development certificate; 13.6 warns about a missing one otherwise.
foreach (var resource in builder.Resources.OfType<ExecutableResource>().ToList())
    builder.CreateResourceBuilder(resource).WithoutHttpsCertificate();
foreach (var resource in builder.Resources.OfType<ProjectResource>().ToList())
    builder.CreateResourceBuilder(resource).WithoutHttpsCertificate();

builder.Build().Run();

// Sign-in settings per resource, the same run.sh gives. Values starting with IdentityAddress name the identity
// service; Wire replaces that prefix with its endpoint as this run serves it, so the issuer its tokens name, the
// authority the APIs trust and the address browsers are sent to are one and the same.
static Dictionary<string, string> SignInSettings(string name)
{
    const string identity = IdentityAddress;
    return name switch
    {
        "identity" => new() { ["Identity__Issuer"] = identity },
        "web" => new()
        {
            ["Authentication__Oidc__Authority"] = identity, ["Authentication__Oidc__ClientId"] = "platform-web",
            ["Authentication__Oidc__ClientSecret"] = "platform-web-development-secret", ["Authentication__Oidc__RequireHttpsMetadata"] = "false",
            ["Console__DevelopmentSignIn"] = "true",
        },
        _ => new()
        {
            ["Authentication__Schemes__Bearer__Authority"] = identity, ["Authentication__Schemes__Bearer__ValidAudiences__0"] = "platform",
            ["Authentication__Schemes__Bearer__RequireHttpsMetadata"] = "false", ["Authentication__AcceptDevelopmentTokens"] = "true",
            ["Authentication__ServiceClient__TokenEndpoint"] = identity + "connect/token", ["Authentication__ServiceClient__ClientId"] = "platform-services",
            ["Authentication__ServiceClient__ClientSecret"] = "platform-services-development-secret",
        },
    };
}

static PlatformServers AddContainers(IDistributedApplicationBuilder builder, IReadOnlyList<string> databaseNames)
{
    // One server, one database per service; the data volume keeps the event stores across runs (the
    // generated password is kept in the AppHost's user secrets, so the volume stays usable).
    var postgres = builder.AddPostgres("postgres").WithDataVolume().WithPgAdmin();
    var databases = databaseNames.ToDictionary(name => name, name => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddDatabase(name));
    // Integration events (ConnectionStrings__messaging is an amqp:// URI); management UI included.
    var messaging = builder.AddRabbitMQ("messaging").WithManagementPlugin().WithDataVolume();
    return new PlatformServers(databases, messaging);
}

internal partial class Program
{
    private const int IdentityPort = 5105;
    // Placeholder for the identity service's address in SignInSettings; Wire puts the run's real endpoint in its place.
    private const string IdentityAddress = "identity://";
}
