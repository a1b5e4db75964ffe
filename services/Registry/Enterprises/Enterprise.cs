using Platform.Registry.Licences;

namespace Platform.Registry.Enterprises;

public sealed record Licence(
    Guid Id, string Number, LicenceType Type, IssuingAuthority Authority,
    DateOnly IssuedOn, DateOnly ExpiresOn, LicenceStatus Status, string? RevocationReason);

/// <summary>
/// The enterprise aggregate: the state every decision about an enterprise needs, rebuilt from its
/// stream by <see cref="When"/> (the evolve function; named so Marten's source generator, which claims methods called Evolve, leaves it alone). Immutable; also stored inline as the detail read model.
/// </summary>
public sealed record Enterprise(
    Guid Id, string TaxCode, EnterpriseDetails Details, EnterpriseStatus Status, string? StatusReason,
    IReadOnlyList<Licence> Licences, DateTimeOffset RegisteredAt, long Version)
{
    public Licence? FindLicence(Guid licenceId) => Licences.FirstOrDefault(l => l.Id == licenceId);

    public static Enterprise? When(Enterprise? state, object @event) => (state, @event) switch
    {
        (null, EnterpriseRegistered e) => new Enterprise(e.EnterpriseId, e.TaxCode, e.Details, EnterpriseStatus.Active, null, [], e.RegisteredAt, 0),
        (null, _) => null,
        (_, EnterpriseDetailsAmended e) => state with { Details = e.Details },
        (_, EnterpriseAddressCoded e) => state with { Details = e.Details },
        (_, EnterpriseSuspended e) => state with { Status = EnterpriseStatus.Suspended, StatusReason = e.Reason },
        (_, EnterpriseReinstated) => state with { Status = EnterpriseStatus.Active, StatusReason = null },
        (_, EnterpriseCeased e) => state with { Status = EnterpriseStatus.Ceased, StatusReason = e.Reason },
        (_, LicenceGranted e) => state with
        {
            Licences = [.. state.Licences, new Licence(e.LicenceId, e.Number, e.Type, e.Authority, e.IssuedOn, e.ExpiresOn, LicenceStatus.Valid, null)],
        },
        (_, LicenceRenewed e) => state.WithLicence(e.LicenceId, l => l with { ExpiresOn = e.ExpiresOn }),
        (_, LicenceRevoked e) => state.WithLicence(e.LicenceId, l => l with { Status = LicenceStatus.Revoked, RevocationReason = e.Reason }),
        (_, LicenceExpired e) => state.WithLicence(e.LicenceId, l => l with { Status = LicenceStatus.Expired }),
        _ => state,
    };

    private Enterprise WithLicence(Guid licenceId, Func<Licence, Licence> change) =>
        this with { Licences = Licences.Select(l => l.Id == licenceId ? change(l) : l).ToList() };
}
