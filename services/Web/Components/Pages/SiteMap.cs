using System.Text.Json;
using Platform.Web.Api;

namespace Platform.Web.Components.Pages;

public static class SiteMap
{
    /// <summary>The sites as the map script reads them: [{name, kind, owner, lat, lng, status, route, lengthKm}], safe inside a
    /// script element (System.Text.Json escapes &lt; and &gt;, so a name cannot close the element).</summary>
    public static string PointsJson(IEnumerable<SiteView> sites) => JsonSerializer.Serialize(sites.Select(s => new
    {
        name = s.Name, kind = s.Kind, owner = s.OwnerName, lat = s.Location.Latitude, lng = s.Location.Longitude, status = s.Status,
        route = s.Route, lengthKm = s.LengthKm,
    }));

    /// <summary>Operational BTS sites per current commune code, for colouring the commune base layer.</summary>
    public static string CoverageJson(CoverageReport? coverage) =>
        JsonSerializer.Serialize(coverage?.ByCommune.ToDictionary(c => c.Code, c => c.OperationalBtsSites) ?? []);
}
