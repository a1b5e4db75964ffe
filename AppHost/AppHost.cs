// The Platform's Aspire AppHost: one PostgreSQL server with a database per service, RabbitMQ, and every
// service (and the web console) as a project resource. The resource names below are the configuration names the services
// read (ConnectionStrings:registrydb, ..., ConnectionStrings:messaging, services:registry:http:0) and
// the same names deploy/local/run.sh sets, so a service is configured identically either way.
//
// Replicas: every service runs the Marten async daemon in HotCold mode (one replica leads, the others
// stand by), so any service may be scaled out by adding .WithReplicas(2) to its builder below, e.g.
//     builder.AddProject<Projects.Platform_Registry>("registry").WithReplicas(2)...
// Aspire then puts its proxy in front of the replicas on the service's launch-profile port.

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL: one server, one database per service; the data volume keeps the event stores across runs
// (the generated password is kept in the AppHost's user secrets, so the volume stays usable).
var postgres = builder.AddPostgres("postgres")
    .WithDataVolume()
    .WithPgAdmin();

var registryDb = postgres.AddDatabase("registrydb");
var infrastructureDb = postgres.AddDatabase("infrastructuredb");
var meetingsDb = postgres.AddDatabase("meetingsdb");
var reportingDb = postgres.AddDatabase("reportingdb");

// RabbitMQ: integration events (ConnectionStrings__messaging is an amqp:// URI); management UI included.
var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin()
    .WithDataVolume();

var registry = builder.AddProject<Projects.Platform_Registry>("registry")
    .WithReference(registryDb).WaitFor(registryDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// Infrastructure, Meetings and Reporting keep a local copy of the Registry's enterprises: events over
// RabbitMQ, and the Registry's change feed (services__registry__http__0) to catch up.
var infrastructure = builder.AddProject<Projects.Platform_Infrastructure>("infrastructure")
    .WithReference(infrastructureDb).WaitFor(infrastructureDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(registry)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

var meetings = builder.AddProject<Projects.Platform_Meetings>("meetings")
    .WithReference(meetingsDb).WaitFor(meetingsDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(registry)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

var reporting = builder.AddProject<Projects.Platform_Reporting>("reporting")
    .WithReference(reportingDb).WaitFor(reportingDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(registry)
    .WithReference(infrastructure)
    .WithReference(meetings)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// The web console: no database or broker of its own; it calls the four services' APIs (services__<name>__http__0)
// with the signed-in user's token.
builder.AddProject<Projects.Platform_Web>("web")
    .WithReference(registry).WaitFor(registry)
    .WithReference(infrastructure).WaitFor(infrastructure)
    .WithReference(meetings).WaitFor(meetings)
    .WithReference(reporting).WaitFor(reporting)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
