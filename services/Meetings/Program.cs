using System.Text.Json.Serialization;
using JasperFx.Events.Projections;
using Marten;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Catalogue;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Meetings;
using Platform.Meetings.Actions;
using Platform.Meetings.Agreements;
using Platform.Meetings.Demo;
using Platform.Meetings.Escalations;
using Platform.Meetings.Feed;
using Platform.Meetings.Meetings;
using Platform.Meetings.RegistryLink;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
builder.Services.AddSingleton(TimeProvider.System);

builder.AddPlatformEventStore<MeetingsIntegrationEvents>("meetingsdb", "meetings", opts =>
{
    opts.Projections.Add<MeetingProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<ActionItemProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<EscalationProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<AgreementProjection>(ProjectionLifecycle.Inline);
    opts.Schema.For<Meeting>().Index(m => m.Date);
    opts.Schema.For<ActionItem>().Index(a => a.Deadline);
    opts.Schema.For<CooperationAgreement>().Index(a => a.Year);
    opts.AddKnownEnterprises();
});
builder.AddPlatformMessaging("messaging", x =>
{
    x.AddKnownEnterprises();
    x.AddConsumer<CeasedEnterpriseConsumer>();
});
builder.AddRegistryFeedBackfill();

builder.Services.Configure<OverdueCheckOptions>(builder.Configuration.GetSection("Meetings:OverdueCheck"));
builder.Services.AddHostedService<OverdueActionItemsJob>();

var app = builder.Build();

if (args.Contains("seed-demo"))
{
    // One-off command: the 2009 Trà Vinh briefing and the 2010 Hải Dương cooperation programme, then exit.
    await DemoData.LoadAsync(app.Services.GetRequiredService<IDocumentStore>(), TimeProvider.System,
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Meetings.Demo"), CancellationToken.None);
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();
app.MapEventCatalogue("meetings");

var api = app.MapGroup("/api/meetings");
var meetings = api.MapGroup("/meetings").WithTags("Meetings");
MeetingEndpoints.Map(meetings);
MeetingViews.Map(meetings);
var items = api.MapGroup("/action-items").WithTags("Action items");
ActionItemEndpoints.Map(items);
ActionTracker.Map(items);
EscalationEndpoints.Map(api.MapGroup("/escalations").WithTags("Escalations"));
AgreementEndpoints.Map(api.MapGroup("/agreements").WithTags("Cooperation agreements"));
api.MapChangeFeed("/feed").WithTags("Change feed");

app.Run();
