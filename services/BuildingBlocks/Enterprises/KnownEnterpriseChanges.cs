using Marten;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.BuildingBlocks.Enterprises;

/// <summary>
/// How one Registry event changes <see cref="KnownEnterprise"/>, shared by the RabbitMQ consumer and
/// the change-feed backfill. Idempotent by stream version: status and details are versioned
/// separately, and each applies only when newer than what is held.
/// </summary>
public static class KnownEnterpriseChanges
{
    /// <summary>Keeps the changed copy beside the command's streams and adds what the service's <paramref name="reactions"/>
    /// decide from it to <paramref name="sofar"/>, so the copy and its consequences commit together (one command).
    /// Null when the event was already applied or is not about enterprises.</summary>
    /// <exception cref="EnterpriseNotYetKnownException">A change for an enterprise whose registration has not arrived.</exception>
    public static async Task<Decision?> ApplyAsync(StreamsForWriting streams, IIntegrationEvent message, Decision sofar, CancellationToken ct,
        IEnumerable<IKnownEnterpriseReaction>? reactions = null)
    {
        if (await ChangeAsync(streams.Query, message, ct) is not { } changed) return null;
        streams.Store(changed);
        foreach (var reaction in reactions ?? []) sofar = sofar.And(await reaction.DecideAsync(streams.Query, changed, sofar, ct));
        return sofar;
    }

    /// <summary>The copy as the event makes it, or null when nothing changed.</summary>
    private static async Task<KnownEnterprise?> ChangeAsync(IQuerySession session, IIntegrationEvent message, CancellationToken ct)
    {
        switch (message)
        {
            case EnterpriseRegisteredV1 e:
                var known = await session.LoadAsync<KnownEnterprise>(e.EnterpriseId, ct);
                if (known is not null && known.DetailsVersion >= e.StreamVersion) return null;
                var registered = new KnownEnterprise(e.EnterpriseId, e.TaxCode, e.LegalName, e.ShortName, e.Sectors.ToArray(), e.Kinds.ToArray(),
                    e.District, e.Commune, known?.Status ?? KnownEnterprise.Active, known?.StatusReason, e.StreamVersion, known?.StatusVersion ?? e.StreamVersion,
                    e.OccurredAt, known?.StatusChangedAt ?? e.OccurredAt, e.CommuneCode, e.UnitGeneration);
                return registered;
            case EnterpriseDetailsAmendedV1 e:
                return await UpdateAsync(session, e.EnterpriseId, ct, k => k.DetailsVersion >= e.StreamVersion
                    ? null
                    : k with
                    {
                        LegalName = e.LegalName,
                        ShortName = e.ShortName,
                        Sectors = e.Sectors.ToArray(),
                        Kinds = e.Kinds.ToArray(),
                        District = e.District,
                        Commune = e.Commune,
                        CommuneCode = e.CommuneCode,
                        UnitGeneration = e.UnitGeneration,
                        DetailsVersion = e.StreamVersion
                    });
            case EnterpriseSuspendedV1 e:
                return await SetStatusAsync(session, e.EnterpriseId, e.StreamVersion, "suspended", e.Reason, e.OccurredAt, ct);
            case EnterpriseReinstatedV1 e:
                return await SetStatusAsync(session, e.EnterpriseId, e.StreamVersion, KnownEnterprise.Active, null, e.OccurredAt, ct);
            case EnterpriseCeasedV1 e:
                return await SetStatusAsync(session, e.EnterpriseId, e.StreamVersion, "ceased", e.Reason, e.OccurredAt, ct);
            default:
                return null;
        }
    }

    private static Task<KnownEnterprise?> SetStatusAsync(IQuerySession session, Guid id, long version, string status, string? reason, DateTimeOffset at, CancellationToken ct) =>
        UpdateAsync(session, id, ct, k => k.StatusVersion >= version ? null : k with { Status = status, StatusReason = reason, StatusVersion = version, StatusChangedAt = at });

    private static async Task<KnownEnterprise?> UpdateAsync(IQuerySession session, Guid id, CancellationToken ct, Func<KnownEnterprise, KnownEnterprise?> change)
    {
        var known = await session.LoadAsync<KnownEnterprise>(id, ct) ?? throw new EnterpriseNotYetKnownException(id);
        return change(known); // null when already applied: a redelivery or an overtaken event
    }
}

/// <summary>
/// What a service decides, in the same command, when its copy of an enterprise changes (Reporting opens the
/// enterprise's obligations from its registration instead of waiting for a scheduler round). Runs for every
/// applied change, from RabbitMQ or from the change-feed backfill; must be idempotent, since the same state may
/// be reached again after a redelivery.
/// </summary>
public interface IKnownEnterpriseReaction
{
    /// <summary>What follows from the enterprise as it now is. <paramref name="sofar"/> is what the same command already
    /// decided (a change-feed page may carry several events of one enterprise): not to be decided twice.</summary>
    Task<Decision> DecideAsync(IQuerySession query, KnownEnterprise enterprise, Decision sofar, CancellationToken ct);
}
