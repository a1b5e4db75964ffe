using Platform.BuildingBlocks.Domain;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

/// <summary>The values of a report checked against its template: shared by saving a draft and submitting.</summary>
/// <summary>The values checked: errors, warnings, the clean values and the clean unit breakdown (null when none).</summary>
public sealed record Checked(FieldErrors Errors, List<string> Warnings, Dictionary<string, decimal> Clean,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Breakdown)
{
    public void Deconstruct(out FieldErrors errors, out List<string> warnings, out Dictionary<string, decimal> clean) => (errors, warnings, clean) = (Errors, Warnings, Clean);
}

public static class ReportValues
{
    /// <summary>
    /// Errors (field = indicator code) for values that break the template version: missing required ones, unknown,
    /// negative, out of the field's range, fractional counts and VND, percentages over 100, cross-field rules (at most,
    /// sums). The unit breakdown (field → current commune or ward code → value): only the fields the version breaks
    /// down, only the province's units (<paramref name="isProvinceUnit"/>), each field's units adding up to its total, and
    /// present when the version requires it (on submission). Warnings (not errors) for values that moved more than
    /// <paramref name="warnPercent"/> from the previous accepted period.
    /// </summary>
    public static Checked Validate(
        ReportTemplate template, IReadOnlyDictionary<string, decimal?> values, IReadOnlyDictionary<string, decimal>? previous, decimal warnPercent, bool requireAll,
        IReadOnlyDictionary<string, Dictionary<string, decimal?>>? breakdown = null, Func<string, bool>? isProvinceUnit = null)
    {
        var errors = new FieldErrors();
        var clean = new Dictionary<string, decimal>();
        foreach (var code in values.Keys.Where(k => template.Find(k) is null)) errors.Add(code, "is not an indicator of this template");
        foreach (var indicator in template.Indicators)
        {
            if (!values.TryGetValue(indicator.Code, out var value) || value is null)
            {
                if (requireAll && indicator.Required) errors.Add(indicator.Code, "is required");
                continue;
            }
            if (Invalid(indicator, value.Value) is { } error) errors.Add(indicator.Code, error);
            else clean[indicator.Code] = value.Value;
        }
        foreach (var rule in template.Rules)
            if (clean.TryGetValue(rule.Lesser, out var lesser) && clean.TryGetValue(rule.Greater, out var greater) && lesser > greater)
                errors.Add(rule.Lesser, rule.Message);
        foreach (var rule in template.SumRules)
            if (clean.TryGetValue(rule.Total, out var total) && rule.Parts.All(clean.ContainsKey) && rule.Parts.Sum(p => clean[p]) != total)
                errors.Add(rule.Total, $"{rule.Message} ({rule.Parts.Sum(p => clean[p])} ≠ {total})");

        var units = Breakdown(template, clean, breakdown ?? new Dictionary<string, Dictionary<string, decimal?>>(), isProvinceUnit ?? (_ => false), requireAll, errors);

        var warnings = new List<string>();
        if (previous is not null)
            foreach (var (code, value) in clean)
                if (previous.TryGetValue(code, out var before) && before > 0 && Math.Abs(value - before) / before * 100m > warnPercent)
                    warnings.Add($"{code} changed {decimal.Round((value - before) / before * 100m, 1)}% from the previous accepted period ({before} → {value})");
        return new Checked(errors, warnings, clean, units);
    }

    private static string? Invalid(Indicator indicator, decimal value)
    {
        if (value < 0) return "cannot be negative";
        if (indicator.Unit is IndicatorUnit.Count or IndicatorUnit.Vnd && value != decimal.Truncate(value)) return "must be a whole number";
        if (indicator.Unit == IndicatorUnit.Percent && value > 100) return "is a percentage: at most 100";
        if (indicator.Min is { } min && value < min) return $"must be at least {min}";
        if (indicator.Max is { } max && value > max) return $"must be at most {max}";
        return null;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, decimal>>? Breakdown(ReportTemplate template, Dictionary<string, decimal> totals,
        IReadOnlyDictionary<string, Dictionary<string, decimal?>> given, Func<string, bool> isProvinceUnit, bool requireAll, FieldErrors errors)
    {
        if (template.Breakdown is not { } asked)
        {
            if (given.Count > 0) errors.Add("breakdown", "this version of the template asks for no breakdown by administrative unit");
            return null;
        }
        var clean = new Dictionary<string, IReadOnlyDictionary<string, decimal>>();
        foreach (var (field, byUnit) in given)
        {
            if (!asked.Fields.Contains(field)) { errors.Add($"breakdown.{field}", $"is not broken down by this version (it breaks down: {string.Join(", ", asked.Fields)})"); continue; }
            var indicator = template.Find(field)!;
            var units = new Dictionary<string, decimal>();
            var wrongUnit = false;
            foreach (var (unit, value) in byUnit ?? [])
            {
                if (!isProvinceUnit(unit)) { errors.Add($"breakdown.{field}.{unit}", "is not the code of a current commune or ward of the province"); wrongUnit = true; }
                else if (value is null) continue;
                else if (Invalid(indicator, value.Value) is { } error) { errors.Add($"breakdown.{field}.{unit}", error); wrongUnit = true; }
                else units[unit] = value.Value;
            }
            if (units.Count == 0 || wrongUnit) continue; // the sum is checked once every unit's figure is right
            var sum = units.Values.Sum();
            if (!totals.TryGetValue(field, out var total)) errors.Add($"breakdown.{field}", "is broken down but its total is missing");
            else if (sum != total) errors.Add($"breakdown.{field}", $"the units add up to {sum}, not to the total {total}");
            clean[field] = units;
        }
        if (requireAll && asked.Required)
            foreach (var field in asked.Fields.Where(f => !clean.ContainsKey(f) && totals.GetValueOrDefault(f) > 0))
                errors.Add($"breakdown.{field}", "is required by this version: the figure per commune or ward");
        return clean.Count == 0 ? null : clean;
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

/// <summary>The province's current communes and wards (the Geography reference data) as a unit breakdown names them.</summary>
public static class BreakdownUnits
{
    public static bool IsCurrentCommune(this Platform.Geography.ProvinceGeography geography, string code) => geography.Commune(code) is not null;
}

public static class BreakdownDistricts
{
    /// <summary>A current commune's name and a district (before 1 July 2025) it came from: the district of its first listed
    /// predecessor commune, so district indicators still place figures reported by commune. Looked up in the mapping
    /// <see cref="Platform.Geography.ProvinceGeography"/> works out once.</summary>
    public static (string District, string Commune) DistrictAndCommune(this Platform.Geography.ProvinceGeography geography, string code) =>
        geography.Commune(code) is { } commune ? (geography.FormerDistrict(code)?.Name ?? "?", commune.Name) : ("?", code);
}
