using System.Text.Json.Nodes;
using Platform.Geography;

namespace Platform.Web.Api;

/// <summary>The configured province's current communes as GeoJSON: the site map's base layer. Reference data
/// shipped with the console (Platform.Geography), so the map needs neither a tile server nor an API call.</summary>
public static class BoundaryEndpoints
{
    public static void Map(WebApplication app)
    {
        var body = new Lazy<string>(() => CommunesGeoJson(app.Services.GetRequiredService<ProvinceGeography>()).ToJsonString());
        app.MapGet("/ban-do/xa.geojson", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "private, max-age=86400"; // changes only with a new release
            return Results.Text(body.Value, "application/geo+json");
        }).RequireAuthorization();
    }

    public static JsonObject CommunesGeoJson(ProvinceGeography province) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(province.Communes.Where(c => province.Boundary(c.Code) is not null).Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = c.Code,
            ["properties"] = new JsonObject { ["code"] = c.Code, ["name"] = c.Name },
            ["geometry"] = new JsonObject
            {
                ["type"] = "MultiPolygon",
                ["coordinates"] = new JsonArray(province.Boundary(c.Code)!.Rings.Select(ring => (JsonNode)new JsonArray(
                    new JsonArray(ring.Select(p => (JsonNode)new JsonArray(p.Longitude, p.Latitude)).ToArray()))).ToArray()),
            },
        }).ToArray()),
    };
}
