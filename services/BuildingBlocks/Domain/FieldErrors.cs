namespace Platform.BuildingBlocks.Domain;

/// <summary>Collects field errors while validating a command, so the caller gets all of them at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();
    private readonly Dictionary<string, List<FieldCode?>> _codes = new();

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string error) => Add(field, error, null);

    /// <summary>An error with a stable code (and what a client needs to say it in its own language): the problem
    /// details carry it in <c>errorCodes</c>, at the same position as the English message in <c>errors</c>.</summary>
    public FieldErrors Add(string field, string error, FieldCode? code)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(error);
        if (!_codes.TryGetValue(field, out var codes)) _codes[field] = codes = [];
        codes.Add(code);
        return this;
    }

    /// <summary>Required text: present, not blank, at most <paramref name="maxLength"/> characters, and readable
    /// (<see cref="VietnameseText.Unreadable"/>: no control characters but tab and line breaks, no broken UTF-16).</summary>
    public FieldErrors Require(string? value, string field, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        else Optional(value, field, maxLength);
        return this;
    }

    /// <summary>Optional text: when present, the same length and character rules as <see cref="Require"/>.</summary>
    public FieldErrors Optional(string? value, string field, int maxLength = 500)
    {
        if (value is null) return this;
        if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
        else if (VietnameseText.Unreadable(value) is { } why) Add(field, why);
        return this;
    }

    public FieldErrors When(bool failed, string field, string error) => failed ? Add(field, error) : this;

    // Parsing: each returns the checked value (a placeholder when the field failed, never used: the errors refuse the request).

    /// <summary>Required text, cleaned (NFC, trimmed, inner white space collapsed).</summary>
    public string Text(string? value, string field, int maxLength = 500)
    {
        Require(value, field, maxLength);
        return VietnameseText.Clean(value);
    }

    /// <summary>Optional text, cleaned; null when absent or blank.</summary>
    public string? OptionalText(string? value, string field, int maxLength = 500)
    {
        Optional(value, field, maxLength);
        return string.IsNullOrWhiteSpace(value) ? null : VietnameseText.Clean(value);
    }

    /// <summary>A code of <typeparamref name="T"/> as the API spells it (kebab-case).</summary>
    public T Code<T>(string? code, string field) where T : struct, Enum
    {
        if (!Codes.TryParse<T>(code, out var value)) Add(field, $"must be one of: {string.Join(", ", Codes.All<T>())}");
        return value;
    }

    /// <summary>A required date.</summary>
    public DateOnly Date(DateOnly? value, string field)
    {
        When(value is null, field, "is required (yyyy-MM-dd)");
        return value ?? default;
    }

    /// <summary>A required id.</summary>
    public Guid Id(Guid? value, string field, string error = "is required")
    {
        When(value is null || value == Guid.Empty, field, error);
        return value ?? Guid.Empty;
    }

    public Rejection ToRejection() => Rejection.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        _codes.Values.Any(c => c.Any(x => x is not null)) ? _codes.ToDictionary(e => e.Key, e => e.Value.ToArray()) : null);
}

/// <summary>A field error's stable code, for clients that translate it: <paramref name="Within"/> the unit (or other thing)
/// the value was looked for in, <paramref name="Suggestions"/> what the value may have meant.</summary>
public sealed record FieldCode(string Code, string? Within = null, IReadOnlyList<string>? Suggestions = null);
