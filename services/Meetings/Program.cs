using Platform.BuildingBlocks.Hosting;
using JasperFx.Events.Projections;
using Marten;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Catalogue;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Feeds;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Meetings;
using Platform.Meetings.Actions;
using Platform.Meetings.Agreements;
using Platform.Meetings.ComplianceLink;
using Platform.Meetings.Demo;
using Platform.Meetings.Escalations;
using Platform.Meetings.Feed;
using Platform.Meetings.Meetings;
using Platform.Meetings.RegistryLink;

var builder = WebApplication.CreateBuilder(args);
// Service defaults, bearer security (AddPlatformSecurity), the OpenAPI document with the bearer scheme, kebab-case codes, the clock.
builder.AddPlatformApi();

builder.AddPlatformEventStore<MeetingsIntegrationEvents>("meetingsdb", "meetings", opts =>
{
    opts.Projections.Add<MeetingProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<ActionItemProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<EscalationProjection>(ProjectionLifecycle.Inline);
    opts.Projections.Add<AgreementProjection>(ProjectionLifecycle.Inline);
    opts.Schema.For<Meeting>().Index(m => m.Date);
    opts.Schema.For<ActionItem>().Index(a => a.Deadline);
    opts.Schema.For<CooperationAgreement>().Index(a => a.Year);
    // Copies of Reporting's and Infrastructure's facts the agreements' compliance is checked against.
    opts.Schema.For<ReportDue>().Index(r => r.EnterpriseId!);
    opts.Schema.For<SharingAnswerDue>().Index(r => r.OwnerId!);
    opts.AddKnownEnterprises();
});
builder.AddPlatformMessaging("messaging", x =>
{
    x.AddKnownEnterprises();
    x.AddPlatformConsumer<CeasedEnterpriseConsumer>();
    x.AddPlatformConsumer<ReportDueConsumer>();
    x.AddPlatformConsumer<SharingAnswerDueConsumer>();
});
builder.AddRegistryFeedBackfill();
builder.AddFeedBackfill<ReportingFeedBackfill>(ReportingFeedBackfill.Source);
builder.AddFeedBackfill<InfrastructureFeedBackfill>(InfrastructureFeedBackfill.Source);

builder.Services.Configure<OverdueCheckOptions>(builder.Configuration.GetSection("Meetings:OverdueCheck"));
builder.Services.AddHostedService<OverdueActionItemsJob>();
builder.AddBusinessGauge(OverdueActionItemsGauge.Gauge);

var app = builder.Build();

// One-off command: the 2009 Trà Vinh briefing and the 2010 Hải Dương cooperation programme, then exit.
if (await app.RunSeedCommandAsync(args, async (store, clock, logger, ct) => { await DemoData.LoadAsync(store, clock, logger, ct); return 0; })) return;

// Exception handler, status code pages, UsePlatformSecurity (authentication, authorization, write rate limit);
// OpenAPI, Scalar and the AsyncAPI catalogue anonymous; the change feed under the Feeds policy.
// Every endpoint below names its own policy (PlatformPolicies); a representative's resources are checked in the handler.
var api = app.MapPlatformApi("meetings");
var meetings = api.MapGroup("/meetings").WithTags("Meetings");
ScheduleMeeting.Map(meetings);
MeetingLifecycle.Map(meetings);
MeetingRecord.Map(meetings);
MeetingViews.Map(meetings);
var items = api.MapGroup("/action-items").WithTags("Action items");
AssignActionItem.Map(items);
ActionItemLifecycle.Map(items);
ActionTracker.Map(items);
var escalations = api.MapGroup("/escalations").WithTags("Escalations");
EscalateDifficulties.Map(escalations);
AnswerEscalation.Map(escalations);
EscalationRegister.Map(escalations);
var agreements = api.MapGroup("/agreements").WithTags("Cooperation agreements");
DraftAgreement.Map(agreements);
SignAgreement.Map(agreements);
RenewAgreement.Map(agreements);
AgreementRegister.Map(agreements);

app.Run();
