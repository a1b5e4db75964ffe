// The Platform's Aspire AppHost, the platform's main command (deploy/local/aspire.sh runs it): one
// PostgreSQL server with a database per service, RabbitMQ, the four services and the web console.
// The resource names are the configuration names the services read (ConnectionStrings:registrydb, ...,
// ConnectionStrings:messaging, services:registry:http:0), the same names deploy/local/run.sh sets, so
// a service is configured identically either way.
//
// Servers: Platform:Servers = auto (default) | containers | local. "auto" takes containers only where
// `docker info` or `podman info` succeeds (ServerMode.cs); "local" runs Debian's PostgreSQL and
// RabbitMQ as executables under .local/aspire (LocalServers.cs).
//
// Replicas: every service runs the Marten async daemon in HotCold mode (one replica leads, the others
// stand by), so any service may be scaled out by adding .WithReplicas(2) to its builder below.
using Platform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

string[] databaseNames = ["registrydb", "infrastructuredb", "meetingsdb", "reportingdb"];
var mode = ServerModes.Resolve(builder.Configuration[ServerModes.ConfigurationKey]);
PlatformServers servers;
if (mode == ServerMode.Containers) servers = AddContainers(builder, databaseNames);
else if (OperatingSystem.IsLinux()) servers = LocalServers.Add(builder, databaseNames);
else throw new PlatformNotSupportedException("Platform:Servers=local runs Debian's PostgreSQL and RabbitMQ: Linux only; use containers");

IResourceBuilder<ProjectResource> AddService<TProject>(string name, string database) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name)
        .WithReference(servers.Databases[database]).WaitFor(servers.Databases[database])
        .WithReference(servers.Messaging).WaitFor(servers.Messaging)
        .WithExternalHttpEndpoints()
        .WithHttpHealthCheck("/health")
        .WithoutHttpsCertificate(); // plain HTTP on loopback, as the launch profiles say: no development certificate

var registry = AddService<Projects.Platform_Registry>("registry", "registrydb");

// Infrastructure, Meetings and Reporting keep a local copy of the Registry's enterprises: events over
// RabbitMQ, and the Registry's change feed (services__registry__http__0) to catch up.
var infrastructure = AddService<Projects.Platform_Infrastructure>("infrastructure", "infrastructuredb").WithReference(registry);
var meetings = AddService<Projects.Platform_Meetings>("meetings", "meetingsdb").WithReference(registry);
var reporting = AddService<Projects.Platform_Reporting>("reporting", "reportingdb")
    .WithReference(registry).WithReference(infrastructure).WithReference(meetings);

// The web console: no database or broker of its own; it calls the four services' APIs (services__<name>__http__0)
// with the signed-in user's token.
builder.AddProject<Projects.Platform_Web>("web")
    .WithReference(registry).WaitFor(registry)
    .WithReference(infrastructure).WaitFor(infrastructure)
    .WithReference(meetings).WaitFor(meetings)
    .WithReference(reporting).WaitFor(reporting)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithoutHttpsCertificate();

DemoData.Add(builder, servers, [registry, infrastructure, meetings, reporting]);

builder.Build().Run();

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
