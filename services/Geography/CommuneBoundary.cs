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

    /// <summary>
    /// Reads the boundaries data set (<c>{"code": [[[lon, lat], …], …], …}</c>) forward only, one commune at a time,
    /// keeping the <paramref name="wanted"/> ones. Parsing the 9 MB document whole (JsonDocument) rented 16 MB
    /// buffers that the shared array pool then kept for the life of the process (README, Benchmarks, "Memory").
    /// </summary>
    internal static Dictionary<string, CommuneBoundary> Read(Stream stream, Func<string, bool> wanted)
    {
        var result = new Dictionary<string, CommuneBoundary>(StringComparer.Ordinal);
        var buffer = new byte[64 * 1024];
        int length = 0, start = 0;
        var final = false;
        var state = new JsonReaderState();
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, length - start), final, state);
            while (true)
            {
                var before = reader; // after the last whole commune: where to resume once more bytes are in
                if (!reader.Read()) break;
                if (reader.TokenType is JsonTokenType.StartObject) continue; // the document's opening brace
                if (reader.TokenType is JsonTokenType.EndObject) return result;
                if (reader.TokenType is not JsonTokenType.PropertyName) throw new JsonException($"Unexpected {reader.TokenType} in the boundaries.");
                var code = reader.GetString()!;
                var value = reader; // at the name: reads the commune's rings once TrySkip has found them whole
                if (!reader.TrySkip()) { reader = before; break; }
                if (wanted(code)) result[code] = ReadRings(ref value);
            }
            if (final) throw new JsonException("The boundaries data set ends early.");
            // Keep the unread rest, grow the buffer when one commune does not fit in it, read on.
            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            buffer.AsSpan(start, length - start).CopyTo(buffer);
            length -= start;
            start = 0;
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            length += stream.ReadAtLeast(buffer.AsSpan(length), buffer.Length - length, throwOnEndOfStream: false);
            final = length < buffer.Length;
        }
    }

    private static CommuneBoundary ReadRings(ref Utf8JsonReader reader)
    {
        var rings = new List<Position[]>();
        var ring = new List<Position>();
        reader.Read(); // [ of the rings
        while (reader.Read() && reader.TokenType is JsonTokenType.StartArray) // [ of a ring
        {
            ring.Clear();
            while (reader.Read() && reader.TokenType is JsonTokenType.StartArray) // [lon, lat]
            {
                reader.Read();
                var longitude = reader.GetDouble();
                reader.Read();
                var latitude = reader.GetDouble();
                reader.Read(); // ]
                ring.Add(new Position(longitude, latitude));
            }
            rings.Add(ring.ToArray());
        }
        return new CommuneBoundary(rings);
    }
}
