using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Feeds;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;

namespace Platform.Reporting.CrossChecks;

/// <summary>How a site event of the Infrastructure service changes <see cref="OperatorSite"/> (see <see cref="DocumentCopies"/>).</summary>
public static class OperatorSiteChanges
{
    public static readonly Type[] Contracts = [typeof(SiteRegisteredV1), typeof(SiteStatusChangedV1)];

    public static Task<bool> StageAsync(StreamsForWriting streams, IIntegrationEvent message, CancellationToken ct) => message switch
    {
        SiteRegisteredV1 e => DocumentCopies.StageAsync<OperatorSite>(streams, e.SiteId, site => OperatorSite.Apply(site, e), ct),
        SiteStatusChangedV1 e => DocumentCopies.StageAsync<OperatorSite>(streams, e.SiteId, site => OperatorSite.Apply(site, e), ct),
        _ => Task.FromResult(false),
    };
}

public sealed class OperatorSiteConsumer(CopyBatch<OperatorSiteConsumer> batch) : IConsumer<SiteRegisteredV1>, IConsumer<SiteStatusChangedV1>
{
    public Task Consume(ConsumeContext<SiteRegisteredV1> context) => DocumentCopies.RunAsync(batch, context.Message, OperatorSiteChanges.StageAsync, context.CancellationToken);
    public Task Consume(ConsumeContext<SiteStatusChangedV1> context) => DocumentCopies.RunAsync(batch, context.Message, OperatorSiteChanges.StageAsync, context.CancellationToken);
}

/// <summary>Catches up sites from the Infrastructure service's change feed (sites registered before Reporting listened).</summary>
public sealed class InfrastructureFeedBackfill(IHttpClientFactory httpClients, IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger<InfrastructureFeedBackfill> logger)
    : DocumentCopyBackfill(Source, OperatorSiteChanges.Contracts, OperatorSiteChanges.StageAsync, httpClients, store, options, logger)
{
    public const string Source = "infrastructure";
}
