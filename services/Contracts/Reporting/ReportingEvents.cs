using Platform.Contracts.Registry;

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

/// <summary>The Department published a version of a report template (or the first of a new template), effective from a period: from that
/// period on, the enterprises of the kinds named file its fields under its rules. Enterprises' reporting systems add the new fields here.
/// Every version is published whole, so the latest event of a template says everything about it.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="TemplateId">The template's stream id (one per template code).</param>
/// <param name="StreamVersion">The template stream's version after this event (the number of versions published).</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="Template">Report template code, e.g. <c>telecom-monthly</c>.</param>
/// <param name="Version">The version's number: 1, 2, …; a report records the version it was made under.</param>
/// <param name="Name">The template's Vietnamese name.</param>
/// <param name="NameEn">Its English name, when given.</param>
/// <param name="PeriodType">How often it is filed: <c>monthly</c>, <c>quarterly</c> or <c>annual</c>.</param>
/// <param name="EffectiveFrom">The first period the version applies to: <c>2026-10</c>, <c>2026-Q4</c> or <c>2026</c>; earlier periods keep the version before.</param>
/// <param name="EffectiveFromDate">The first day of that period.</param>
/// <param name="EnterpriseKinds">The kinds of enterprise that file it.</param>
/// <param name="Fields">The figures asked for, in form order.</param>
/// <param name="Rules">Cross-field rules a report must keep.</param>
/// <param name="Breakdown">The fields to give per current commune or ward of the province (General Statistics Office codes), or null.</param>
/// <param name="DueDays">Days after the period ends by which it is due, when the version fixes them (else the Department's rule).</param>
/// <param name="Source">The regulation or form the version follows, e.g. <c>Thông tư 04/2022/TT-BTTTT, Biểu 01</c>.</param>
public sealed record ReportTemplateVersionPublishedV1(
    Guid EventId, Guid TemplateId, long StreamVersion, DateTimeOffset OccurredAt,
    string Template, int Version, string Name, string? NameEn, string PeriodType, string EffectiveFrom, DateOnly EffectiveFromDate,
    [property: CodeList(typeof(EnterpriseKind))] IReadOnlyList<string> EnterpriseKinds,
    IReadOnlyList<ReportTemplateField> Fields, IReadOnlyList<ReportTemplateRule> Rules, ReportTemplateBreakdown? Breakdown, int? DueDays, string Source) : IIntegrationEvent;

/// <summary>One figure of a template version.</summary>
/// <param name="Code">The figure's code, the key of its value in a report (e.g. <c>mobile-subscribers</c>).</param>
/// <param name="Label">Its Vietnamese label.</param>
/// <param name="LabelEn">Its English label, when given.</param>
/// <param name="Type">What it is: <c>count</c> and <c>vnd</c> (whole numbers), <c>percent</c> (at most 100), <c>kilometre</c>, <c>number</c>. Every figure is non-negative.</param>
/// <param name="Required">Whether a submission must give it.</param>
/// <param name="Min">The least value allowed, if any.</param>
/// <param name="Max">The greatest value allowed, if any.</param>
public sealed record ReportTemplateField(string Code, string Label, string? LabelEn, string Type, bool Required, decimal? Min, decimal? Max);

/// <summary>A cross-field rule of a template version.</summary>
/// <param name="Kind"><c>at-most</c>: <c>lesser</c> may not exceed <c>greater</c>; <c>sum</c>: the <c>parts</c> add up to <c>total</c>.</param>
/// <param name="Lesser">The field that may not be greater (at-most).</param>
/// <param name="Greater">The field it is compared with (at-most).</param>
/// <param name="Total">The total (sum).</param>
/// <param name="Parts">The fields adding up to it (sum).</param>
/// <param name="Message">What a report breaking the rule is told (Vietnamese).</param>
public sealed record ReportTemplateRule(string Kind, string? Lesser, string? Greater, string? Total, IReadOnlyList<string>? Parts, string Message);

/// <summary>The figures a version asks per current commune or ward of the province.</summary>
/// <param name="Fields">The field codes broken down; the units' figures add up to the field's total.</param>
/// <param name="Required">Whether the breakdown must be given (else it may be).</param>
public sealed record ReportTemplateBreakdown(IReadOnlyList<string> Fields, bool Required);
