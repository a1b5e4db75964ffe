using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Feeds;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Meetings;

namespace Platform.Reporting.Compliance;

/// <summary>
/// Reporting's copy of an in-force cooperation agreement (Meetings service): who is bound, for which
/// year, and whether it holds a reporting commitment (null when the event predates that field).
/// </summary>
public sealed record CooperationAgreementCopy(Guid Id, int Year, DateOnly InForceFrom, DateOnly ExpiresOn, IReadOnlyList<Guid> EnterpriseIds,
    bool? CommitsToReporting, long StreamVersion)
{
    public const string ReportingCategory = "reporting";

    public static readonly Type[] Contracts = [typeof(AgreementInForceV1)];

    /// <summary>The copy an event makes, or null when the event is not newer than what is held.</summary>
    public static CooperationAgreementCopy? Apply(CooperationAgreementCopy? known, AgreementInForceV1 e) =>
        known is not null && known.StreamVersion >= e.StreamVersion ? null
            : new(e.AgreementId, e.Year, e.InForceFrom, e.ExpiresOn, e.EnterpriseIds, e.CommitmentCategories?.Contains(ReportingCategory), e.StreamVersion);

    public static Task<bool> StageAsync(StreamsForWriting streams, IIntegrationEvent message, CancellationToken ct) => message is AgreementInForceV1 e
        ? DocumentCopies.StageAsync<CooperationAgreementCopy>(streams, e.AgreementId, known => Apply(known, e), ct)
        : Task.FromResult(false);
}

public sealed class CooperationAgreementConsumer(CopyBatch<CooperationAgreementConsumer> batch) : IConsumer<AgreementInForceV1>
{
    public Task Consume(ConsumeContext<AgreementInForceV1> context) =>
        DocumentCopies.RunAsync(batch, context.Message, CooperationAgreementCopy.StageAsync, context.CancellationToken);
}

/// <summary>Catches up agreements from the Meetings service's change feed.</summary>
public sealed class MeetingsFeedBackfill(IHttpClientFactory httpClients, IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger<MeetingsFeedBackfill> logger)
    : DocumentCopyBackfill(Source, CooperationAgreementCopy.Contracts, CooperationAgreementCopy.StageAsync, httpClients, store, options, logger)
{
    public const string Source = "meetings";
}
