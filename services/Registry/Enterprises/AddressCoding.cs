using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;

namespace Platform.Registry.Enterprises;

/// <summary>
/// The one-off migration of head offices registered before the reference data, with district and commune names as
/// typed: each gets its commune's official code (a commune before 1 July 2025 when a district was given, as the
/// register then always had one), through an event on the enterprise's own stream (<see cref="EnterpriseAddressCoded"/>),
/// so the stream stays the truth and consumers hear of it as a change of details. Runs at every start and finds
/// nothing once done; names that match no unit are left as they are and logged for a person to correct.
/// </summary>
public static class AddressCoding
{
    public const string Actor = "job:address-coding";

    /// <summary>The coded head office for one entered by names; nothing when it already has a code, when the enterprise
    /// ceased (its record no longer changes), or when the names match no unit of the province.</summary>
    public static Decision Decide(Enterprise enterprise, ProvinceGeography geography)
    {
        var address = enterprise.Details.HeadOffice;
        if (address.CommuneCode is not null || enterprise.Status == EnterpriseStatus.Ceased) return Decision.Nothing;
        var match = geography.ResolveCommune(address.Commune, string.IsNullOrWhiteSpace(address.District) ? null : address.District);
        if (match.Unit is not { } unit) return Decision.Nothing;
        var details = enterprise.Details with { HeadOffice = EnterpriseDetailsInput.Locate(address.Street, unit, geography) };
        return Decision.Append(enterprise.Id, new EnterpriseAddressCoded(enterprise.Id, details));
    }

    /// <summary>The migration as the shared runner takes it (<see cref="UnitCoding"/>).</summary>
    public static UnitCoding.Job<Enterprise> Job(ProvinceGeography geography) => new(Actor, "head offices",
        e => e.Details.HeadOffice.CommuneCode == null && e.Status != EnterpriseStatus.Ceased, e => e.Id, ChangeEnterprise.NotFound,
        e => Decide(e, geography), e => (e.Details.HeadOffice.District, e.Details.HeadOffice.Commune));
}
