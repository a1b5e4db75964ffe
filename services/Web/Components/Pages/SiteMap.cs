using System.Text.Json;
using Platform.Web.Api;

namespace Platform.Web.Components.Pages;

public static class SiteMap
{
    /// <summary>The sites as the map script reads them: [{name, kind, owner, lat, lng, status}], safe inside a
    /// script element (System.Text.Json escapes &lt; and &gt;, so a name cannot close the element).</summary>
    public static string PointsJson(IEnumerable<SiteView> sites) => JsonSerializer.Serialize(sites.Select(s => new
    {
        name = s.Name, kind = s.Kind, owner = s.OwnerName, lat = s.Location.Latitude, lng = s.Location.Longitude, status = s.Status,
    }));
}
