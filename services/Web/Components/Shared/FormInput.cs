using System.Globalization;
using Platform.Web.Api;
using Platform.Web.Formatting;

namespace Platform.Web.Components.Shared;

/// <summary>What a form's text fields mean before they go to an API: a day typed dd/MM/yyyy, a figure typed the
/// Vietnamese way. A field the console cannot read is refused here, with its message next to the field (as the
/// APIs' own field errors are), instead of reaching the API as a missing value with a misleading message.</summary>
public sealed class FormInput
{
    public const string NotADate = "is not a date (dd/MM/yyyy)";
    public const string NotANumber = "is not a number";

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A day typed as dd/MM/yyyy; null when empty (the API then says it is required) or unreadable (refused here).</summary>
    public DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Vn.ParseDate(text) is { } day) return day;
        _errors[field] = [NotADate];
        return null;
    }

    /// <summary>A figure ("1.234.567", "98,5"); null when empty or unreadable (refused here).</summary>
    public decimal? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Vn.ParseNumber(text) is { } n) return n;
        _errors[field] = [NotANumber];
        return null;
    }

    public int? WholeNumber(string? text, string field) => Number(text, field) is { } n ? (n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : Refuse(field, "must be a whole number")) : null;

    /// <summary>A coordinate in decimal degrees, with a dot or a comma as the decimal mark ("22.4856" or "22,4856").
    /// Not <see cref="Number"/>: there a dot groups thousands.</summary>
    public double? Degrees(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return d;
        _errors[field] = [NotANumber];
        return null;
    }

    /// <summary>The fields refused here, as a problem the page shows like an API's 400; null when every field was read.</summary>
    public ApiProblem? Problem => _errors.Count == 0 ? null : new ApiProblem(400, null, null, "invalid-input", _errors);

    private int? Refuse(string field, string message)
    {
        _errors[field] = [message];
        return null;
    }
}
