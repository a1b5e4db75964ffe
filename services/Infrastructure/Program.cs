using System.Text.Json.Serialization;
using JasperFx.Events.Projections;
using Marten;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Catalogue;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Infrastructure;
using Platform.Infrastructure.CivilWorks;
using Platform.Infrastructure.Confidentiality;
using Platform.Infrastructure.Coverage;
using Platform.Infrastructure.Demo;
using Platform.Infrastructure.Feed;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformSecurity();
builder.Services.AddOpenApi(o => o.AddBearerSecurityScheme());
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
builder.Services.AddSingleton(TimeProvider.System);
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

var app = builder.Build();

if (args.Contains("seed-demo"))
{
    // One-off command: sites, shared towers and a dispute for the operators the Registry has announced.
    await DemoData.LoadAsync(app.Services.GetRequiredService<IDocumentStore>(), TimeProvider.System,
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Infrastructure.Demo"), CancellationToken.None);
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePlatformSecurity();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapEventCatalogue("infrastructure").AllowAnonymous();

var api = app.MapGroup("/api/infrastructure");
var sites = api.MapGroup("/sites").WithTags("Sites");
SiteEndpoints.Map(sites);
SiteImport.Map(sites);
SiteRegister.Map(sites, api);
var requests = api.MapGroup("/sharing-requests").WithTags("Sharing requests");
SharingEndpoints.Map(requests);
SharingBoard.Map(requests, api);
PlannedWorksCommands.Map(api.MapGroup("/civil-works").WithTags("Planned civil works"));
InfrastructureViews.Map(api);
RestrictedReads.Map(api);
api.MapChangeFeed("/feed").WithTags("Change feed").RequireAuthorization(PlatformPolicies.Feeds);

app.Run();
