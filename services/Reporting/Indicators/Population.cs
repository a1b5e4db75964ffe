using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;

namespace Platform.Reporting.Indicators;

public sealed record PopulationRequest(long? Inhabitants);

/// <summary>Inhabitants of one administrative unit of the province in a year: any unit of either generation
/// (the province, a district or commune before 1 July 2025, a commune since), with its official code. Figures
/// stored before the reference data have only <c>District</c> (a district's name); reads resolve it.</summary>
public sealed record PopulationFigure(string Id, int Year, string District, long Inhabitants,
    UnitGeneration? Generation = null, string? Code = null, UnitLevel? Level = null, long Version = 0)
{
    public static string IdFor(int year, string district) => $"{year}|{district}";
    public static string IdFor(int year, AdministrativeUnit unit) => $"{year}|{Codes.Of(unit.Generation)}|{unit.Code}";
}

/// <param name="Version">The figure's version, its ETag: a correction sends it as If-Match (0: a figure stored before figures had versions).</param>
public sealed record PopulationFigureView(int Year, string Generation, string Code, string Unit, string Level, long Inhabitants, long Version);

/// <summary>A unit's population for a year was entered, or corrected: who did it is in the event's audit headers.</summary>
public sealed record PopulationFigureEntered(int Year, UnitGeneration Generation, string Code, UnitLevel Level, string Unit, long Inhabitants);

/// <summary>One unit's figure for one year, a stream of its entries: a correction names the version it read (If-Match), so
/// two people correcting the same figure cannot overwrite each other unseen.</summary>
public sealed record PopulationEntry(Guid Id, int Year, UnitGeneration Generation, string Code, UnitLevel Level, string Unit, long Inhabitants, long Version)
{
    /// <summary>The stream of a unit's figure for a year: derived from the year and the unit, so the first entry needs no look-up.</summary>
    public static Guid StreamIdFor(int year, AdministrativeUnit unit) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"population|{year}|{Codes.Of(unit.Generation)}|{unit.Code}")));

    public static PopulationEntry? Next(PopulationEntry? state, IEvent e) => e.Data switch
    {
        PopulationFigureEntered f => new(e.StreamId, f.Year, f.Generation, f.Code, f.Level, f.Unit, f.Inhabitants, e.Version),
        _ => state,
    };

    public PopulationFigure AsFigure() =>
        new($"{Year}|{Codes.Of(Generation)}|{Code}", Year, Level == UnitLevel.District ? Unit : "", Inhabitants, Generation, Code, Level, Version);
}

// Names its one event (IncludeType), as TemplateSeriesProjection does: otherwise a wasted load per stream appended to.
public sealed class PopulationEntryProjection : SingleStreamProjection<PopulationEntry, Guid>
{
    public PopulationEntryProjection() => IncludeType<PopulationFigureEntered>();

    public override PopulationEntry? Evolve(PopulationEntry? snapshot, Guid id, IEvent e) => PopulationEntry.Next(snapshot, e);
}

/// <summary>A year's figures, and the province's population density uses: the province's own figure; else the sum of
/// the current communes when every one has a figure; else the old districts (entered figures, demo seed otherwise).</summary>
public sealed record PopulationYear(int Year, long Inhabitants, string Basis, IReadOnlyList<PopulationFigureView> Figures);

public static class PopulationSeed
{
    /// <summary>Demo figures for old Lào Cai's districts (about 608,000 inhabitants); entered figures replace them.</summary>
    public static readonly IReadOnlyDictionary<string, long> ByDistrict = new Dictionary<string, long>
    {
        ["Thành phố Lào Cai"] = 128_000, ["Thị xã Sa Pa"] = 62_000, ["Huyện Bát Xát"] = 82_000, ["Huyện Mường Khương"] = 64_000,
        ["Huyện Bắc Hà"] = 66_000, ["Huyện Si Ma Cai"] = 38_000, ["Huyện Bảo Thắng"] = 110_000, ["Huyện Bảo Yên"] = 58_000,
    };

    public static long Total => ByDistrict.Values.Sum();
}

/// <summary>Pure: which unit a stored figure is for, and the province's population from a year's figures.</summary>
public static class PopulationFigures
{
    public static AdministrativeUnit? UnitOf(PopulationFigure f, ProvinceGeography geography) =>
        f is { Generation: { } g, Code: { } code } ? geography.ResolveAny(code, g).Unit : geography.ResolveAny(f.District, UnitGeneration.ThreeTier).Unit;

