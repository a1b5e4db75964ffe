namespace Platform.Reporting.Templates;

/// <summary>
/// A reporting period: a month ("2026-10"), a quarter ("2026-Q4") or a year ("2026"), with its first
/// and last day. The due date rule (configurable) counts from the day after the period ends.
/// </summary>
public sealed record ReportingPeriod(PeriodType Type, DateOnly Start, DateOnly End)
{
    public string Key => Type switch
    {
        PeriodType.Monthly => $"{Start:yyyy-MM}",
        PeriodType.Quarterly => $"{Start.Year}-Q{(Start.Month - 1) / 3 + 1}",
        _ => $"{Start.Year}",
    };

    public static ReportingPeriod Containing(PeriodType type, DateOnly day) => type switch
    {
        PeriodType.Monthly => new(type, new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        PeriodType.Quarterly => Quarter(day.Year, (day.Month - 1) / 3),
        _ => new(type, new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31)),
    };

    public ReportingPeriod Next() => Containing(Type, End.AddDays(1));

    /// <summary>Periods of 1991–2199 only: outside them a period is a typing mistake (and 9999-12 would have no next month).</summary>
    public static bool TryParse(string? key, out ReportingPeriod period)
    {
        period = null!;
        if (key is null || key.Length < 4 || !int.TryParse(key[..4], System.Globalization.NumberStyles.None, null, out var year) || year is <= 1990 or >= 2200) return false;
        if (key.Length == 7 && DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", out var month)) { period = Containing(PeriodType.Monthly, month); return true; }
        if (key.Length == 7 && key[4..6] == "-Q" && key[6] is >= '1' and <= '4') { period = Quarter(year, key[6] - '1'); return true; }
        if (key.Length == 4) { period = Containing(PeriodType.Annual, new DateOnly(year, 1, 1)); return true; }
        return false;
    }

    /// <summary>The periods of this type from the one containing <paramref name="from"/> to the one containing <paramref name="until"/>.</summary>
    public static IEnumerable<ReportingPeriod> Between(PeriodType type, DateOnly from, DateOnly until)
    {
        for (var p = Containing(type, from); p.Start <= until; p = p.Next()) yield return p;
    }

    private static ReportingPeriod Quarter(int year, int index) =>
        new(PeriodType.Quarterly, new DateOnly(year, index * 3 + 1, 1), new DateOnly(year, index * 3 + 1, 1).AddMonths(3).AddDays(-1));
}

/// <summary>Due-date rules per period type, e.g. monthly reports are due on the 10th of the next month.</summary>
public sealed class DueDateRules
{
    public int MonthlyDueDay { get; set; } = 10;
    public int QuarterlyDueDays { get; set; } = 15;
    public int AnnualDueDays { get; set; } = 31;

    public DateOnly DueOn(ReportingPeriod period) => period.Type switch
    {
        PeriodType.Monthly => new DateOnly(period.End.AddDays(1).Year, period.End.AddDays(1).Month, Math.Min(MonthlyDueDay, 28)),
        PeriodType.Quarterly => period.End.AddDays(QuarterlyDueDays),
        _ => period.End.AddDays(AnnualDueDays),
    };
}
