using System.IO.Compression;
using System.Text.Json;

namespace Platform.Geography;

/// <summary>
/// The whole country's administrative units of both generations, the official mapping from old communes to
/// new ones, and the new communes' boundaries, loaded once from the data sets shipped in this assembly
/// (Data/README.md: sources, dates, licences). Immutable; safe to share.
/// </summary>
public sealed class Country
{
    private static readonly Lazy<Country> Shipped = new(() => Load(Open));

    /// <summary>The shipped data set.</summary>
    public static Country Vietnam => Shipped.Value;

    private readonly Dictionary<(UnitGeneration, string), AdministrativeUnit> byCode;
    private readonly ILookup<(UnitGeneration, string?), AdministrativeUnit> byParent;
    private readonly Dictionary<string, Successor[]> successors;
    private readonly ILookup<string, string> predecessors;
    private readonly Dictionary<string, string[]> provinceSuccessors;
    private readonly Func<Func<string, bool>, Dictionary<string, CommuneBoundary>> readBoundaries;
    private readonly Lazy<IReadOnlyDictionary<string, CommuneBoundary>> boundaries;

    private Country(IReadOnlyList<AdministrativeUnit> units, Dictionary<string, Successor[]> successors,
        Dictionary<string, string[]> provinceSuccessors, Func<Func<string, bool>, Dictionary<string, CommuneBoundary>> readBoundaries)
    {
        Units = units;
        byCode = units.ToDictionary(u => (u.Generation, u.Code));
        byParent = units.ToLookup(u => (u.Generation, u.ParentCode));
        this.successors = successors;
        this.provinceSuccessors = provinceSuccessors;
        predecessors = successors.SelectMany(s => s.Value.Select(n => (Old: s.Key, New: n.Code))).ToLookup(p => p.New, p => p.Old);
        this.readBoundaries = readBoundaries;
        boundaries = new Lazy<IReadOnlyDictionary<string, CommuneBoundary>>(() => readBoundaries(_ => true));
    }

    public IReadOnlyList<AdministrativeUnit> Units { get; }

    public IEnumerable<AdministrativeUnit> Provinces(UnitGeneration generation) => Children(generation, null);

    public AdministrativeUnit? Find(UnitGeneration generation, string? code) =>
        code is not null && byCode.TryGetValue((generation, code.Trim()), out var unit) ? unit : null;

    public IEnumerable<AdministrativeUnit> Children(UnitGeneration generation, string? parentCode) => byParent[(generation, parentCode)];

    /// <summary>Every commune of a province (through its districts for the three-tier units).</summary>
    public IEnumerable<AdministrativeUnit> CommunesOf(AdministrativeUnit province) => province.Generation == UnitGeneration.TwoTier
        ? Children(UnitGeneration.TwoTier, province.Code)
        : Children(UnitGeneration.ThreeTier, province.Code).SelectMany(d => Children(UnitGeneration.ThreeTier, d.Code));

    /// <summary>The province (same generation) a unit lies in.</summary>
    public AdministrativeUnit ProvinceOf(AdministrativeUnit unit)
    {
        while (unit.ParentCode is not null) unit = byCode[(unit.Generation, unit.ParentCode)];
        return unit;
    }

    /// <summary>The new communes an old commune became part of (official mapping).</summary>
    public IReadOnlyList<Successor> Successors(string oldCommuneCode) => successors.GetValueOrDefault(oldCommuneCode) ?? [];

    /// <summary>The old communes (wholly or partly) in a new commune.</summary>
    public IEnumerable<string> Predecessors(string newCommuneCode) => predecessors[newCommuneCode];

    /// <summary>The new province(s) an old province went into (a few were split, e.g. by commune).</summary>
    public IReadOnlyList<string> ProvinceSuccessors(string oldProvinceCode) => provinceSuccessors.GetValueOrDefault(oldProvinceCode) ?? [];

    /// <summary>Boundaries of all the country's two-tier communes, by code (loaded on first use and kept).</summary>
    public IReadOnlyDictionary<string, CommuneBoundary> Boundaries => boundaries.Value;

    /// <summary>Boundaries of the given communes only, read from the data set and not kept here: a service holds its
    /// province's hundred communes, not the country's 3,321 (450,532 points, 7 MB).</summary>
    public IReadOnlyDictionary<string, CommuneBoundary> BoundariesOf(IReadOnlySet<string> communeCodes) => boundaries.IsValueCreated
        ? communeCodes.Where(boundaries.Value.ContainsKey).ToDictionary(c => c, c => boundaries.Value[c])
        : readBoundaries(communeCodes.Contains);

    public static Country Load(Func<string, Stream> open)
    {
        var units = new List<AdministrativeUnit>();
        using (var doc = JsonDocument.Parse(open("units.json.gz")))
        {
            var levels = new Dictionary<(UnitGeneration, string), UnitLevel>();
            foreach (var u in doc.RootElement.EnumerateArray())
            {
                var generation = u[0].GetString() == "new" ? UnitGeneration.TwoTier : UnitGeneration.ThreeTier;
                var parent = u[4].ValueKind == JsonValueKind.Null ? null : u[4].GetString();
                var level = parent is null ? UnitLevel.Province
                    : levels[(generation, parent)] == UnitLevel.Province && generation == UnitGeneration.ThreeTier ? UnitLevel.District
                    : UnitLevel.Commune;
                var unit = new AdministrativeUnit(generation, u[1].GetString()!, u[2].GetString()!, u[3].GetString()!, parent, level);
                levels[(generation, unit.Code)] = level;
                units.Add(unit);
            }
        }
        var successors = new Dictionary<string, Successor[]>();
        var provinces = new Dictionary<string, string[]>();
        using (var doc = JsonDocument.Parse(open("mapping.json.gz")))
        {
            foreach (var p in doc.RootElement.GetProperty("provinces").EnumerateObject())
                provinces[p.Name] = p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
            foreach (var c in doc.RootElement.GetProperty("communes").EnumerateObject())
                successors[c.Name] = c.Value.EnumerateArray().Select(e => new Successor(e[0].GetString()!, e[1].GetString() == "full")).ToArray();
        }
        return new Country(units, successors, provinces, wanted =>
        {
            using var stream = open("boundaries.json.gz");
            return CommuneBoundary.Read(stream, wanted);
        });
    }

    private static Stream Open(string name)
    {
        var raw = typeof(Country).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing reference data {name}.");
        return name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
    }

    /// <summary>The source's own totals (Data/source-totals.json), for checking the shipped data against.</summary>
    public static JsonDocument SourceTotals() => JsonDocument.Parse(Open("source-totals.json"));
}
