using Platform.BuildingBlocks.Hosting;
using JasperFx.Events.Projections;
using Marten;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Geography;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Geography;
using Platform.Infrastructure;
using Platform.Infrastructure.CivilWorks;
using Platform.Infrastructure.Confidentiality;
using Platform.Infrastructure.Coverage;
using Platform.Infrastructure.Demo;
using Platform.Infrastructure.Feed;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformApi();
builder.Services.Configure<InfrastructureOptions>(builder.Configuration.GetSection("Infrastructure"));

builder.AddPlatformEventStore<InfrastructureIntegrationEvents>("infrastructuredb", "infrastructure", opts =>
{
    opts.Projections.Add<SiteProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<SharingRequestProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<PlannedWorksProjection>(ProjectionLifecycle.Inline);
    opts.Schema.For<Site>().Index(s => s.OwnerId);
    opts.Schema.For<SharingRequest>().Index(r => r.SiteId);
    opts.Schema.For<RestrictedRead>().Index(r => r.SiteId!);
    opts.AddKnownEnterprises();
});
builder.AddPlatformMessaging("messaging", bus => bus.AddKnownEnterprises());
builder.AddRegistryFeedBackfill();
builder.AddProvinceGeography(); // Geography:Province: the units, mapping and boundaries sites are checked against
builder.Services.AddUnitCodingAtStart(sp => LocationCoding.Job(sp.GetRequiredService<ProvinceGeography>())); // codes sites entered by names before the reference data
// The answer deadline is configuration, read here once: the gauge counts against the configured days.
builder.AddBusinessGauge(OverdueSharingRequestsGauge.Gauge(
    builder.Configuration.GetSection("Infrastructure").Get<InfrastructureOptions>()?.OwnerAnswerDays ?? new InfrastructureOptions().OwnerAnswerDays));

var app = builder.Build();

if (await app.RunSeedCommandAsync(args, DemoData.LoadAsync)) return; // one-off: load demo data, then exit

var api = app.MapPlatformApi("infrastructure");
var sites = api.MapGroup("/sites").WithTags("Sites");
RegisterSite.Map(sites);
SiteLifecycle.Map(sites);
AmendSiteDetails.Map(sites);
SiteImport.Map(sites);
SiteRegister.Map(sites, api);
var requests = api.MapGroup("/sharing-requests").WithTags("Sharing requests");
SubmitSharing.Map(requests);
OwnerAnswer.Map(requests);
RequesterAnswer.Map(requests);
SharingDisputes.Map(requests);
SharingBoard.Map(requests, api);
PlannedWorksCommands.Map(api.MapGroup("/civil-works").WithTags("Planned civil works"));
InfrastructureViews.Map(api);
RestrictedReads.Map(api);

app.Run();
