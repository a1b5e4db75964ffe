using Platform.Contracts.Api;

namespace Platform.Web.Api;

// The parts of the services' answers the console shows. Codes (status, kinds) arrive as the APIs spell them
// (kebab-case strings) and are labelled through the resource file; unknown fields are ignored. Timelines and pages
// are the services' own shapes (Platform.Contracts.Api).

public sealed record Created(Guid Id, long Version);

// Registry
public sealed record DirectoryEntry(Guid Id, string TaxCode, string LegalName, string ShortName, string[] Sectors, string[] Kinds,
    string District, string Commune, string Status, DateTimeOffset RegisteredAt, long Version)
{
    /// <summary>The head office's unit as entered, once the register has coded it: its code and generation (three-tier before 1 July 2025).</summary>
    public string? CommuneCode { get; init; }
    public string? Generation { get; init; }
    /// <summary>The commune the head office lies in since 1 July 2025.</summary>
    public string? CurrentCommuneCode { get; init; }
    public string? CurrentCommune { get; init; }
}
public sealed record Address(string Street, string Commune, string District);
public sealed record Representative(string Name, string Title);
public sealed record Contact(string Phone, string Email);
public sealed record Licence(Guid Id, string Number, string Type, string IssuingAuthority, DateOnly IssuedOn, DateOnly ExpiresOn, string Status, string? RevocationReason);
public sealed record EnterpriseView(Guid Id, string TaxCode, string LegalName, string ShortName, string[] Sectors, string[] Kinds,
    Address HeadOffice, Representative Representative, Contact Contact, string Status, string? StatusReason, DateTimeOffset RegisteredAt,
    long Version, IReadOnlyList<Licence> Licences, IReadOnlyList<TimelineEntry> History);
public sealed record ExpiringLicence(Guid LicenceId, string Number, string Type, string IssuingAuthority, DateOnly ExpiresOn, int DaysLeft,
    Guid EnterpriseId, string EnterpriseName, string TaxCode);

// Infrastructure
public sealed record Location(string District, string Commune, double Latitude, double Longitude, string Address, string? CommuneCode = null, string? Generation = null);
public sealed record SiteView(Guid Id, string Name, string Kind, Guid OwnerId, string OwnerName, Location Location, decimal? HeightMetres,
    int TenantCapacity, string Zone, string Status, IReadOnlyList<Guid> Tenants, long Version, double[][]? Route = null, double? LengthKm = null);
public sealed record CommuneCoverage(string Code, string Commune, int OperationalBtsSites);
public sealed record CoverageReport(string Units, int Communes, int CommunesCovered, int CommunesWithoutBts, IReadOnlyList<CommuneCoverage> ByCommune);
public sealed record SharingOffer(decimal MonthlyFeeVnd, int TermMonths, string TechnicalConditions, decimal? FeeDeviationPercent, bool FeeFlagged);
/// <summary>A site as the public register shows it to every role (no name, coordinates or terms): what a requester picks.</summary>
public sealed record PublicSiteView(Guid Id, string Kind, string OwnerName, string District, string Commune, string Status, int Tenants, int TenantCapacity);
public sealed record SharingRequestView(Guid Id, Guid SiteId, string SiteKind, string District, Guid OwnerId, string OwnerName, Guid RequesterId,
    string RequesterName, string Purpose, string Status, DateOnly SubmittedOn, int AgeDays, bool Overdue, SharingOffer? Offer, string? RefusalReason,
    string? RefusalExplanation, Guid? DisputeRaisedBy, string? DisputeGrounds, string? MediationOutcome, string? MediationDecision, bool PartyNotActive, long Version);
public sealed record SharingRequestDetail(SharingRequestView Request, IReadOnlyList<TimelineEntry> History);

// Meetings
public sealed record CalendarEntry(Guid Id, string Kind, string Title, DateOnly Date, string Place, string Chair, string Status,
    int InvitedEnterprises, int Difficulties, int Conclusions, long Version);
