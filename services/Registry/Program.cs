using Platform.BuildingBlocks.Hosting;
using Marten;
using JasperFx.Events.Projections;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Geography;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Geography;
using Platform.Registry.Demo;
using Platform.Registry.Directory;
using Platform.Registry.Enterprises;
using Platform.Registry.Feed;
using Platform.Registry.Licences;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformApi();
builder.AddProvinceGeography();

builder.AddPlatformEventStore<RegistryIntegrationEvents>("registrydb", "registry", opts =>
{
    opts.Projections.Add<EnterpriseProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<EnterpriseDirectoryProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<LicenceRegisterProjection>(ProjectionLifecycle.Inline);
    opts.Schema.For<TaxCodeClaim>().Identity(x => x.Id);
    opts.Schema.For<EnterpriseDirectoryEntry>().Index(x => x.TaxCode);
});
builder.AddPlatformMessaging("messaging");
// A feed reader whose position has aged out of EventStore:FeedRetention starts over from the directory's snapshot.
builder.Services.Configure<ChangeFeedRetentionOptions>(o => o.Snapshot = "/api/registry/enterprises/export");

builder.Services.Configure<LicenceExpiryOptions>(builder.Configuration.GetSection("Registry:LicenceExpiry"));
builder.Services.AddHostedService<LicenceExpiryJob>();
builder.Services.AddUnitCodingAtStart(sp => AddressCoding.Job(sp.GetRequiredService<ProvinceGeography>())); // codes head offices entered by names before the reference data
builder.AddBusinessGauge(LicencesExpiringGauge.Gauge);

var app = builder.Build();

if (await app.RunSeedCommandAsync(args, DemoData.LoadAsync)) return; // one-off: load demo data, then exit

var api = app.MapPlatformApi("registry");
var enterprises = api.MapGroup("/enterprises").WithTags("Enterprises");
RegisterEnterprise.Map(enterprises);
EnterpriseDirectory.Map(enterprises);
DirectoryExport.Map(enterprises);
EnterpriseDetail.Map(enterprises);
ChangeEnterprise.Map(enterprises);
LicenceCommands.Map(enterprises);
ExpiringLicences.Map(api.MapGroup("").WithTags("Licences"));

app.Run();