    public static PopulationYear Year(int year, IEnumerable<PopulationFigure> stored, ProvinceGeography geography)
    {
        var figures = stored.Select(f => (Figure: f, Unit: UnitOf(f, geography))).Where(x => x.Unit is not null)
            .GroupBy(x => (x.Unit!.Generation, x.Unit.Code)).Select(g => g.OrderByDescending(x => x.Figure.Code is not null).First()) // a coded figure wins over its uncoded predecessor
            .ToDictionary(x => (x.Unit!.Generation, x.Unit.Code), x => (x.Unit!, x.Figure.Inhabitants));
        var versions = stored.Where(f => f is { Generation: not null, Code: not null }).GroupBy(f => (f.Generation!.Value, f.Code!)).ToDictionary(g => g.Key, g => g.First().Version);
        var views = figures.Values.Select(v => (v.Item1, v.Item2, Version: versions.GetValueOrDefault((v.Item1.Generation, v.Item1.Code)))).OrderBy(v => v.Item1.Generation).ThenBy(v => v.Item1.Level).ThenBy(v => v.Item1.Code, StringComparer.Ordinal)
            .Select(v => new PopulationFigureView(year, Codes.Of(v.Item1.Generation), v.Item1.Code, v.Item1.Name, Codes.Of(v.Item1.Level), v.Item2, v.Version)).ToList();

        if (figures.TryGetValue((UnitGeneration.TwoTier, geography.Province.Code), out var province))
            return new PopulationYear(year, province.Item2, "province", views);
        if (geography.Communes.All(c => figures.ContainsKey((UnitGeneration.TwoTier, c.Code))))
            return new PopulationYear(year, geography.Communes.Sum(c => figures[(UnitGeneration.TwoTier, c.Code)].Item2), "current-communes", views);
        return new PopulationYear(year, ByOldDistrict(figures, geography).Values.Sum(), "districts-before-2025", views);
    }

    /// <summary>Inhabitants per old district name (entered, else the demo seed): density by district.</summary>
    public static IReadOnlyDictionary<string, long> ByDistrict(int year, IEnumerable<PopulationFigure> stored, ProvinceGeography geography) =>
        ByOldDistrict(stored.Select(f => (Figure: f, Unit: UnitOf(f, geography))).Where(x => x.Unit is not null)
            .GroupBy(x => (x.Unit!.Generation, x.Unit.Code)).ToDictionary(g => g.Key, g => (g.First().Unit!, g.OrderByDescending(x => x.Figure.Code is not null).First().Figure.Inhabitants)), geography);

    /// <summary>Inhabitants per current commune name, where entered: density by current commune.</summary>
    public static IReadOnlyDictionary<string, long> ByCurrentCommune(int year, IEnumerable<PopulationFigure> stored, ProvinceGeography geography) =>
        stored.Where(f => f.Year == year).Select(f => (Figure: f, Unit: UnitOf(f, geography)))
            .Where(x => x.Unit is { Generation: UnitGeneration.TwoTier, Level: UnitLevel.Commune })
            .GroupBy(x => x.Unit!.Name).ToDictionary(g => g.Key, g => g.First().Figure.Inhabitants);

    private static Dictionary<string, long> ByOldDistrict(IReadOnlyDictionary<(UnitGeneration, string), (AdministrativeUnit, long)> figures, ProvinceGeography geography) =>
        geography.OldDistricts
            .Select(d => (d.Name, Inhabitants: figures.TryGetValue((UnitGeneration.ThreeTier, d.Code), out var f) ? f.Item2 : PopulationSeed.ByDistrict.GetValueOrDefault(d.Name)))
            .Where(d => d.Inhabitants > 0).ToDictionary(d => d.Name, d => d.Inhabitants);
}

/// <summary>A figure to enter, parsed: the year, a unit of the province and a positive number of inhabitants.</summary>
public sealed record EnterPopulation(int Year, AdministrativeUnit Unit, long Inhabitants)
{
    public Guid StreamId => PopulationEntry.StreamIdFor(Year, Unit);
}

public static class PopulationDecisions
{
    /// <summary>The first entry starts the figure's stream; a correction appends to it; the same number again changes nothing.</summary>
    public static Decision Enter(PopulationEntry? current, EnterPopulation command)
    {
        var entered = new PopulationFigureEntered(command.Year, command.Unit.Generation, command.Unit.Code, command.Unit.Level, command.Unit.Name, command.Inhabitants);
        if (current is null) return Decision.Start<PopulationEntry>(command.StreamId, entered);
        return current.Inhabitants == command.Inhabitants ? Decision.Nothing : Decision.Append(command.StreamId, entered);
    }