public sealed record Assignee(string Kind, Guid? EnterpriseId, string Name);
public sealed record ProgressNote(DateOnly On, string Note, int? Percent, string Source);
public sealed record ActionItemView(Guid Id, Guid? MeetingId, string Title, Assignee Assignee, DateOnly AssignedOn, DateOnly Deadline, string Status,
    int DaysOverdue, int Percent, DateOnly? CompletedOn, bool? CompletedOnTime, long Version)
{
    public Guid? DifficultyId { get; init; }
    public Guid? EscalationId { get; init; }
    public string? Evidence { get; init; }
    public string? CancellationReason { get; init; }
    public IReadOnlyList<ProgressNote> Notes { get; init; } = [];
}
public sealed record ActionItemDetail(ActionItemView Item, IReadOnlyList<TimelineEntry> Timeline);
public sealed record InvitedEnterprise(Guid Id, string Name);
public sealed record AttendanceEntry(Guid InviteeId, string Name, bool IsEnterprise, string Presence, string? DelegateName);
public sealed record Difficulty(Guid Id, Guid EnterpriseId, string EnterpriseName, string Topic, string Text, string Response, string? Resolution)
{
    public Guid? ActionItemId { get; init; }
    public Guid? EscalationId { get; init; }
}
public sealed record InvitedOfficial(Guid Id, string Name, string Title, string Organisation);
public sealed record Amendment(string Reason, string Change, DateTimeOffset AmendedAt);
public sealed record Conclusion(Guid Id, string Text);
public sealed record Meeting(Guid Id, string Kind, string Title, DateOnly Date, string Place, string Chair, IReadOnlyList<string> Agenda,
    IReadOnlyList<InvitedEnterprise> Enterprises, string Status, string? CancellationReason, IReadOnlyList<AttendanceEntry> Attendance,
    IReadOnlyList<Difficulty> Difficulties, IReadOnlyList<Conclusion> Conclusions, DateOnly? MinutesPublishedOn, long Version)
{
    public IReadOnlyList<InvitedOfficial> Officials { get; init; } = [];
    public string? MinutesSummary { get; init; }
    public IReadOnlyList<Amendment> Amendments { get; init; } = [];
}
public sealed record MeetingDetail(Meeting Meeting, IReadOnlyList<ActionItemView> ActionItems);
public sealed record SignatureRow(Guid? EnterpriseId, string Party, bool Signed, string? SignedBy, DateOnly? SignedOn);
public sealed record Commitment(Guid Id, string Text, string Category, string Party, string Cadence);
public sealed record RemovedParty(Guid EnterpriseId, string Name, string Reason);
/// <summary>How a commitment is kept (Meetings' rule per category: briefings held, reports on time, sharing requests answered in time).</summary>
public sealed record CommitmentCompliance(Guid CommitmentId, string Status, string Measure, int Expected, int DueSoFar, int Actual, decimal? OnTimePercent);
public sealed record AgreementView(Guid Id, int Year, string Title, string Status, DateOnly? InForceFrom, DateOnly ExpiresOn,
    IReadOnlyList<SignatureRow> Signatures, IReadOnlyList<Commitment> Commitments, long Version)
{
    public IReadOnlyList<RemovedParty> RemovedParties { get; init; } = [];
    public IReadOnlyList<CommitmentCompliance> Compliance { get; init; } = [];
    /// <summary>The agreement this one was renewed from (drafted from its commitments).</summary>
    public Guid? RenewedFrom { get; init; }
}
public sealed record CoveredDifficulty(Guid MeetingId, Guid DifficultyId, string EnterpriseName, string Text);
public sealed record EscalationEntry(Guid Id, string To, string Summary, DateOnly EscalatedOn, int AgeDays, bool Answered, string? Response,
    DateOnly? RespondedOn, IReadOnlyList<CoveredDifficulty> Difficulties, long Version);

