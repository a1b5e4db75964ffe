using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;

namespace Platform.Infrastructure.Sites;

/// <summary>Where a site is, as entered and checked against the province's reference data.</summary>
public sealed record Placement(Location Location, IReadOnlyList<Position>? Route, double? LengthKm, IReadOnlyList<string> Warnings);

/// <summary>
/// Pure checks of a site's place: the commune against the official list (either generation: with a district it is a
/// commune before 1 July 2025, without one a current commune; by name, folded, or code), the point inside the
/// province, a duct or cable route as a GeoJSON LineString ([longitude, latitude] positions) with its length on the
/// WGS84 ellipsoid, and a warning (not a refusal: boundaries are simplified, and the register must take what the
/// operator declares) when the point lies outside the declared commune.
/// </summary>
public static class SitePlacement
{
    public const int MaxRoutePositions = 10_000;

    public static Placement? Place(ProvinceGeography geography, Bounds province, string? district, string? commune, double? latitude, double? longitude,
        string address, double[][]? route, bool isRoute, FieldErrors errors)
    {
        var match = geography.ResolveCommune(commune, district);
        errors.Add(match);

        List<Position>? line = null;
        if (route is not null)
        {
            if (!isRoute) errors.Add("route", "only ducts and cable routes have a route (a GeoJSON LineString)");
            else if (route.Length is < 2 or > MaxRoutePositions) errors.Add("route", $"a LineString needs between 2 and {MaxRoutePositions} positions");
            else if (route.Any(p => p is null || p.Length is < 2 or > 3 || !double.IsFinite(p[0]) || !double.IsFinite(p[1])))
                errors.Add("route", "each position is [longitude, latitude] in WGS84 decimal degrees");
            else
            {
                line = route.Select(p => new Position(p[0], p[1])).ToList();
                if (line.Where(p => !province.Contains(p.Longitude, p.Latitude)).Select(p => (Position?)p).FirstOrDefault() is { } outside)
                    errors.Add("route", $"the position [{outside.Longitude}, {outside.Latitude}] lies outside {geography.Province.Name}");
            }
        }
        // A route's first position stands for it where a point is needed (lists, the public register).
        if (latitude is null && longitude is null && line is { Count: > 0 }) (latitude, longitude) = (line[0].Latitude, line[0].Longitude);
        if (latitude is null || longitude is null) errors.Add("latitude", "latitude and longitude are required (WGS84 decimal degrees), or a route");
        else if (!province.Contains(longitude.Value, latitude.Value))
            errors.Add("latitude", $"({latitude}, {longitude}) lies outside {geography.Province.Name} ({province.MinLatitude:0.###}–{province.MaxLatitude:0.###} N, {province.MinLongitude:0.###}–{province.MaxLongitude:0.###} E)");
        if (errors.Any || match.Unit is not { } unit) return null;

        var location = Locate(geography, unit, latitude!.Value, longitude!.Value, address);
        var warnings = new List<string>();
        if (geography.Contains(unit.Generation, unit.Code, latitude.Value, longitude.Value) == false)
        {
            var there = geography.CommuneAt(latitude.Value, longitude.Value);
            warnings.Add($"site-outside-commune: the point ({latitude}, {longitude}) lies outside {unit.Name}" +
                (there is null ? " and outside every commune of the province's boundaries" : $"; the boundaries place it in {there.Name} ({there.Code})"));
        }
        return new Placement(location, line, line is null ? null : Math.Round(Geodesy.LengthKm(line), 3), warnings);
    }

    /// <summary>The stored location: the unit's code and generation, its official spelling, and (before 1 July 2025) its district's.</summary>
    public static Location Locate(ProvinceGeography geography, AdministrativeUnit unit, double latitude, double longitude, string address) =>
        new(unit.Generation == UnitGeneration.ThreeTier ? geography.OldDistricts.First(d => d.Code == unit.ParentCode).Name : "",
            unit.Name, latitude, longitude, address, unit.Code, unit.Generation);

    /// <summary>The province's extent: the configured box, or the communes' boundaries with a margin of about 2 km.</summary>
    public static Bounds ProvinceBounds(ProvinceGeography geography, BoundingBox? configured) => configured is { } box
        ? new Bounds(box.MinLongitude, box.MinLatitude, box.MaxLongitude, box.MaxLatitude)
        : geography.Bounds.Grow(0.02);
}
