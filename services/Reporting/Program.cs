using Platform.BuildingBlocks.Hosting;
using Marten;
using MassTransit;
using JasperFx.Events.Projections;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Feeds;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Geography;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Reporting;
using Platform.Reporting.Compliance;
using Platform.Reporting.CrossChecks;
using Platform.Reporting.Demo;
using Platform.Reporting.Feed;
using Platform.Reporting.Indicators;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformApi();
builder.Services.Configure<ReportingOptions>(builder.Configuration.GetSection("Reporting"));

builder.AddPlatformEventStore<ReportingIntegrationEvents>("reportingdb", ReportingStore.Schema, ReportingStore.Configure);
builder.AddPlatformMessaging("messaging", bus =>
{
    bus.AddKnownEnterprises();
    bus.AddPlatformConsumer<OperatorSiteConsumer>();
    bus.AddPlatformConsumer<CooperationAgreementConsumer>();
});
builder.AddRegistryFeedBackfill();
builder.AddProvinceGeography(); // Geography:Province: the units population figures are entered for
builder.AddFeedBackfill<InfrastructureFeedBackfill>(InfrastructureFeedBackfill.Source);
builder.AddFeedBackfill<MeetingsFeedBackfill>(MeetingsFeedBackfill.Source);
builder.Services.AddSingleton<TemplateCache>();
builder.Services.ConfigureMarten((sp, opts) => opts.Listeners.Add(new TemplateCacheDiscard(sp.GetRequiredService<TemplateCache>())));
builder.Services.AddHostedService<TemplateChangeListener>();
builder.Services.AddHostedService<TemplateLoader>(); // before the schedule: the shipped templates into the store
builder.Services.AddStartupJob(AcceptedReportBackfill.JobName, (sp, ct) => AcceptedReportBackfill.RunAsync( // reports accepted before the read model existed
    sp.GetRequiredService<Marten.IDocumentStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AcceptedReportBackfill)), ct));
builder.Services.AddSingleton<IKnownEnterpriseReaction, ObligationOpener>();
builder.Services.AddSingleton<ObligationScheduler>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ObligationScheduler>());
builder.AddBusinessGauge(OverdueReportsGauge.Gauge);

var app = builder.Build();

if (await app.RunSeedCommandAsync(args, DemoData.LoadAsync)) return; // one-off: load demo data, then exit

var api = app.MapPlatformApi("reporting");
var submissions = api.MapGroup("/submissions").WithTags("Submissions");
SubmissionQueries.Map(api, submissions);
SaveDraft.Map(submissions);
SubmitReport.Map(submissions);
ReviewReport.Map(submissions);
PublishTemplateVersion.Map(api);
StatusEndpoints.Map(api);
IndicatorEndpoints.Map(api);
IndicatorTrends.Map(api);
PublishIndicators.Map(api);
CorrectPopulation.Map(api);
CrossCheckEndpoints.Map(api);
ComplianceEndpoints.Map(api);

app.Run();
