using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Feeds;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Reporting.Feed;

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

public sealed class OperatorSiteConsumer(ISessionFactory sessions) : IConsumer<SiteRegisteredV1>, IConsumer<SiteStatusChangedV1>
{
    public Task Consume(ConsumeContext<SiteRegisteredV1> context) => ApplyAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<SiteStatusChangedV1> context) => ApplyAsync(context.Message, context.CancellationToken);

    private Task ApplyAsync(IIntegrationEvent message, CancellationToken ct) =>
        DocumentCopies.RunAsync(sessions, streams => OperatorSiteChanges.StageAsync(streams, message, ct), ct);
}

/// <summary>Catches up sites from the Infrastructure service's change feed (sites registered before Reporting listened).</summary>
public sealed class InfrastructureFeedBackfill(IHttpClientFactory httpClients, IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger<InfrastructureFeedBackfill> logger)
    : FeedBackfill(Source, httpClients, store, options, logger)
{
    public const string Source = "infrastructure";
    protected override IReadOnlyCollection<Type> Contracts => OperatorSiteChanges.Contracts;
    protected override async Task<Decision?> ApplyAsync(StreamsForWriting streams, IIntegrationEvent message, Decision sofar, CancellationToken ct) =>
        await OperatorSiteChanges.StageAsync(streams, message, ct) ? (Decision?)sofar : null;
}
