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

    public FieldErrors Require(string? value, string field, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        else if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
        return this;
    }

    public FieldErrors When(bool failed, string field, string error) => failed ? Add(field, error) : this;

    public Rejection ToRejection() => Rejection.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