    /// <summary>Each year's figures from <paramref name="first"/> to <paramref name="last"/>, as <see cref="LoadAsync(IQuerySession, int, CancellationToken)"/> gives one year's, in two queries.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<PopulationFigure>>> LoadAsync(IQuerySession session, int first, int last, CancellationToken ct)
    {
        var entered = await session.Query<PopulationEntry>().Where(p => p.Year >= first && p.Year <= last).ToListAsync(ct);
        var before = await session.Query<PopulationFigure>().Where(p => p.Year >= first && p.Year <= last).ToListAsync(ct);
        return Enumerable.Range(first, last - first + 1).ToDictionary(y => y, y => (IReadOnlyList<PopulationFigure>)
            [.. entered.Where(e => e.Year == y).OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => e.AsFigure()), .. before.Where(b => b.Year == y)]);
    }

    /// <summary>A year's figures: the entered ones (each a stream) first, so they win over a figure stored before figures had versions.</summary>
    public static async Task<IReadOnlyList<PopulationFigure>> LoadAsync(IQuerySession session, int year, CancellationToken ct)
    {
        var entered = await session.Query<PopulationEntry>().Where(p => p.Year == year).ToListAsync(ct);
        var before = await session.Query<PopulationFigure>().Where(p => p.Year == year).ToListAsync(ct);
        return [.. entered.OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => e.AsFigure()), .. before];
    }
}

/// <summary>The Department enters population figures per unit and year (reference data for density).</summary>
public static class CorrectPopulation
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/population/{year:int}/{unit}", async (int year, string unit, PopulationRequest body, ProvinceGeography geography,
                HttpContext http, string? generation = null) =>
            {
                var parsed = Parse(year, unit, body, generation, geography);
                var id = parsed.IsValid ? parsed.Command.StreamId : Guid.Empty;
                // An edit of a figure people read first: If-Match once it exists (428 without, 412 when stale); the first entry needs none.
                var (version, refused) = await http.RunCommandAsync(id, parsed.Rejection is { } invalid
                    ? _ => Task.FromResult<Decision>(invalid)
                    : async streams => PopulationDecisions.Enter(await streams.LoadAsync<PopulationEntry>(id), parsed.Command), IfMatch.RequiredOnceEntered);
                if (refused is not null) return refused;
                var found = parsed.Command.Unit;
                return Results.Ok(new PopulationFigureView(year, Codes.Of(found.Generation), found.Code, found.Name, Codes.Of(found.Level), body.Inhabitants!.Value, version));
            })
            .Produces<PopulationFigureView>().ProducesCommandProblems() // 404 also for a year that is not a number (no route)
            .WithTags("Provincial indicators")
            .WithSummary("Enter a unit's population for a year: any unit of the province by code or name (province; district or commune before 1 July 2025; commune since), generation=two-tier|three-tier when a code is ambiguous. A correction of an entered figure sends If-Match with its version.")
            .Writes(PlatformPolicies.DepartmentWrite);

        api.MapGet("/population/{year:int}", async (int year, IQuerySession session, ProvinceGeography geography, CancellationToken ct) =>
                year is < 2000 or > 2100
                    ? Problems.From(Rejection.Invalid("year", "must be between 2000 and 2100"))
                    : Results.Ok(PopulationFigures.Year(year, await PopulationDecisions.LoadAsync(session, year, ct), geography)))
            .Produces<PopulationYear>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound) // a year that is not a number matches no route
            .WithTags("Provincial indicators")
            .WithSummary("A year's population figures and the province's population density uses (and on what basis).")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    public static Parsed<EnterPopulation> Parse(int year, string unit, PopulationRequest body, string? generation, ProvinceGeography geography)
    {
        var errors = new FieldErrors().When(body.Inhabitants is not > 0, "inhabitants", "must be a positive number").When(year is < 2000 or > 2100, "year", "must be between 2000 and 2100");
        UnitGeneration? wanted = null;
        if (generation is not null)
        {
            if (Codes.TryParse<UnitGeneration>(generation, out var g)) wanted = g;
            else errors.Add("generation", $"must be one of: {string.Join(", ", Codes.All<UnitGeneration>())} (units before or since 1 July 2025)");
        }
        var text = VietnameseText.Clean(unit);
        if (VietnameseText.Unreadable(unit) is { } unreadable) errors.Add("unit", unreadable);
        else if (text.Length > 200) errors.Add("unit", "must be at most 200 characters");
        var match = errors.Any ? null : geography.ResolveAny(text, wanted);
        if (match is { Unit: null }) errors.Add(match);
        return Parsed<EnterPopulation>.Unless(errors, () => new EnterPopulation(year, match!.Unit!, body.Inhabitants!.Value));
    }
}
