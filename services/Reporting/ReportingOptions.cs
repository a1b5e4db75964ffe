using Platform.Reporting.Templates;

namespace Platform.Reporting;

/// <summary>Settings of section "Reporting".</summary>
public sealed class ReportingOptions
{
    public DueDateRules DueDates { get; set; } = new();

    /// <summary>Entry for a period closes this many days after its due date (a manager can grant an exception).</summary>
    public int LockDaysAfterDue { get; set; } = 30;

    /// <summary>A value that moves more than this percentage from the previous accepted period draws a warning.</summary>
    public decimal WarnChangePercent { get; set; } = 30m;

    /// <summary>How often obligations are opened and overdue reports recorded.</summary>
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Provincial target for telephone density (phones per 100 inhabitants).</summary>
    public decimal DensityTarget { get; set; } = 35m;
}
