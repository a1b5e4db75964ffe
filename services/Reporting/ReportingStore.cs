using JasperFx.Events.Projections;
using Marten;
using Platform.BuildingBlocks.Enterprises;
using Platform.Reporting.Compliance;
using Platform.Reporting.CrossChecks;
using Platform.Reporting.Indicators;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Reporting;

/// <summary>Reporting's own part of the Marten store: its projection and documents (the benchmark builds the same store).</summary>
public static class ReportingStore
{
    public const string Schema = "reporting";

    public static void Configure(StoreOptions opts)
    {
        opts.Projections.Add<SubmissionProjection>(ProjectionLifecycle.Inline);
        opts.Events.EnableSideEffectsOnInlineProjections = true; // the submission projection writes the accepted-report read model
        opts.Schema.For<AcceptedReport>().Index(a => a.Period).Index(a => a.TemplateCode);
        opts.Schema.For<AcceptedReportBackfillDone>();
        opts.Projections.Add<TemplateSeriesProjection>(ProjectionLifecycle.Inline);
        opts.Listeners.Add(new TemplatePublishedNotifier()); // every writer of the store tells the replicas' template caches
        opts.Schema.For<Submission>().Index(s => s.EnterpriseId).Index(s => s.Period);
        opts.Schema.For<PopulationFigure>().Identity(p => p.Id);
        opts.Projections.Add<PopulationEntryProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<PopulationEntry>().Index(p => p.Year);
        opts.Schema.For<OperatorSite>().Index(s => s.OwnerId);
        opts.Schema.For<CooperationAgreementCopy>().Index(a => a.Year);
        opts.AddKnownEnterprises();
    }
}
