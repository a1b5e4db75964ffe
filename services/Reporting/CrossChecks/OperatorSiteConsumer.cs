using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Feeds;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Reporting.Feed;

namespace Platform.Reporting.CrossChecks;

/// <summary>How a site event of the Infrastructure service changes <see cref="OperatorSite"/> (see <see cref="DocumentCopies"/>).</summary>
public static class OperatorSiteChanges
{
    public static readonly Type[] Contracts = [typeof(SiteRegisteredV1), typeof(SiteStatusChangedV1)];

    public static Task<bool> StageAsync(IDocumentSession session, IIntegrationEvent message, CancellationToken ct) => message switch
    {
        SiteRegisteredV1 e => DocumentCopies.StageAsync<OperatorSite>(session, e.SiteId, site => OperatorSite.Apply(site, e), ct),
        SiteStatusChangedV1 e => DocumentCopies.StageAsync<OperatorSite>(session, e.SiteId, site => OperatorSite.Apply(site, e), ct),
        _ => Task.FromResult(false),
    };
}

public sealed class OperatorSiteConsumer(IDocumentSession session) : IConsumer<SiteRegisteredV1>, IConsumer<SiteStatusChangedV1>
{
    public Task Consume(ConsumeContext<SiteRegisteredV1> context) => ApplyAsync(context.Message, context.CancellationToken);
    public Task Consume(ConsumeContext<SiteStatusChangedV1> context) => ApplyAsync(context.Message, context.CancellationToken);

    private async Task ApplyAsync(IIntegrationEvent message, CancellationToken ct)
    {
        if (await OperatorSiteChanges.StageAsync(session, message, ct)) await session.SaveChangesAsync(ct);
    }
}

/// <summary>Catches up sites from the Infrastructure service's change feed (sites registered before Reporting listened).</summary>
public sealed class InfrastructureFeedBackfill(IHttpClientFactory httpClients, IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger<InfrastructureFeedBackfill> logger)
    : FeedBackfill(Source, httpClients, store, options, logger)
{
    public const string Source = "infrastructure";
    protected override IReadOnlyCollection<Type> Contracts => OperatorSiteChanges.Contracts;
    protected override Task<bool> ApplyAsync(IDocumentSession session, IIntegrationEvent message, CancellationToken ct) => OperatorSiteChanges.StageAsync(session, message, ct);
}
