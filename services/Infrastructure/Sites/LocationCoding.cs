using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;

namespace Platform.Infrastructure.Sites;

/// <summary>
/// The one-off migration of sites registered before the reference data, with district and commune names as
/// typed (validated then against a hand-made list of Lào Cai's units before 1 July 2025): each gets its old
/// commune's official code, through an event on its own stream (<see cref="SiteLocationCoded"/>), so the stream
/// stays the truth and a rebuild gives the same result. Runs at every start and finds nothing once done.
/// </summary>
public static class LocationCoding
{
    public const string Actor = "job:location-coding";

    /// <summary>The code for a site's location entered by names; nothing when it already has one, or when the
    /// names match no unit of the province (left for a person: the start-up log lists them).</summary>
    public static Decision Decide(Site site, ProvinceGeography geography)
    {
        if (site.Location.CommuneCode is not null) return Decision.Nothing;
        var match = geography.ResolveCommune(site.Location.Commune, string.IsNullOrWhiteSpace(site.Location.District) ? null : site.Location.District);
        if (match.Unit is not { } unit) return Decision.Nothing;
        var coded = SitePlacement.Locate(geography, unit, site.Location.Latitude, site.Location.Longitude, site.Location.Address);
        var current = geography.CurrentCommune(unit.Generation, unit.Code, site.Location.Latitude, site.Location.Longitude)?.Code;
        return Decision.Append(site.Id, new SiteLocationCoded(site.Id, coded.District, coded.Commune, unit.Code, unit.Generation, current));
    }

    /// <summary>The migration as the shared runner takes it (<see cref="UnitCoding"/>).</summary>
    public static UnitCoding.Job<Site> Job(ProvinceGeography geography) => new(Actor, "sites",
        s => s.Location.CommuneCode == null, s => s.Id, id => $"No site with id {id}.",
        s => Decide(s, geography), s => (s.Location.District, s.Location.Commune));
}
