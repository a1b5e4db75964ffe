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

    public List<Entry> Entries { get; set; } = [];
    public string? SignerName { get; set; }
    public string? SignerTitle { get; set; }
    public long? Version { get; set; }
    public string? Action { get; set; }

    public static IEnumerable<string> FieldsOf(ReportTemplate template) =>
        template.Indicators.Select(i => i.Code).Concat(["signerName", "signerTitle"]);

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
        return form;
    }

    /// <summary>Entries that are not numbers at all, caught here (the API would only see them missing); the rules
    /// (required, whole numbers, cross-field) are the API's, and its messages come back next to each field.</summary>
    public ApiProblem? Validate(ReportTemplate template)
    {
        var errors = Entries.Where(e => e.Code is not null && !string.IsNullOrWhiteSpace(e.Value) && Vn.ParseNumber(e.Value) is null)
            .ToDictionary(e => e.Code!, _ => new[] { "is not a number" });
        return errors.Count == 0 ? null : new ApiProblem(400, null, null, "not-a-number", errors);
    }

    /// <summary>The values as the API takes them: every indicator of the form, null when left empty.</summary>
    public Dictionary<string, decimal?> Values() =>
        Entries.Where(e => e.Code is not null).GroupBy(e => e.Code!).ToDictionary(g => g.Key, g => Vn.ParseNumber(g.First().Value));
}
