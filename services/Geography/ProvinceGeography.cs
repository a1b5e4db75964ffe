namespace Platform.Geography;

/// <summary>What a unit given by name or code resolved to: the unit, or why not with the closest names. <see cref="Code"/>
/// names the refusal for clients that show it in another language (<see cref="UnitProblems"/>), <see cref="Within"/> the
/// unit it was looked for in (the province or an old district).</summary>
public sealed record UnitMatch(AdministrativeUnit? Unit, string? Field, string? Error, IReadOnlyList<string> Suggestions, string? Code = null, string? Within = null)
{
    public static UnitMatch Found(AdministrativeUnit unit) => new(unit, null, null, []);
    public static UnitMatch Missing(string field, string code, string within, string error, IReadOnlyList<string> suggestions) =>
        new(null, field, error, suggestions, code, within);

    /// <summary>The English sentence with the suggestions, as the APIs answer it.</summary>
    public string? Message => Error is null ? null : Suggestions.Count > 0 ? $"{Error}; did you mean: {string.Join("; ", Suggestions)}?" : Error;
}

/// <summary>The stable codes of <see cref="UnitMatch"/> refusals (problem details carry them per field).</summary>
public static class UnitProblems
{
    /// <summary>A district that is not one of the province's districts before 1 July 2025.</summary>
    public const string UnknownDistrict = "unknown-district";
    /// <summary>A commune that is not one of the province's (or of the given old district's).</summary>
    public const string UnknownCommune = "unknown-commune";
    /// <summary>No commune given.</summary>
    public const string CommuneRequired = "commune-required";
    /// <summary>A name several old communes had: the district is needed.</summary>
    public const string AmbiguousCommune = "ambiguous-commune";
    /// <summary>A unit (any level) that is not one of the province's.</summary>
    public const string UnknownUnit = "unknown-unit";
    /// <summary>A name several units have: the code or generation is needed.</summary>
    public const string AmbiguousUnit = "ambiguous-unit";
}

/// <summary>
/// The configured province: its current (two-tier) unit and the old provinces it covers (Lào Cai since
/// 1 July 2025 = old Lào Cai + old Yên Bái), their districts and communes, and the current communes with
/// their boundaries. Validates entered units and maps old records to the current communes.
/// </summary>
public sealed class ProvinceGeography
{
    public const string LaoCai = "15";

    public ProvinceGeography(Country country, string provinceCode)
    {
        Country = country;
        Province = country.Find(UnitGeneration.TwoTier, provinceCode) ?? throw new ArgumentException(
            country.Find(UnitGeneration.ThreeTier, provinceCode) is { } old
                ? $"{old.Name} ({provinceCode}) is a province before 1 July 2025; configure the current province that covers it: " +
                  string.Join(", ", country.ProvinceSuccessors(provinceCode).Select(c => $"{country.Find(UnitGeneration.TwoTier, c)?.Name} ({c})"))
                : $"{provinceCode} is not the code of a province (34 since 1 July 2025, e.g. {LaoCai} for Lào Cai).", nameof(provinceCode));
        Communes = country.CommunesOf(Province).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var codes = Communes.Select(c => c.Code).ToHashSet();
        // The old provinces any of whose communes now lie here (all of Yên Bái and Lào Cai for Lào Cai).
        OldProvinces = country.Provinces(UnitGeneration.ThreeTier)
            .Where(p => country.CommunesOf(p).Any(c => country.Successors(c.Code).Any(s => codes.Contains(s.Code))))
            .OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        OldDistricts = OldProvinces.SelectMany(p => country.Children(UnitGeneration.ThreeTier, p.Code)).ToList();
        OldCommunes = OldProvinces.SelectMany(country.CommunesOf)
            .Where(c => country.Successors(c.Code).Any(s => codes.Contains(s.Code))).ToList();
        boundaries = country.BoundariesOf(codes);
        Bounds = boundaries.Values.Select(b => b.Bounds).Aggregate((a, b) => a.Union(b));
    }

    private readonly IReadOnlyDictionary<string, CommuneBoundary> boundaries;

