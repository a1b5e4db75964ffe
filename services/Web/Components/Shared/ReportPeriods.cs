using System.Globalization;
using Platform.Web.Api;

namespace Platform.Web.Components.Shared;

/// <summary>Report templates are the Reporting service's data (<c>GET /api/reporting/templates</c>), each with its period
/// type; a period is written as the Reporting API reads it: "2026-10" (month), "2026-Q4" (quarter), "2026" (year).</summary>
public static class ReportPeriods
{
    public const string DefaultTemplate = "telecom-monthly";

    /// <summary>The latest period whose reports are usually in: last month, last quarter, last year.</summary>
    public static string Latest(string? periodType, DateOnly today) => periodType switch
    {
        "annual" => (today.Year - 1).ToString(CultureInfo.InvariantCulture),
        "quarterly" => QuarterOf(today.AddMonths(-3)),
        _ => today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>How a period of this type is written, as an example for the field.</summary>
    public static string Example(string? periodType) => periodType switch
    {
        "annual" => "2026",
        "quarterly" => "2026-Q4",
        _ => "2026-10",
    };

    /// <summary>The period type of a template by its code, from the list the Reporting API answered (monthly when unknown).</summary>
    public static string TypeOf(IReadOnlyList<TemplateSummary> templates, string? code) =>
        templates.FirstOrDefault(t => t.Code == code)?.PeriodType ?? "monthly";

    /// <summary>Is the period written as this type's periods are? A month typed for an annual template (the picker changed,
    /// the period field kept) is not sent: the page shows the template's latest period instead.</summary>
    public static bool Fits(string? periodType, string? period) => period is not null && periodType switch
    {
        "annual" => System.Text.RegularExpressions.Regex.IsMatch(period, @"^\d{4}$"),
        "quarterly" => System.Text.RegularExpressions.Regex.IsMatch(period, @"^\d{4}-Q[1-4]$"),
        _ => System.Text.RegularExpressions.Regex.IsMatch(period, @"^\d{4}-(0[1-9]|1[0-2])$"),
    };

    public static string QuarterOf(DateOnly day) => $"{day.Year}-Q{(day.Month - 1) / 3 + 1}";
}
