using System.Text.Json;

namespace Platform.Geography;

/// <summary>A WGS84 position in GeoJSON order.</summary>
public readonly record struct Position(double Longitude, double Latitude);

public sealed record Bounds(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude)
{
    public bool Contains(double longitude, double latitude) =>
        longitude >= MinLongitude && longitude <= MaxLongitude && latitude >= MinLatitude && latitude <= MaxLatitude;

    public Bounds Union(Bounds other) => new(Math.Min(MinLongitude, other.MinLongitude), Math.Min(MinLatitude, other.MinLatitude),
        Math.Max(MaxLongitude, other.MaxLongitude), Math.Max(MaxLatitude, other.MaxLatitude));

    public Bounds Grow(double degrees) => new(MinLongitude - degrees, MinLatitude - degrees, MaxLongitude + degrees, MaxLatitude + degrees);
}

/// <summary>A commune's outline: one or more outer rings (islands and detached parts), [lon, lat].</summary>
public sealed class CommuneBoundary
{
    public CommuneBoundary(IReadOnlyList<Position[]> rings)
    {
        Rings = rings;
        var all = rings.SelectMany(r => r).ToList();
        Bounds = new Bounds(all.Min(p => p.Longitude), all.Min(p => p.Latitude), all.Max(p => p.Longitude), all.Max(p => p.Latitude));
    }

    public IReadOnlyList<Position[]> Rings { get; }
    public Bounds Bounds { get; }

    /// <summary>Whether the point lies inside (even-odd rule per ring; the rings of a commune do not overlap).
    /// Planar in degrees: at a commune's scale the error is far below the boundary's own simplification.</summary>
    public bool Contains(double longitude, double latitude) =>
        Bounds.Contains(longitude, latitude) && Rings.Any(ring => InRing(ring, longitude, latitude));

    private static bool InRing(Position[] ring, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi, xj, yj) = (ring[i].Longitude, ring[i].Latitude, ring[j].Longitude, ring[j].Latitude);
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }

    internal static CommuneBoundary From(JsonElement polygons) =>
        new(polygons.EnumerateArray().Select(ring => ring.EnumerateArray().Select(p => new Position(p[0].GetDouble(), p[1].GetDouble())).ToArray()).ToList());
}
