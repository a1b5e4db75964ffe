using MassTransit;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.BuildingBlocks.Enterprises;

/// <summary>
/// Keeps <see cref="KnownEnterprise"/> documents from the Registry's events; one queue per consuming
/// service. A status change for an enterprise whose registration has not arrived yet throws, so
/// MassTransit retries it after the registration (and, if it never comes, parks it in the error queue). The copy
/// and what the service's reactions decide from it are one command, committed together. A service without
/// reactions only keeps copies, committed with those of the queue's other waiting messages (<see cref="CopyBatch{TConsumer}"/>);
/// with reactions (Reporting's obligations: events with the message's own correlation id) each message is its own command.
/// </summary>
public sealed class KnownEnterpriseConsumer(Marten.ISessionFactory sessions, IEnumerable<IKnownEnterpriseReaction> reactions,
    CopyBatch<KnownEnterpriseConsumer> batch) :
    IConsumer<EnterpriseRegisteredV1>, IConsumer<EnterpriseDetailsAmendedV1>, IConsumer<EnterpriseSuspendedV1>,
    IConsumer<EnterpriseReinstatedV1>, IConsumer<EnterpriseCeasedV1>
{
    public Task Consume(ConsumeContext<EnterpriseRegisteredV1> context) => ApplyAsync(context.Message, context);
    public Task Consume(ConsumeContext<EnterpriseDetailsAmendedV1> context) => ApplyAsync(context.Message, context);
    public Task Consume(ConsumeContext<EnterpriseSuspendedV1> context) => ApplyAsync(context.Message, context);
    public Task Consume(ConsumeContext<EnterpriseReinstatedV1> context) => ApplyAsync(context.Message, context);
    public Task Consume(ConsumeContext<EnterpriseCeasedV1> context) => ApplyAsync(context.Message, context);

    private readonly IKnownEnterpriseReaction[] _reactions = reactions.ToArray();

    private Task ApplyAsync(IIntegrationEvent message, ConsumeContext context) => _reactions.Length == 0
        ? batch.RunAsync(streams => KnownEnterpriseChanges.ApplyAsync(streams, message, Decision.Nothing, context.CancellationToken), context.CancellationToken)
        : CommandRunner.RunAsync(sessions.OpenSession, async streams =>
            await KnownEnterpriseChanges.ApplyAsync(streams, message, Decision.Nothing, context.CancellationToken, _reactions) ?? Decision.Nothing,
            context.CancellationToken);
}

public sealed class EnterpriseNotYetKnownException(Guid id)
    : Platform.BuildingBlocks.Messaging.MessageArrivedEarlyException($"Enterprise {id} has not been registered here yet; its registration event should arrive first.");
