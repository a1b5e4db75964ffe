using Marten;
using MassTransit;
using Platform.Contracts.Infrastructure;
using Platform.Reporting.Feed;

namespace Platform.Reporting.CrossChecks;

/// <summary>Keeps <see cref="OperatorSite"/> documents from the Infrastructure service's site events (see <see cref="DocumentCopies"/>).</summary>
public sealed class OperatorSiteConsumer(IDocumentSession session) : IConsumer<SiteRegisteredV1>, IConsumer<SiteStatusChangedV1>
{
    public Task Consume(ConsumeContext<SiteRegisteredV1> context) =>
        DocumentCopies.ApplyAsync<OperatorSite>(session, context.Message.SiteId, site => OperatorSite.Apply(site, context.Message), context.CancellationToken);

    public Task Consume(ConsumeContext<SiteStatusChangedV1> context) =>
        DocumentCopies.ApplyAsync<OperatorSite>(session, context.Message.SiteId, site => OperatorSite.Apply(site, context.Message), context.CancellationToken);
}