// Reporting
public sealed record ObligationRow(Guid Id, Guid EnterpriseId, string EnterpriseName, string Template, string Period, DateOnly DueOn, string Status,
    int Versions, bool Late, bool Overdue, bool Locked, long Version);
public sealed record Indicator(string Code, string Name, string Unit, string? NameEn = null, bool Required = true, decimal? Min = null, decimal? Max = null);
public sealed record AtMostRule(string Lesser, string Greater, string Message);
public sealed record SumRule(string Total, IReadOnlyList<string> Parts, string Message);
public sealed record UnitBreakdown(IReadOnlyList<string> Fields, bool Required);
public sealed record ReportTemplate(string Code, int Version, string Name, string PeriodType, IReadOnlyList<Indicator> Indicators,
    string[]? EnterpriseKinds = null, IReadOnlyList<AtMostRule>? Rules = null, string? EffectiveFrom = null, IReadOnlyList<SumRule>? Sums = null,
    UnitBreakdown? Breakdown = null, string? NameEn = null, string? Source = null, int? DueDays = null, DateTimeOffset? PublishedAt = null);
public sealed record TemplateSeries(Guid Id, string Code, string PeriodType, IReadOnlyList<ReportTemplate> Versions, long Version);
public sealed record TemplateSummary(string Code, string Name, string PeriodType, int LatestVersion, string LatestEffectiveFrom, string[] EnterpriseKinds, long Version);
public sealed record Certification(string SignerName, string SignerTitle);
public sealed record SubmittedVersion(int Number, Dictionary<string, decimal> Values, Certification Certification, DateTimeOffset SubmittedAt,
    bool Late, IReadOnlyList<string> Warnings, string? ReturnReason, int? TemplateVersion = null, Dictionary<string, Dictionary<string, decimal>>? Breakdown = null);
public sealed record Submission(Guid Id, Guid EnterpriseId, string TemplateCode, string Period, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn,
    string Status, Dictionary<string, decimal>? Draft, IReadOnlyList<SubmittedVersion> Versions, int? AcceptedVersion, DateOnly? ExceptionUntil, long Version,
    Dictionary<string, Dictionary<string, decimal>>? DraftBreakdown = null);
public sealed record SubmissionDetail(Submission Submission, ReportTemplate Template, IReadOnlyList<TimelineEntry> History);
public sealed record StatusMatrixRow(Guid EnterpriseId, string Name, Dictionary<string, string> Cells);
public sealed record StatusMatrix(string Template, IReadOnlyList<string> Periods, IReadOnlyList<StatusMatrixRow> Enterprises);
public sealed record IndicatorTotal(string Code, string Name, string Unit, decimal? Total); // null: a percentage no report gives
public sealed record GroupTotals(string Name, Dictionary<string, decimal> Values, decimal? DensityPer100);
public sealed record PopulationFigureView(int Year, string Generation, string Code, string Unit, string Level, long Inhabitants, long Version = 0);
public sealed record PopulationYear(int Year, long Inhabitants, string Basis, IReadOnlyList<PopulationFigureView> Figures);
public sealed record TrendGroupValue(string Name, decimal? Value);
public sealed record TrendPoint(string Period, DateOnly Start, DateOnly End, int AcceptedReports, decimal? Value, IReadOnlyList<TrendGroupValue> Groups);
public sealed record TrendSeries(string Template, string Code, string Name, string Unit, string PeriodType, decimal? Target, IReadOnlyList<TrendPoint> Points);
public sealed record IndicatorTrend(DateOnly From, DateOnly To, string By, IReadOnlyList<TrendSeries> Series, string? Units = null);
public sealed record IndicatorReport(string Template, string Period, DateTimeOffset? AsOf, int AcceptedReports, IReadOnlyList<IndicatorTotal> Totals,
    IReadOnlyList<GroupTotals> ByDistrict, IReadOnlyList<GroupTotals> ByOperator, long Population, decimal? DensityPer100, decimal DensityTarget, bool TargetMet);
