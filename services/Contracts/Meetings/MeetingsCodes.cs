namespace Platform.Contracts.Meetings;

// The Meetings service's code lists: the one source the service parses with, the contracts document and the
// console offers (labels in the console's resources), spelt by CodeList.Of.

public enum MeetingKind { QuarterlyBriefing, SixMonthlyBriefing, Dialogue, AnnualReviewConference, MinistryWorkingVisit }

public enum Presence { Present, Delegate, Absent }

public enum DifficultyTopic { InfrastructureSharing, Licensing, LandAndPermits, Reporting, Frequencies, Competition, Other }

/// <summary>Where a matter beyond the Department's authority goes.</summary>
public enum EscalationBody { PeoplesCommittee, Ministry }

/// <summary>Who must do an action item: a unit of the Department, an enterprise, or — once the matter was escalated —
/// the Provincial People's Committee or the Ministry.</summary>
public enum AssigneeKind { DepartmentUnit, Enterprise, PeoplesCommittee, Ministry }

/// <summary>The status of an action item a reader sees: the stored one, with "overdue" derived from today's date.</summary>
public enum TrackedStatus { Open, Overdue, Done, Cancelled }

public enum CommitmentCategory { Briefing, ServiceQuality, Reporting, InfrastructureSharing, Other }

/// <summary>Who is bound by a commitment.</summary>
public enum CommitmentParty { Department, Enterprises, Both }

public enum Cadence { None, Monthly, Quarterly, SixMonthly, Yearly }
