using Platform.BuildingBlocks.Domain;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

/// <summary>The values of a report checked against its template: shared by saving a draft and submitting.</summary>
public static class ReportValues
{
    /// <summary>
    /// Errors (field = indicator code) for values that break the template: missing, unknown, negative,
    /// fractional counts, percentages over 100, cross-field rules. Warnings (not errors) for values that
    /// moved more than <paramref name="warnPercent"/> from the previous accepted period.
    /// </summary>
    public static (FieldErrors Errors, List<string> Warnings, Dictionary<string, decimal> Clean) Validate(
        ReportTemplate template, IReadOnlyDictionary<string, decimal?> values, IReadOnlyDictionary<string, decimal>? previous, decimal warnPercent, bool requireAll)
    {
        var errors = new FieldErrors();
        var clean = new Dictionary<string, decimal>();
        foreach (var code in values.Keys.Where(k => template.Find(k) is null)) errors.Add(code, "is not an indicator of this template");
        foreach (var indicator in template.Indicators)
        {
            if (!values.TryGetValue(indicator.Code, out var value) || value is null)
            {
                if (requireAll) errors.Add(indicator.Code, "is required");
                continue;
            }
            if (value < 0) errors.Add(indicator.Code, "cannot be negative");
            else if (indicator.Unit is IndicatorUnit.Count or IndicatorUnit.Vnd && value != decimal.Truncate(value.Value)) errors.Add(indicator.Code, "must be a whole number");
            else if (indicator.Unit == IndicatorUnit.Percent && value > 100) errors.Add(indicator.Code, "is a percentage: at most 100");
            else clean[indicator.Code] = value.Value;
        }
        foreach (var rule in template.Rules)
            if (clean.TryGetValue(rule.Lesser, out var lesser) && clean.TryGetValue(rule.Greater, out var greater) && lesser > greater)
                errors.Add(rule.Lesser, rule.Message);

        var warnings = new List<string>();
        if (previous is not null)
            foreach (var (code, value) in clean)
                if (previous.TryGetValue(code, out var before) && before > 0 && Math.Abs(value - before) / before * 100m > warnPercent)
                    warnings.Add($"{code} changed {decimal.Round((value - before) / before * 100m, 1)}% from the previous accepted period ({before} → {value})");
        return (errors, warnings, clean);
    }

    /// <summary>Why the enterprise may not change the report now (submitted or accepted, or the period locked), or null.</summary>
    public static Rejection? Writable(Submission s, DateOnly today, int lockDays)
    {
        if (s.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted)
            return Rejection.Conflict("invalid-submission-transition", $"The report is {Codes.Of(s.Status)}; it can change only after being returned for correction.");
        if (s.IsLocked(today, lockDays))
            return Rejection.Conflict("period-locked", $"Entry for {s.Period} closed {lockDays} days after the due date ({s.DueOn:yyyy-MM-dd}); a Department manager can grant an exception.");
        return null;
    }
}
