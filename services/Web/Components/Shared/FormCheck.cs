using Platform.Web.Api;
using Platform.Web.Formatting;

namespace Platform.Web.Components.Shared;

/// <summary>The console's own reading of a posted form, before anything is sent: a day typed dd/MM/yyyy, an amount typed
/// "1.234.567", a choice from a list. What cannot be read becomes a 400 problem keyed by the API's field names, so it is
/// shown next to the field exactly as the API's own errors are (FieldError), and nothing is sent. The messages are
/// English keys translated by the resources ("api.&lt;message&gt;"), like the APIs' messages.</summary>
public sealed class FormCheck
{
    public const string NotADate = "must be a day written dd/mm/yyyy";
    public const string NotANumber = "is not a number";
    public const string NotAnAmount = "must be a whole amount in đồng, not negative";
    public const string Required = "is required";

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    /// <summary>The errors found, as the problem the page shows (null when the form reads well).</summary>
    public ApiProblem? Problem => Any ? new(400, "invalid-input", null, "invalid-input", new Dictionary<string, string[]>(_errors)) : null;

    public FormCheck Add(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    /// <summary>A day as dd/MM/yyyy (or the yyyy-MM-dd of a date input); empty is null, or an error when required.</summary>
    public DateOnly? Date(string? text, string field, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text)) { if (required) Add(field, Required); return null; }
        if (Vn.ParseDate(text) is { } day) return day;
        Add(field, NotADate);
        return null;
    }

    /// <summary>A figure typed the Vietnamese way ("1.234.567", "98,5").</summary>
    public decimal? Number(string? text, string field, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text)) { if (required) Add(field, Required); return null; }
        if (Vn.ParseNumber(text) is { } value) return value;
        Add(field, NotANumber);
        return null;
    }

    /// <summary>An amount in whole đồng, "1.234.567" or "1.234.567 ₫".</summary>
    public decimal? Vnd(string? text, string field, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text)) { if (required) Add(field, Required); return null; }
        if (Vn.ParseNumber(text) is { } value && value >= 0 && value == decimal.Truncate(value)) return value;
        Add(field, NotAnAmount);
        return null;
    }

    /// <summary>A whole number (a capacity, a year, a count of days).</summary>
    public int? WholeNumber(string? text, string field, bool required = false)
    {
        if (Number(text, field, required) is not { } value) return null;
        if (value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue) return (int)value;
        Add(field, "must be a whole number");
        return null;
    }

    /// <summary>A coordinate in decimal degrees, with a dot or a comma as the decimal mark ("22.4856" or "22,4856"); not
    /// <see cref="Number"/>, where a dot groups thousands.</summary>
    public double? Degrees(string? text, string field, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text)) { if (required) Add(field, Required); return null; }
        if (double.TryParse(text.Trim().Replace(',', '.'), System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out var degrees)) return degrees;
        Add(field, NotANumber);
        return null;
    }

    /// <summary>One of the ids the page offered (a select's value).</summary>
    public Guid? Id(string? text, string field, bool required = true)
    {
        if (Guid.TryParse(text, out var id)) return id;
        if (required || !string.IsNullOrWhiteSpace(text)) Add(field, Required);
        return null;
    }
}
