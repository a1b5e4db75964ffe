using Platform.Web.Api;
using Platform.Web.Formatting;

namespace Platform.Web.Components.Pages;

/// <summary>The report form: one text per indicator (as typed, so a wrong entry comes back as the user wrote it),
/// the signer, and the version the page showed.</summary>
public sealed class SubmissionForm
{
    public sealed class Entry
    {
        public string? Code { get; set; }
        public string? Value { get; set; }
    }

    /// <summary>One cell of the unit breakdown: a field, a current commune or ward (its code) and the figure there.</summary>
    public sealed class UnitEntry
    {
        public string? Field { get; set; }
        public string? Unit { get; set; }
        public string? Value { get; set; }
    }

    public List<Entry> Entries { get; set; } = [];
    public List<UnitEntry> Units { get; set; } = [];

    /// <summary>Empty rows offered per broken-down field, beside those already filled.</summary>
    public const int SpareUnitRows = 3;
    public string? SignerName { get; set; }
    public string? SignerTitle { get; set; }
    public long? Version { get; set; }
    public string? Action { get; set; }

    public static IEnumerable<string> FieldsOf(ReportTemplate template) =>
        template.Indicators.Select(i => i.Code).Concat(["signerName", "signerTitle", "breakdown"])
            .Concat((template.Breakdown?.Fields ?? []).Select(f => $"breakdown.{f}"));

    /// <summary>On a first visit, the form filled from the draft, else the latest version (a returned report is
    /// corrected, not retyped), else empty; after a post, what was posted, in the template's order.</summary>
    public static SubmissionForm Complete(SubmissionForm? posted, SubmissionDetail detail)
    {
        var s = detail.Submission;
        var latest = s.Versions.Count == 0 ? null : s.Versions[^1];
        var saved = s.Draft ?? latest?.Values ?? [];
        var form = posted ?? new SubmissionForm { SignerName = latest?.Certification.SignerName, SignerTitle = latest?.Certification.SignerTitle };
        var typed = (posted?.Entries ?? []).Where(e => e.Code is not null).GroupBy(e => e.Code!).ToDictionary(g => g.Key, g => g.First().Value);
        form.Entries = detail.Template.Indicators.Select(i => new Entry
        {
            Code = i.Code,
            Value = posted is not null ? typed.GetValueOrDefault(i.Code) : saved.TryGetValue(i.Code, out var v) ? Vn.Number(v) : null,
        }).ToList();
        var savedUnits = s.DraftBreakdown ?? (s.Draft is null ? latest?.Breakdown : null) ?? [];
        var typedUnits = (posted?.Units ?? []).Where(u => u.Field is not null && (!string.IsNullOrWhiteSpace(u.Unit) || !string.IsNullOrWhiteSpace(u.Value))).ToList();
        form.Units = (detail.Template.Breakdown?.Fields ?? []).SelectMany(field =>
            (posted is not null
                ? typedUnits.Where(u => u.Field == field).Select(u => new UnitEntry { Field = field, Unit = u.Unit, Value = u.Value })
                : savedUnits.GetValueOrDefault(field, []).Select(u => new UnitEntry { Field = field, Unit = u.Key, Value = Vn.Number(u.Value) }))
            .Concat(Enumerable.Range(0, SpareUnitRows).Select(_ => new UnitEntry { Field = field }))).ToList();
        return form;
    }

    /// <summary>Entries that are not numbers at all, caught here (the API would only see them missing); the rules
    /// (required, whole numbers, cross-field) are the API's, and its messages come back next to each field.</summary>
    public ApiProblem? Validate(ReportTemplate template)
    {
        var errors = Entries.Where(e => e.Code is not null && !string.IsNullOrWhiteSpace(e.Value) && Vn.ParseNumber(e.Value) is null)
            .ToDictionary(e => e.Code!, _ => new[] { "is not a number" });
        foreach (var u in Units.Where(u => u.Field is not null && !string.IsNullOrWhiteSpace(u.Value) && Vn.ParseNumber(u.Value) is null))
            errors[$"breakdown.{u.Field}"] = ["is not a number"];
        return errors.Count == 0 ? null : new ApiProblem(400, null, null, "not-a-number", errors);
    }

    /// <summary>The values as the API takes them: every indicator of the form, null when left empty.</summary>
    public Dictionary<string, decimal?> Values() =>
        Entries.Where(e => e.Code is not null).GroupBy(e => e.Code!).ToDictionary(g => g.Key, g => Vn.ParseNumber(g.First().Value));

    /// <summary>The unit breakdown as the API takes it: field → commune or ward code → value; rows without a unit are left out.</summary>
    public Dictionary<string, Dictionary<string, decimal?>> Breakdown() =>
        Units.Where(u => u.Field is not null && !string.IsNullOrWhiteSpace(u.Unit)).GroupBy(u => u.Field!)
            .ToDictionary(g => g.Key, g => g.GroupBy(u => u.Unit!.Trim()).ToDictionary(x => x.Key, x => Vn.ParseNumber(x.First().Value)));
}
