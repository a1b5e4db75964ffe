using JasperFx.Events;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;
using Platform.Contracts.Reporting;
using Platform.Reporting.Indicators;
using Platform.Reporting.Submissions;

namespace Platform.Reporting.Feed;

/// <summary>The Reporting service's public face. Values and certifications stay inside; the contracts say what happened to which report.</summary>
public sealed class ReportingIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent e) => e.Data switch
    {
        ObligationOpened o => new ReportingObligationOpenedV1(e.Id, o.SubmissionId, e.Version, e.Timestamp, o.EnterpriseId, o.TemplateCode, o.Period, o.DueOn),
        ReportSubmitted s => new ReportSubmittedV1(e.Id, s.SubmissionId, e.Version, e.Timestamp, s.EnterpriseId, s.TemplateCode, s.Period, s.Version, s.Late),
        ReportAccepted a => new ReportAcceptedV1(e.Id, a.SubmissionId, e.Version, e.Timestamp, a.EnterpriseId, a.Version),
        ReportReturned r => new ReportReturnedV1(e.Id, r.SubmissionId, e.Version, e.Timestamp, r.EnterpriseId, r.Version, r.Reason),
        ReportBecameOverdue o => new ReportOverdueV1(e.Id, o.SubmissionId, e.Version, e.Timestamp, o.EnterpriseId, o.DueOn),
        IndicatorsPublished p => new ProvincialIndicatorsPublishedV1(e.Id, p.PublicationId, e.Version, e.Timestamp, p.Template, p.Period,
            p.Report.AcceptedReports, p.Report.DensityPer100, p.Report.DensityTarget),
        _ => null,
    };
}
