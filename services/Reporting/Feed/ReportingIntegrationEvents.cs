using JasperFx.Events;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;
using Platform.Contracts.Reporting;
using Platform.Reporting.Indicators;
using Platform.BuildingBlocks.Domain;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

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
        TemplateVersionPublished t => TemplateVersion(e, t),
        _ => null,
    };

    /// <summary>A published template version, whole: what an enterprise's system needs to fill the new fields.</summary>
    private static ReportTemplateVersionPublishedV1 TemplateVersion(IEvent e, TemplateVersionPublished published)
    {
        var t = published.Template;
        return new ReportTemplateVersionPublishedV1(e.Id, published.TemplateId, e.Version, e.Timestamp, t.Code, t.Version, t.Name, t.NameEn,
            Codes.Of(t.PeriodType), t.FirstPeriod.Key, t.FirstPeriod.Start, t.EnterpriseKinds,
            t.Indicators.Select(i => new ReportTemplateField(i.Code, i.Name, i.NameEn, Codes.Of(i.Unit), i.Required, i.Min, i.Max)).ToList(),
            [.. t.Rules.Select(r => new ReportTemplateRule("at-most", r.Lesser, r.Greater, null, null, r.Message)),
                .. t.SumRules.Select(r => new ReportTemplateRule("sum", null, null, r.Total, r.Parts, r.Message))],
            t.Breakdown is { } b ? new ReportTemplateBreakdown(b.Fields, b.Required) : null, t.DueDays, t.Source ?? "");
    }
}
