using Marten;
using MassTransit;
using Platform.Contracts.Registry;

namespace Platform.BuildingBlocks.Enterprises;

/// <summary>
/// Keeps <see cref="KnownEnterprise"/> documents from the Registry's events; one queue per consuming
/// service. Idempotent by stream version. A status change for an enterprise whose registration has
/// not arrived yet throws, so MassTransit retries it after the registration (and, if it never
/// comes, parks it in the error queue).
/// </summary>
public sealed class KnownEnterpriseConsumer(IDocumentSession session) :
    IConsumer<EnterpriseRegisteredV1>, IConsumer<EnterpriseDetailsAmendedV1>, IConsumer<EnterpriseSuspendedV1>,
    IConsumer<EnterpriseReinstatedV1>, IConsumer<EnterpriseCeasedV1>
{
    public async Task Consume(ConsumeContext<EnterpriseRegisteredV1> context)
    {
        var e = context.Message;
        var known = await session.LoadAsync<KnownEnterprise>(e.EnterpriseId, context.CancellationToken);
        if (known is not null && known.DetailsVersion >= e.StreamVersion) return;
        session.Store(new KnownEnterprise(e.EnterpriseId, e.TaxCode, e.LegalName, e.ShortName, e.Sectors.ToArray(), e.Kinds.ToArray(),
            e.District, e.Commune, known?.Status ?? KnownEnterprise.Active, known?.StatusReason, e.StreamVersion, known?.StatusVersion ?? e.StreamVersion));
        await session.SaveChangesAsync(context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EnterpriseDetailsAmendedV1> context)
    {
        var e = context.Message;
        return UpdateAsync(e.EnterpriseId, context, k => k.DetailsVersion >= e.StreamVersion
            ? null
            : k with { LegalName = e.LegalName, ShortName = e.ShortName, Sectors = e.Sectors.ToArray(), Kinds = e.Kinds.ToArray(),
                District = e.District, Commune = e.Commune, DetailsVersion = e.StreamVersion });
    }

    public Task Consume(ConsumeContext<EnterpriseSuspendedV1> context) =>
        SetStatusAsync(context.Message.EnterpriseId, context.Message.StreamVersion, "suspended", context.Message.Reason, context);

    public Task Consume(ConsumeContext<EnterpriseReinstatedV1> context) =>
        SetStatusAsync(context.Message.EnterpriseId, context.Message.StreamVersion, KnownEnterprise.Active, null, context);

    public Task Consume(ConsumeContext<EnterpriseCeasedV1> context) =>
        SetStatusAsync(context.Message.EnterpriseId, context.Message.StreamVersion, "ceased", context.Message.Reason, context);

    private Task SetStatusAsync(Guid id, long version, string status, string? reason, ConsumeContext context) =>
        UpdateAsync(id, context, k => k.StatusVersion >= version ? null : k with { Status = status, StatusReason = reason, StatusVersion = version });

    private async Task UpdateAsync(Guid id, ConsumeContext context, Func<KnownEnterprise, KnownEnterprise?> change)
    {
        var known = await session.LoadAsync<KnownEnterprise>(id, context.CancellationToken)
            ?? throw new EnterpriseNotYetKnownException(id);
        if (change(known) is not { } next) return; // already applied: a redelivery or an overtaken event
        session.Store(next);
        await session.SaveChangesAsync(context.CancellationToken);
    }
}

public sealed class EnterpriseNotYetKnownException(Guid id)
    : Exception($"Enterprise {id} has not been registered here yet; its registration event should arrive first.");
