using System.Globalization;

namespace Platform.Web.Formatting;

/// <summary>How the console writes dates and money for the Department: dd/MM/yyyy, Vietnam time (UTC+7), and
/// "1.234.567 ₫" (dot groups thousands, comma marks decimals). Fixed here rather than left to the machine's
/// culture data, so a server without ICU's Vietnamese data prints the same.</summary>
public static class Vn
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static readonly NumberFormatInfo Numbers = new()
    {
        NumberGroupSeparator = ".", NumberDecimalSeparator = ",", NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    public static string Date(DateOnly? day) => day is { } d ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    public static string Date(DateTimeOffset? at) => at is { } t ? t.ToOffset(Offset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    public static string DateTime(DateTimeOffset? at) => at is { } t ? t.ToOffset(Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>Whole đồng with thousands separators: 9.500.000.000 ₫.</summary>
    public static string Vnd(decimal? amount) => amount is { } a ? $"{decimal.Round(a, 0).ToString("#,0", Numbers)} ₫" : "";

    /// <summary>Is this unit đồng? Templates spell it "vnd", indicator reports "Vnd".</summary>
    public static bool IsVnd(string? unit) => string.Equals(unit, "vnd", StringComparison.OrdinalIgnoreCase);

    /// <summary>A figure: whole numbers grouped (1.234.567), fractions with a comma (35,2).</summary>
    public static string Number(decimal? value) => value is { } v
        ? v == decimal.Truncate(v) ? v.ToString("#,0", Numbers) : v.ToString("#,0.##", Numbers)
        : "";

    /// <summary>Reads a figure typed the Vietnamese way ("1.234.567", "98,5") or plainly ("1234567"); null when it is not one.</summary>
    public static decimal? ParseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Replace(" ", "").Replace("\u00a0", "").Replace("₫", "");
        // Dots only group thousands: "1.234" is one thousand two hundred thirty-four, never 1,234.
        t = t.Replace(".", "").Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>A day typed as dd/MM/yyyy, or as the yyyy-MM-dd a date input sends.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    /// <summary>A month as the console writes it, MM/yyyy ("11/2026").</summary>
    public static string Month(DateOnly month) => month.ToString("MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A month typed as MM/yyyy (or M/yyyy), or the yyyy-MM of the console's own links: its first day.</summary>
    public static DateOnly? ParseMonth(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] formats = ["MM/yyyy", "M/yyyy", "yyyy-MM"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    /// <summary>"As of" a day means as known at the end of that day in Vietnam.</summary>
    public static DateTimeOffset EndOfDepartmentDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    /// <summary>The month before today's, "yyyy-MM": the latest period whose reports are usually in.</summary>
    public static string PreviousMonth(DateOnly today) => today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
