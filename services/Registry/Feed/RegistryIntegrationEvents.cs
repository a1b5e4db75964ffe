using Platform.BuildingBlocks.Domain;
using JasperFx.Events;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Registry.Enterprises;
using Platform.Registry.Licences;

namespace Platform.Registry.Feed;

/// <summary>The Registry's public face: which domain events become which integration events.</summary>
public sealed class RegistryIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent e) => e.Data switch
    {
        EnterpriseRegistered r => new EnterpriseRegisteredV1(e.Id, r.EnterpriseId, e.Version, e.Timestamp,
            r.Details.LegalName, r.Details.ShortName, r.TaxCode, Codes.Of(r.Details.Sectors), Codes.Of(r.Details.Kinds),
            r.Details.HeadOffice.District, r.Details.HeadOffice.Commune, r.Details.HeadOffice.Street,
            r.Details.HeadOffice.CommuneCode, UnitGenerationCode(r.Details.HeadOffice)),
        EnterpriseDetailsAmended a => new EnterpriseDetailsAmendedV1(e.Id, a.EnterpriseId, e.Version, e.Timestamp,
            a.Details.LegalName, a.Details.ShortName, Codes.Of(a.Details.Sectors), Codes.Of(a.Details.Kinds),
            a.Details.HeadOffice.District, a.Details.HeadOffice.Commune, a.Details.HeadOffice.Street,
            a.Details.HeadOffice.CommuneCode, UnitGenerationCode(a.Details.HeadOffice)),
        // To consumers the coding is a change of details: the same names in their official spelling, now with the code.
        EnterpriseAddressCoded c => new EnterpriseDetailsAmendedV1(e.Id, c.EnterpriseId, e.Version, e.Timestamp,
            c.Details.LegalName, c.Details.ShortName, Codes.Of(c.Details.Sectors), Codes.Of(c.Details.Kinds),
            c.Details.HeadOffice.District, c.Details.HeadOffice.Commune, c.Details.HeadOffice.Street,
            c.Details.HeadOffice.CommuneCode, UnitGenerationCode(c.Details.HeadOffice)),
        EnterpriseSuspended s => new EnterpriseSuspendedV1(e.Id, s.EnterpriseId, e.Version, e.Timestamp, s.Reason),
        EnterpriseReinstated r => new EnterpriseReinstatedV1(e.Id, r.EnterpriseId, e.Version, e.Timestamp),
        EnterpriseCeased c => new EnterpriseCeasedV1(e.Id, c.EnterpriseId, e.Version, e.Timestamp, c.Reason),
        LicenceGranted g => new LicenceGrantedV1(e.Id, g.EnterpriseId, e.Version, e.Timestamp,
            g.LicenceId, g.Number, Codes.Of(g.Type), Codes.Of(g.Authority), g.IssuedOn, g.ExpiresOn),
        LicenceRenewed r => new LicenceRenewedV1(e.Id, r.EnterpriseId, e.Version, e.Timestamp, r.LicenceId, r.ExpiresOn),
        LicenceRevoked r => new LicenceRevokedV1(e.Id, r.EnterpriseId, e.Version, e.Timestamp, r.LicenceId, r.Reason),
        LicenceExpired x => new LicenceExpiredV1(e.Id, x.EnterpriseId, e.Version, e.Timestamp, x.LicenceId, x.ExpiredOn),
        _ => null,
    };

    private static string? UnitGenerationCode(Address address) => address.Generation is { } g ? Codes.Of(g) : null;
}
