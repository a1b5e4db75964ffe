using Platform.Reporting.Templates;

namespace Platform.Reporting.Submissions;

/// <summary>due (obligation open) → draft → submitted → accepted, or returned for correction → submitted
/// again as a new version → accepted. Every submitted version is kept.</summary>
public enum SubmissionStatus { Due, Draft, Submitted, Accepted, Returned }

/// <summary>The enterprise's signer, as Circular 04/2022 requires on every report.</summary>
public sealed record Certification(string SignerName, string SignerTitle);

/// <summary>A submitted version of the report, with the template version it was made under and its unit breakdown
/// (field → commune or ward code → value), if any.</summary>
public sealed record SubmittedVersion(int Number, IReadOnlyDictionary<string, decimal> Values, Certification Certification,
    DateTimeOffset SubmittedAt, bool Late, IReadOnlyList<string> Warnings, string? ReturnReason, int? TemplateVersion = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Breakdown = null);

// Domain events of the submission stream (one stream per enterprise × template × period). Each names the
// enterprise so the public contracts can be made from the event alone.
public sealed record ObligationOpened(Guid SubmissionId, Guid EnterpriseId, string TemplateCode, int TemplateVersion, string Period,
    DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn);
// TemplateVersion and Breakdown are null on events stored before templates had versions (the obligation's version then applies).
public sealed record DraftSaved(Guid SubmissionId, IReadOnlyDictionary<string, decimal> Values, int? TemplateVersion = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Breakdown = null);
public sealed record ReportSubmitted(Guid SubmissionId, Guid EnterpriseId, string TemplateCode, string Period, int Version, IReadOnlyDictionary<string, decimal> Values, Certification Certification,
    DateTimeOffset SubmittedAt, bool Late, IReadOnlyList<string> Warnings, int? TemplateVersion = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Breakdown = null);
public sealed record ReportAccepted(Guid SubmissionId, Guid EnterpriseId, int Version, DateOnly AcceptedOn);
public sealed record ReportReturned(Guid SubmissionId, Guid EnterpriseId, int Version, string Reason, DateOnly ReturnedOn);
public sealed record ReportBecameOverdue(Guid SubmissionId, Guid EnterpriseId, DateOnly DueOn);
public sealed record LateEntryExceptionGranted(Guid SubmissionId, DateOnly Until, string Reason);

public sealed record Submission(
    Guid Id, Guid EnterpriseId, string TemplateCode, int TemplateVersion, string Period, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn,
    SubmissionStatus Status, IReadOnlyDictionary<string, decimal>? Draft, IReadOnlyList<SubmittedVersion> Versions, int? AcceptedVersion,
    bool OverdueRecorded, DateOnly? ExceptionUntil, long Version, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? DraftBreakdown = null)
{
    /// <summary>Nothing entered yet: the template version effective for the period applies (a version published since the
    /// obligation opened included). Once drafted or submitted, the report keeps <see cref="TemplateVersion"/>.</summary>
    public bool Untouched => Draft is null && Versions.Count == 0;

    public SubmittedVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>Not submitted by the due date. Derived from the date, so it shows without any job.</summary>
    public bool IsOverdue(DateOnly today) => Versions.Count == 0 && today > DueOn;

    /// <summary>Entry closes <paramref name="lockDays"/> after the due date unless a manager granted an exception.</summary>
    public bool IsLocked(DateOnly today, int lockDays) => today > DueOn.AddDays(lockDays) && !(ExceptionUntil >= today);

    /// <summary>The submission as its events (in order) make it, with the stream version; the projection does the same one event at a time.</summary>
    public static Submission? Fold(IEnumerable<JasperFx.Events.IEvent> events) => events.Aggregate((Submission?)null, Next);

    /// <summary>One stored event applied, the stream version kept on the result.</summary>
    public static Submission? Next(Submission? state, JasperFx.Events.IEvent e) => When(state, e.Data) is { } next ? next with { Version = e.Version } : null;

    public static Submission? When(Submission? state, object @event) => (state, @event) switch
    {
        (null, ObligationOpened e) => new Submission(e.SubmissionId, e.EnterpriseId, e.TemplateCode, e.TemplateVersion, e.Period, e.PeriodStart, e.PeriodEnd,
            e.DueOn, SubmissionStatus.Due, null, [], null, false, null, 0),
        (null, _) => null,
        (_, DraftSaved e) => state with
        {
            Status = SubmissionStatus.Draft,
            Draft = e.Values,
            DraftBreakdown = e.Breakdown,
            TemplateVersion = e.TemplateVersion ?? state.TemplateVersion,
        },
        (_, ReportSubmitted e) => state with
        {
            Status = SubmissionStatus.Submitted,
            Draft = null,
            DraftBreakdown = null,
            TemplateVersion = e.TemplateVersion ?? state.TemplateVersion,
            Versions = [.. state.Versions, new SubmittedVersion(e.Version, e.Values, e.Certification, e.SubmittedAt, e.Late, e.Warnings, null,
                e.TemplateVersion ?? state.TemplateVersion, e.Breakdown)],
        },
        (_, ReportAccepted e) => state with { Status = SubmissionStatus.Accepted, AcceptedVersion = e.Version },
        (_, ReportReturned e) => state with
        {
            Status = SubmissionStatus.Returned,
            Versions = state.Versions.Select(v => v.Number == e.Version ? v with { ReturnReason = e.Reason } : v).ToList(),
        },
        (_, ReportBecameOverdue) => state with { OverdueRecorded = true },
        (_, LateEntryExceptionGranted e) => state with { ExceptionUntil = e.Until },
        _ => state,
    };
}
