using System.Text.Json.Serialization;
using Marten;
using Marten.Events.Projections;
using JasperFx.Events.Projections;
using Platform.BuildingBlocks.Catalogue;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Registry.Demo;
using Platform.Registry.Directory;
using Platform.Registry.Enterprises;
using Platform.Registry.Feed;
using Platform.Registry.Licences;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformSecurity();
builder.Services.AddOpenApi(o => o.AddBearerSecurityScheme());
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
builder.Services.AddSingleton(TimeProvider.System);

builder.AddPlatformEventStore<RegistryIntegrationEvents>("registrydb", "registry", opts =>
{
    opts.Projections.Add<EnterpriseProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<EnterpriseDirectoryProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<LicenceRegisterProjection>(ProjectionLifecycle.Inline);
    opts.Schema.For<TaxCodeClaim>().Identity(x => x.Id);
    opts.Schema.For<EnterpriseDirectoryEntry>().Index(x => x.TaxCode);
});
builder.AddPlatformMessaging("messaging");

builder.Services.Configure<LicenceExpiryOptions>(builder.Configuration.GetSection("Registry:LicenceExpiry"));
builder.Services.AddHostedService<LicenceExpiryJob>();

var app = builder.Build();

if (args.Contains("seed-demo"))
{
    // One-off command: load the demo register into the configured database, then exit.
    await DemoData.LoadAsync(app.Services.GetRequiredService<IDocumentStore>(), TimeProvider.System,
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Registry.Demo"), CancellationToken.None);
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePlatformSecurity();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapEventCatalogue("registry").AllowAnonymous();

var api = app.MapGroup("/api/registry");
var enterprises = api.MapGroup("/enterprises").WithTags("Enterprises");
RegisterEnterprise.Map(enterprises);
EnterpriseDirectory.Map(enterprises);
DirectoryExport.Map(enterprises);
EnterpriseDetail.Map(enterprises);
ChangeEnterprise.Map(enterprises);
LicenceCommands.Map(enterprises);
ExpiringLicences.Map(api.MapGroup("").WithTags("Licences"));
api.MapChangeFeed("/feed").WithTags("Change feed").RequireAuthorization(PlatformPolicies.Feeds);

app.Run();