    public Country Country { get; }
    public AdministrativeUnit Province { get; }
    public IReadOnlyList<AdministrativeUnit> Communes { get; }
    public IReadOnlyList<AdministrativeUnit> OldProvinces { get; }
    public IReadOnlyList<AdministrativeUnit> OldDistricts { get; }
    public IReadOnlyList<AdministrativeUnit> OldCommunes { get; }
    public Bounds Bounds { get; }

    /// <summary>The boundary of one of the province's current communes (null for a commune elsewhere).</summary>
    public CommuneBoundary? Boundary(string currentCommuneCode) => boundaries.GetValueOrDefault(currentCommuneCode);

    /// <summary>The current commune whose boundary holds the point, or null outside the province.</summary>
    public AdministrativeUnit? CommuneAt(double latitude, double longitude) =>
        Bounds.Contains(longitude, latitude) ? Communes.FirstOrDefault(c => Boundary(c.Code)?.Contains(longitude, latitude) == true) : null;

    /// <summary>Whether the point lies in the unit as entered: a current commune's own boundary, or for an
    /// old commune the union of the current communes it went into (old boundaries are not shipped).
    /// Null when no boundary is known.</summary>
    public bool? Contains(UnitGeneration generation, string code, double latitude, double longitude)
    {
        var current = generation == UnitGeneration.TwoTier ? [code] : Country.Successors(code).Select(s => s.Code).ToArray();
        var outlines = current.Select(Boundary).OfType<CommuneBoundary>().ToList();
        return outlines.Count == 0 ? null : outlines.Any(b => b.Contains(longitude, latitude));
    }

    /// <summary>
    /// The unit a person entered, by code or name (with or without diacritics or its type). With a district
    /// (only the units before 1 July 2025 had districts), the commune is looked up among that district's old
    /// communes; without, among the province's current communes, then its old communes when the name is
    /// unique there. Unknown → the field named, with the closest names.
    /// </summary>
    public UnitMatch ResolveCommune(string? commune, string? district, string communeField = "commune", string districtField = "district")
    {
        if (!string.IsNullOrWhiteSpace(district))
        {
            var d = Match(OldDistricts, district);
            if (d is null)
                return UnitMatch.Missing(districtField, UnitProblems.UnknownDistrict, Province.Name, $"is not a district of {Province.Name} before 1 July 2025 (since then there are no districts: leave it out and give the current commune)",
                    Suggest(OldDistricts, district));
            if (string.IsNullOrWhiteSpace(commune)) return UnitMatch.Missing(communeField, UnitProblems.CommuneRequired, Province.Name, "is required: the commune's code or name", []);
            var inDistrict = OldCommunes.Where(c => c.ParentCode == d.Code).ToList();
            return Match(inDistrict, commune) is { } old ? UnitMatch.Found(old)
                : UnitMatch.Missing(communeField, UnitProblems.UnknownCommune, d.Name, $"is not a commune of {d.Name}", Suggest(inDistrict, commune));
        }
        if (string.IsNullOrWhiteSpace(commune)) return UnitMatch.Missing(communeField, UnitProblems.CommuneRequired, Province.Name, "is required: the commune's code or name", []);
        if (Match(Communes, commune) is { } current) return UnitMatch.Found(current);
        var olds = OldCommunes.Where(c => Same(c, commune)).ToList();
        if (olds.Count == 1) return UnitMatch.Found(olds[0]);
        return UnitMatch.Missing(communeField, olds.Count > 1 ? UnitProblems.AmbiguousCommune : UnitProblems.UnknownCommune, Province.Name, olds.Count > 1
                ? $"names {olds.Count} communes before 1 July 2025: give the district too, or the current commune"
                : $"is not a commune of {Province.Name}",
            olds.Count > 1 ? olds.Select(o => $"{o.Name}, {OldDistricts.First(d => d.Code == o.ParentCode).Name}").ToList() : Suggest(Communes.Concat(OldCommunes), commune));
    }

