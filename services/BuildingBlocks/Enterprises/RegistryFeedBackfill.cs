using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Feeds;
using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.BuildingBlocks.Enterprises;

/// <summary>Catches up <see cref="KnownEnterprise"/> documents from the Registry's change feed (see <see cref="FeedBackfill"/>).</summary>
public sealed class RegistryFeedBackfill(IHttpClientFactory httpClients, IDocumentStore store, IOptionsMonitor<FeedBackfillOptions> options, ILogger<RegistryFeedBackfill> logger,
    IEnumerable<IKnownEnterpriseReaction> reactions)
    : FeedBackfill(Source, httpClients, store, options, logger)
{
    public const string Source = "registry";
    public static readonly string HttpClientName = HttpClientNameFor(Source);

    protected override IReadOnlyCollection<Type> Contracts { get; } =
    [
        typeof(EnterpriseRegisteredV1), typeof(EnterpriseDetailsAmendedV1), typeof(EnterpriseSuspendedV1),
        typeof(EnterpriseReinstatedV1), typeof(EnterpriseCeasedV1),
    ];

    protected override Task<Decision?> ApplyAsync(StreamsForWriting streams, IIntegrationEvent message, Decision sofar, CancellationToken ct) =>
        KnownEnterpriseChanges.ApplyAsync(streams, message, sofar, ct, reactions);
}
