using Marten;
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
    /// <summary>Stages the change in the session (the caller saves). False when the event was already
    /// applied or is not about enterprises.</summary>
    /// <exception cref="EnterpriseNotYetKnownException">A change for an enterprise whose registration has not arrived.</exception>
    public static async Task<bool> ApplyAsync(IDocumentSession session, IIntegrationEvent message, CancellationToken ct)
    {
        switch (message)
        {
            case EnterpriseRegisteredV1 e:
                var known = await session.LoadAsync<KnownEnterprise>(e.EnterpriseId, ct);
                if (known is not null && known.DetailsVersion >= e.StreamVersion) return false;
                session.Store(new KnownEnterprise(e.EnterpriseId, e.TaxCode, e.LegalName, e.ShortName, e.Sectors.ToArray(), e.Kinds.ToArray(),
                    e.District, e.Commune, known?.Status ?? KnownEnterprise.Active, known?.StatusReason, e.StreamVersion, known?.StatusVersion ?? e.StreamVersion,
                    e.OccurredAt, known?.StatusChangedAt ?? e.OccurredAt));
                return true;
            case EnterpriseDetailsAmendedV1 e:
                return await UpdateAsync(session, e.EnterpriseId, ct, k => k.DetailsVersion >= e.StreamVersion
                    ? null
                    : k with { LegalName = e.LegalName, ShortName = e.ShortName, Sectors = e.Sectors.ToArray(), Kinds = e.Kinds.ToArray(),
                        District = e.District, Commune = e.Commune, DetailsVersion = e.StreamVersion });
            case EnterpriseSuspendedV1 e:
                return await SetStatusAsync(session, e.EnterpriseId, e.StreamVersion, "suspended", e.Reason, e.OccurredAt, ct);
            case EnterpriseReinstatedV1 e:
                return await SetStatusAsync(session, e.EnterpriseId, e.StreamVersion, KnownEnterprise.Active, null, e.OccurredAt, ct);
            case EnterpriseCeasedV1 e:
                return await SetStatusAsync(session, e.EnterpriseId, e.StreamVersion, "ceased", e.Reason, e.OccurredAt, ct);
            default:
                return false;
        }
    }

    private static Task<bool> SetStatusAsync(IDocumentSession session, Guid id, long version, string status, string? reason, DateTimeOffset at, CancellationToken ct) =>
        UpdateAsync(session, id, ct, k => k.StatusVersion >= version ? null : k with { Status = status, StatusReason = reason, StatusVersion = version, StatusChangedAt = at });

    private static async Task<bool> UpdateAsync(IDocumentSession session, Guid id, CancellationToken ct, Func<KnownEnterprise, KnownEnterprise?> change)
    {
        var known = await session.LoadAsync<KnownEnterprise>(id, ct) ?? throw new EnterpriseNotYetKnownException(id);
        if (change(known) is not { } next) return false; // already applied: a redelivery or an overtaken event
        session.Store(next);
        return true;
    }
}
