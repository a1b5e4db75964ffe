namespace Platform.Contracts.Reporting;

/// <summary>An enterprise now owes a report for a period (opened once the period has ended).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SubmissionId">The submission (one per enterprise, template and period).</param>
/// <param name="StreamVersion">The submission stream's version after this event (1).</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="EnterpriseId">The enterprise that must report (Registry id).</param>
/// <param name="Template">Report template code, e.g. <c>telecom-monthly</c>, <c>postal-quarterly</c>.</param>
/// <param name="Period">The period: <c>2026-10</c> (month), <c>2026-Q4</c> (quarter) or <c>2026</c> (year).</param>
/// <param name="DueOn">The last day to submit on time.</param>
public sealed record ReportingObligationOpenedV1(
    Guid EventId, Guid SubmissionId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid EnterpriseId, string Template, string Period, DateOnly DueOn) : IIntegrationEvent;

/// <summary>A report (or a corrected version of it) was submitted.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SubmissionId">The submission.</param>
/// <param name="StreamVersion">The submission stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="EnterpriseId">The reporting enterprise.</param>
/// <param name="Template">Report template code.</param>
/// <param name="Period">The period reported on.</param>
/// <param name="Version">1 for the first submission, 2 and up for corrections.</param>
/// <param name="Late">True when submitted after the due date.</param>
public sealed record ReportSubmittedV1(
    Guid EventId, Guid SubmissionId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid EnterpriseId, string Template, string Period, int Version, bool Late) : IIntegrationEvent;

/// <summary>The Department accepted a report; its figures now count in the provincial indicators.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SubmissionId">The submission.</param>
/// <param name="StreamVersion">The submission stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="EnterpriseId">The reporting enterprise.</param>
/// <param name="Version">The accepted version.</param>
public sealed record ReportAcceptedV1(
    Guid EventId, Guid SubmissionId, long StreamVersion, DateTimeOffset OccurredAt, Guid EnterpriseId, int Version) : IIntegrationEvent;

/// <summary>The Department returned a report for correction.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SubmissionId">The submission.</param>
/// <param name="StreamVersion">The submission stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="EnterpriseId">The reporting enterprise.</param>
/// <param name="Version">The returned version.</param>
/// <param name="Reason">What must be corrected.</param>
public sealed record ReportReturnedV1(
    Guid EventId, Guid SubmissionId, long StreamVersion, DateTimeOffset OccurredAt, Guid EnterpriseId, int Version, string Reason) : IIntegrationEvent;

/// <summary>A report was not submitted by its due date. Published once per report; use it to send reminders.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SubmissionId">The submission.</param>
/// <param name="StreamVersion">The submission stream's version after this event.</param>
/// <param name="OccurredAt">When the overdue state was recorded, UTC.</param>
/// <param name="EnterpriseId">The enterprise that has not reported.</param>
/// <param name="DueOn">The missed due date.</param>
public sealed record ReportOverdueV1(
    Guid EventId, Guid SubmissionId, long StreamVersion, DateTimeOffset OccurredAt, Guid EnterpriseId, DateOnly DueOn) : IIntegrationEvent;

/// <summary>The Department published the province's indicators for a period.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="PublicationId">Id of this publication (a period may be published again after corrections).</param>
/// <param name="StreamVersion">The publication stream's version (1).</param>
/// <param name="OccurredAt">When it was published, UTC.</param>
/// <param name="Template">Report template code the indicators come from.</param>
/// <param name="Period">The period.</param>
/// <param name="AcceptedReports">How many accepted reports the figures add up.</param>
/// <param name="DensityPer100">Telephone density (mobile + fixed subscribers per 100 inhabitants), when the template has it.</param>
/// <param name="DensityTarget">The provincial target it is compared with.</param>
public sealed record ProvincialIndicatorsPublishedV1(
    Guid EventId, Guid PublicationId, long StreamVersion, DateTimeOffset OccurredAt,
    string Template, string Period, int AcceptedReports, decimal? DensityPer100, decimal DensityTarget) : IIntegrationEvent;
