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

    /// <summary>The province's plan targets per indicator code (subscribers, postal points, on-time delivery…), drawn as the
    /// trend's target line; an indicator without one has no line. Configuration, so the Department changes it with its plan.</summary>
    public Dictionary<string, decimal> Targets { get; set; } = [];

    /// <summary>The longest range the trend shows at once, in months (the monthly series' points).</summary>
    public int TrendMaxMonths { get; set; } = 60;
}
