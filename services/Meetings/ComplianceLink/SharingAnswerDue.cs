using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Feeds;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Meetings.Agreements;

namespace Platform.Meetings.ComplianceLink;

/// <summary>
/// Meetings' copy of one sharing request as a site owner's duty to answer it (Infrastructure service): the owner, the
/// deadline Infrastructure fixed when the request was submitted, and the day of the owner's first answer (an offer or
/// a refusal). Fields are null until the event that carries them arrives; a request submitted before the deadline
/// was published (<see cref="SharingRequestSubmittedV1.AnswerDueOn"/> null) is not counted.
/// </summary>
public sealed record SharingAnswerDue(Guid Id, Guid? OwnerId, DateOnly? SubmittedOn, DateOnly? AnswerDueOn, DateOnly? AnsweredOn)
{
    public static readonly Type[] Contracts = [typeof(SharingRequestSubmittedV1), typeof(SharingOfferMadeV1), typeof(SharingRefusedV1)];

    /// <summary>The request as the compliance rule reads it: in time when answered on or before the deadline. Null while the deadline is not known.</summary>
    public DueItem? AsDueItem() => AnswerDueOn is { } due ? new DueItem(due, AnsweredOn is { } answered && answered <= due) : null;

    /// <summary>The copy as the event makes it, or null when the event adds nothing (a redelivery, a later answer).</summary>
    public static SharingAnswerDue? Apply(SharingAnswerDue? known, IIntegrationEvent message) => message switch
    {
        SharingRequestSubmittedV1 e when known?.SubmittedOn is null =>
            (known ?? Empty(e.RequestId)) with { OwnerId = e.OwnerId, SubmittedOn = e.SubmittedOn, AnswerDueOn = e.AnswerDueOn },
        // Events committed before OfferedOn was published: the day the offer was committed, in Vietnam time.
        SharingOfferMadeV1 e => Answered(known, e.RequestId, e.OfferedOn ?? DepartmentClock.DateOf(e.OccurredAt), e.OwnerId),
        SharingRefusedV1 e => Answered(known, e.RequestId, e.RefusedOn, null),
        _ => null,
    };

    /// <summary>The owner's first answer is the one judged (a request is answered once; the earliest day wins if ever two arrive).</summary>
    private static SharingAnswerDue? Answered(SharingAnswerDue? known, Guid requestId, DateOnly on, Guid? ownerId) =>
        known?.AnsweredOn is { } before && before <= on ? null
            : (known ?? Empty(requestId)) with { AnsweredOn = on, OwnerId = known?.OwnerId ?? ownerId };

    private static SharingAnswerDue Empty(Guid id) => new(id, null, null, null, null);

    public static Task<bool> StageAsync(StreamsForWriting streams, IIntegrationEvent message, CancellationToken ct) => message switch
    {
        SharingRequestSubmittedV1 e => DocumentCopies.StageAsync<SharingAnswerDue>(streams, e.RequestId, known => Apply(known, e), ct),
        SharingOfferMadeV1 e => DocumentCopies.StageAsync<SharingAnswerDue>(streams, e.RequestId, known => Apply(known, e), ct),
        SharingRefusedV1 e => DocumentCopies.StageAsync<SharingAnswerDue>(streams, e.RequestId, known => Apply(known, e), ct),
        _ => Task.FromResult(false),
    };
}

/// <summary>Infrastructure's sharing requests and owners' answers into <see cref="SharingAnswerDue"/> copies.</summary>
public sealed class SharingAnswerDueConsumer(CopyBatch<SharingAnswerDueConsumer> batch) :
    IConsumer<SharingRequestSubmittedV1>, IConsumer<SharingOfferMadeV1>, IConsumer<SharingRefusedV1>
{
    public Task Consume(ConsumeContext<SharingRequestSubmittedV1> context) => DocumentCopies.RunAsync(batch, context.Message, SharingAnswerDue.StageAsync, context.CancellationToken);
    public Task Consume(ConsumeContext<SharingOfferMadeV1> context) => DocumentCopies.RunAsync(batch, context.Message, SharingAnswerDue.StageAsync, context.CancellationToken);
    public Task Consume(ConsumeContext<SharingRefusedV1> context) => DocumentCopies.RunAsync(batch, context.Message, SharingAnswerDue.StageAsync, context.CancellationToken);
}

/// <summary>Catches up sharing requests from the Infrastructure service's change feed.</summary>
public sealed class InfrastructureFeedBackfill(IHttpClientFactory httpClients, IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger<InfrastructureFeedBackfill> logger)
    : DocumentCopyBackfill(Source, SharingAnswerDue.Contracts, SharingAnswerDue.StageAsync, httpClients, store, options, logger)
{
    public const string Source = "infrastructure";
}