    /// <summary>Any unit of the province (province, old district, commune of either generation) by code or
    /// name, for figures entered per unit. A code or name names the current unit first; <paramref name="generation"/> decides.</summary>
    public UnitMatch ResolveAny(string? unit, UnitGeneration? generation, string field = "unit")
    {
        var current = new[] { Province }.Concat(Communes).ToList();
        var old = OldProvinces.Concat(OldDistricts).Concat(OldCommunes).ToList();
        var pool = generation switch { UnitGeneration.TwoTier => current, UnitGeneration.ThreeTier => old, _ => current.Concat(old).ToList() };
        var byCode = pool.FirstOrDefault(u => u.Code == unit?.Trim());
        if (byCode is not null) return UnitMatch.Found(byCode);
        // A name names the current unit when one current unit has it (as for communes), else an old one.
        var named = generation is null && current.Where(u => Same(u, unit)).ToList() is [var only] ? [only] : pool.Where(u => Same(u, unit)).ToList();
        return named.Count == 1 ? UnitMatch.Found(named[0])
            : UnitMatch.Missing(field, named.Count > 1 ? UnitProblems.AmbiguousUnit : UnitProblems.UnknownUnit, Province.Name, named.Count > 1 ? $"names {named.Count} units: give the code or the generation" : $"is not a unit of {Province.Name}",
                named.Count > 1 ? named.Select(u => u.ToString()).ToList() : Suggest(pool, unit));
    }

    /// <summary>The current commune a record entered with <paramref name="generation"/>/<paramref name="code"/> counts
    /// for: itself, or the one new commune its old commune went into; when the old commune was split, the one
    /// whose boundary holds the record's point, else the part that took most of it (listed first).</summary>
    public AdministrativeUnit? CurrentCommune(UnitGeneration generation, string code, double? latitude = null, double? longitude = null)
    {
        if (generation == UnitGeneration.TwoTier) return Communes.FirstOrDefault(c => c.Code == code);
        var next = Country.Successors(code).Select(s => Communes.FirstOrDefault(c => c.Code == s.Code)).OfType<AdministrativeUnit>().ToList();
        if (next.Count > 1 && latitude is { } lat && longitude is { } lon && next.FirstOrDefault(c => Boundary(c.Code)?.Contains(lon, lat) == true) is { } holding)
            return holding;
        return next.FirstOrDefault();
    }

    private static bool Same(AdministrativeUnit unit, string? input)
    {
        var key = AdministrativeUnit.Fold(input);
        return key.Length > 0 && (unit.FoldedName == key || unit.FoldedShortName == key || unit.Code == input?.Trim());
    }

    private static AdministrativeUnit? Match(IEnumerable<AdministrativeUnit> units, string? input)
    {
        var hits = units.Where(u => Same(u, input)).ToList();
        if (hits.Count == 1) return hits[0];
        // Names that differ only by diacritics (Phường Sa Pa, Phường Sa Pả) fold alike: the exact spelling decides.
        var exact = hits.Where(u => Exact(u, input)).ToList();
        return exact.Count == 1 ? exact[0] : null;
    }

    private static bool Exact(AdministrativeUnit unit, string? input)
    {
        var text = string.Join(' ', (input ?? "").Normalize(System.Text.NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.Equals(unit.Name, text, StringComparison.OrdinalIgnoreCase) || string.Equals(unit.ShortName, text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Up to five names closest to what was typed: containing it, then by edit distance on the folded short name.</summary>
    public static IReadOnlyList<string> Suggest(IEnumerable<AdministrativeUnit> units, string? input, int count = 5)
    {
        var key = AdministrativeUnit.Fold(input);
        foreach (var type in new[] { "xa ", "phuong ", "thi tran ", "dac khu ", "huyen ", "thi xa ", "thanh pho ", "quan " })
            if (key.StartsWith(type, StringComparison.Ordinal)) { key = key[type.Length..]; break; }
        if (key.Length == 0) return [];
        return units.Select(u => (Unit: u, Score: u.FoldedShortName.Contains(key, StringComparison.Ordinal) ? 0 : Distance(u.FoldedShortName, key)))
            .Where(x => x.Score <= Math.Max(2, key.Length / 3))
            .OrderBy(x => x.Score).ThenBy(x => x.Unit.Name, StringComparer.Ordinal)
            .Select(x => x.Unit.ToString()).Distinct().Take(count).ToList();
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
