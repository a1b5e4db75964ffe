using Platform.BuildingBlocks.Domain;
using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

public sealed record ValuesRequest(Dictionary<string, decimal?>? Values);
public sealed record SubmitRequest(Dictionary<string, decimal?>? Values, string? SignerName, string? SignerTitle);
public sealed record ReturnRequest(string? Reason);
public sealed record ExceptionRequest(DateOnly? Until, string? Reason);

/// <summary>Pure decisions and validation of report submissions.</summary>
public static class SubmissionDecisions
{
    /// <summary>
    /// Errors (field = indicator code) for values that break the template: missing, unknown, negative,
    /// fractional counts, percentages over 100, cross-field rules. Warnings (not errors) for values that
    /// moved more than <paramref name="warnPercent"/> from the previous accepted period.
    /// </summary>
    public static (FieldErrors Errors, List<string> Warnings, Dictionary<string, decimal> Clean) Validate(
        ReportTemplate template, Dictionary<string, decimal?>? values, IReadOnlyDictionary<string, decimal>? previous, decimal warnPercent, bool requireAll)
    {
        var errors = new FieldErrors();
        var clean = new Dictionary<string, decimal>();
        values ??= [];
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

    public static Decision SaveDraft(Submission s, ReportTemplate template, ValuesRequest r, DateOnly today, int lockDays)
    {
        if (Writable(s, today, lockDays) is { } refused) return refused;
        var (errors, _, clean) = Validate(template, r.Values, null, 0, requireAll: false);
        return errors.Any ? errors.ToRejection() : Decision.Append(s.Id, new DraftSaved(s.Id, clean));
    }

    public static Decision Submit(Submission s, ReportTemplate template, SubmitRequest r, IReadOnlyDictionary<string, decimal>? previousAccepted,
        decimal warnPercent, DateOnly today, DateTimeOffset now, int lockDays)
    {
        if (Writable(s, today, lockDays) is { } refused) return refused;
        var (errors, warnings, clean) = Validate(template, r.Values, previousAccepted, warnPercent, requireAll: true);
        errors.Require(r.SignerName, "signerName", 200).Require(r.SignerTitle, "signerTitle", 200);
        if (errors.Any) return errors.ToRejection();
        return Decision.Append(s.Id, new ReportSubmitted(s.Id, s.EnterpriseId, s.TemplateCode, s.Period, s.Versions.Count + 1, clean,
            new Certification(VietnameseText.Clean(r.SignerName), VietnameseText.Clean(r.SignerTitle)), now, Late: today > s.DueOn, warnings));
    }

    public static Decision Accept(Submission s, DateOnly today) => s.Status == SubmissionStatus.Submitted
        ? Decision.Append(s.Id, new ReportAccepted(s.Id, s.EnterpriseId, s.Latest!.Number, today))
        : Rejection.Conflict("invalid-submission-transition", $"The report is {Codes.Of(s.Status)}; only a submitted report can be accepted.");

    /// <summary>
    /// Returns the latest version for correction: a submitted one, or an accepted one found wrong later
    /// (the Ministry's "corrected figure"). An accepted version keeps counting in the indicators until
    /// its correction is accepted, and as-of queries still show what was known before.
    /// </summary>
    public static Decision Return(Submission s, ReturnRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason", 2000);
        if (errors.Any) return errors.ToRejection();
        return s.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted
            ? Decision.Append(s.Id, new ReportReturned(s.Id, s.EnterpriseId, s.Latest!.Number, VietnameseText.Clean(r.Reason), today))
            : Rejection.Conflict("invalid-submission-transition", $"The report is {Codes.Of(s.Status)}; only a submitted or accepted report can be returned.");
    }

    public static Decision GrantException(Submission s, ExceptionRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Reason, "reason", 1000)
            .When(r.Until is null, "until", "is required (yyyy-MM-dd)")
            .When(r.Until < today, "until", "cannot be in the past");
        if (errors.Any) return errors.ToRejection();
        return s.Status is SubmissionStatus.Accepted
            ? Rejection.Conflict("already-accepted", "The report is accepted; nothing is left to enter.")
            : Decision.Append(s.Id, new LateEntryExceptionGranted(s.Id, r.Until!.Value, VietnameseText.Clean(r.Reason)));
    }

    /// <summary>Records the overdue transition once (the event other systems use to send reminders).</summary>
    public static Decision RecordOverdue(Submission s, DateOnly today) =>
        s.IsOverdue(today) && !s.OverdueRecorded ? Decision.Append(s.Id, new ReportBecameOverdue(s.Id, s.EnterpriseId, s.DueOn)) : Decision.Nothing;

    private static Rejection? Writable(Submission s, DateOnly today, int lockDays)
    {
        if (s.Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted)
            return Rejection.Conflict("invalid-submission-transition", $"The report is {Codes.Of(s.Status)}; it can change only after being returned for correction.");
        if (s.IsLocked(today, lockDays))
            return Rejection.Conflict("period-locked", $"Entry for {s.Period} closed {lockDays} days after the due date ({s.DueOn:yyyy-MM-dd}); a Department manager can grant an exception.");
        return null;
    }
}
