namespace Platform.BuildingBlocks.Domain;

/// <summary>Collects field errors while validating a command, so the caller gets all of them at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string error)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(error);
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

    public Rejection ToRejection() => Rejection.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
