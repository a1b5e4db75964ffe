using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Feeds;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Reporting;
using Platform.Meetings.Agreements;

namespace Platform.Meetings.ComplianceLink;

/// <summary>
/// Meetings' copy of one report an enterprise owes (Reporting's submission): when it is due and whether its first
/// submission was on time, by Reporting's own judgement (<see cref="ReportSubmittedV1.Late"/>). Fields are null until
/// the event that carries them arrives; corrections (version 2 and up) do not change whether the report came on time.
/// </summary>
public sealed record ReportDue(Guid Id, Guid? EnterpriseId, string? Template, string? Period, DateOnly? DueOn,
    DateTimeOffset? FirstSubmittedAt, bool? FirstSubmissionLate)
{
    public static readonly Type[] Contracts = [typeof(ReportingObligationOpenedV1), typeof(ReportSubmittedV1)];

    /// <summary>The report as the compliance rule reads it: on time only when first submitted and not late. Null until its due date is known.</summary>
    public DueItem? AsDueItem() => DueOn is { } due ? new DueItem(due, FirstSubmissionLate == false) : null;

    /// <summary>The copy as the event makes it, or null when the event adds nothing (a redelivery, a correction).</summary>
    public static ReportDue? Apply(ReportDue? known, IIntegrationEvent message) => message switch
    {
        _ when AddsNothing(message) => null, // the correction rule lives there alone, so the consumer's skip and the copy agree
        ReportingObligationOpenedV1 e when known?.DueOn is null =>
            (known ?? Empty(e.SubmissionId)) with { EnterpriseId = e.EnterpriseId, Template = e.Template, Period = e.Period, DueOn = e.DueOn },
        ReportSubmittedV1 e when known?.FirstSubmissionLate is null =>
            (known ?? Empty(e.SubmissionId)) with
            {
                EnterpriseId = known?.EnterpriseId ?? e.EnterpriseId,
                Template = known?.Template ?? e.Template,
                Period = known?.Period ?? e.Period,
                FirstSubmittedAt = e.OccurredAt,
                FirstSubmissionLate = e.Late,
            },
        _ => null,
    };

    private static ReportDue Empty(Guid id) => new(id, null, null, null, null, null, null);

    /// <summary>True when the message alone shows that <see cref="Apply"/> gives null whatever the copy holds: a correction
    /// (version 2 and up; about half of all submissions) does not change whether the report came on time, so it is neither
    /// loaded for nor given a session and transaction. <see cref="Apply"/> asks this first.</summary>
    public static bool AddsNothing(IIntegrationEvent message) => message is ReportSubmittedV1 { Version: not 1 };

    public static Task<bool> StageAsync(StreamsForWriting streams, IIntegrationEvent message, CancellationToken ct) => message switch
    {
        _ when AddsNothing(message) => Task.FromResult(false),
        ReportingObligationOpenedV1 e => DocumentCopies.StageAsync<ReportDue>(streams, e.SubmissionId, known => Apply(known, e), ct),
        ReportSubmittedV1 e => DocumentCopies.StageAsync<ReportDue>(streams, e.SubmissionId, known => Apply(known, e), ct),
        _ => Task.FromResult(false),
    };
}

/// <summary>Reporting's obligations and submissions into <see cref="ReportDue"/> copies (queue per consumer, as every consumer:
/// retries, then <c>_error</c>).</summary>
public sealed class ReportDueConsumer(CopyBatch<ReportDueConsumer> batch) : IConsumer<ReportingObligationOpenedV1>, IConsumer<ReportSubmittedV1>
{
    public Task Consume(ConsumeContext<ReportingObligationOpenedV1> context) => DocumentCopies.RunAsync(batch, context.Message, ReportDue.StageAsync, context.CancellationToken);
    public Task Consume(ConsumeContext<ReportSubmittedV1> context) => ReportDue.AddsNothing(context.Message)
        ? Task.CompletedTask // acknowledged without touching the database
        : DocumentCopies.RunAsync(batch, context.Message, ReportDue.StageAsync, context.CancellationToken);
}

/// <summary>Catches up reports from the Reporting service's change feed (those published before Meetings' queue existed).</summary>
public sealed class ReportingFeedBackfill(IHttpClientFactory httpClients, IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger<ReportingFeedBackfill> logger)
    : DocumentCopyBackfill(Source, ReportDue.Contracts, ReportDue.StageAsync, httpClients, store, options, logger)
{
    public const string Source = "reporting";
}
