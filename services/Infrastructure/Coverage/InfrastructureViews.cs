using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Geography;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Coverage;

public sealed record CommuneCoverage(string Code, string Generation, string District, string Commune, int OperationalBtsSites, IReadOnlyDictionary<string, int> ByOperator);
/// <summary>Coverage against the full list of the province's communes: <c>Units</c> "current" (every record counted in
/// the commune it lies in since 1 July 2025) or "entered" (each record in the unit it was entered with, against both
/// generations' lists). <c>SitesWithoutCommune</c>: sites whose names the start-up coding could not match.</summary>
public sealed record CoverageReport(string Units, string Province, int Communes, int CommunesCovered, int CommunesWithoutBts,
    IReadOnlyList<CommuneCoverage> ByCommune, IReadOnlyList<string> CommunesWithNone, int SitesWithoutCommune);
/// <summary>Tenants per tower in one area: with <c>units=entered</c> the district a tower was entered with (before 1 July 2025),
/// or its commune when it was entered with a current one; with <c>units=current</c> the current commune (<c>CommuneCode</c>,
/// <c>Commune</c>) every coded record lies in now. Records not yet coded keep the district as typed in both.</summary>
public sealed record SharingRatio(string District, string Operator, int Towers, int Tenants, decimal TenantsPerTower,
    string? CommuneCode = null, string? Commune = null);
/// <summary>Roadmap progress: routes and kilometres (on the ellipsoid, from each route's LineString) planned and done;
/// <c>RoutesWithoutLine</c> are routes registered as a point, counted in routes but not in kilometres.</summary>
public sealed record UndergroundingProgress(string District, int Year, int Planned, int Done, decimal PercentDone,
    decimal KmPlanned, decimal KmDone, decimal? PercentKmDone, int RoutesWithoutLine, string? CommuneCode = null, string? Commune = null);

/// <summary>The area a record is counted in by the views that group by place (<see cref="InfrastructureViews.AreaOf"/>).</summary>
public readonly record struct Area(string District, string? CommuneCode, string? Commune);
public sealed record DepartmentFlag(string Kind, Guid Id, Guid EnterpriseId, string EnterpriseName, string EnterpriseStatus, string? Reason);

/// <summary>The province-wide views: coverage per commune, sharing ratio, undergrounding roadmap,
/// and what the Department must look at because an enterprise is no longer active. All are computed
/// from the inline site and request documents at query time, so they are never stale.</summary>
public static class InfrastructureViews
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var views = api.MapGroup("").WithTags("Province views");

        views.MapGet("/coverage", async (IQuerySession session, ProvinceGeography geography, CancellationToken ct, string? units) =>
            {
                if (UnitsProblem(units) is { } problem) return problem;
                var sites = await session.Query<Site>().Where(s => s.Status == SiteStatus.Operational).ToListAsync(ct);
                var names = await SiteRegister.OwnersAsync(session, sites.SelectMany(s => s.Tenants.Append(s.OwnerId)), ct);
                return Results.Ok(Coverage(sites.Where(s => SiteKinds.CarriesBts(s.Kind)), id => names.GetValueOrDefault(id)?.ShortName ?? id.ToString(),
                    geography, asEntered: units == "entered"));
            })
            .Produces<CoverageReport>()
            .ProducesValidationProblem()
            .WithSummary("Operational BTS sites per commune and per operator (owner and tenants) against the full list of the province's communes, the communes covered and those with none; ?units=current (default) or entered.")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        views.MapGet("/sharing-ratio", async (IQuerySession session, ProvinceGeography geography, CancellationToken ct, string? units) =>
            {
                if (UnitsProblem(units) is { } problem) return problem;
                var towers = await session.Query<Site>()
                    .Where(s => (s.Kind == SiteKind.GreenfieldTower || s.Kind == SiteKind.RooftopTower) && s.Status == SiteStatus.Operational).ToListAsync(ct);
                var names = await SiteRegister.OwnersAsync(session, towers.Select(t => t.OwnerId), ct);
                return Results.Ok(Ratio(towers, id => names.GetValueOrDefault(id)?.ShortName ?? id.ToString(), geography, current: units == "current"));
            })
            .Produces<IReadOnlyList<SharingRatio>>()
            .ProducesValidationProblem()
            .WithSummary("Tenants per operational tower, by area and owning operator; ?units=entered (default: the district, or the current commune, each tower was entered with) or current (the current communes, old records mapped).")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        views.MapGet("/undergrounding", async (IQuerySession session, ProvinceGeography geography, CancellationToken ct, string? units) =>
                UnitsProblem(units) ?? Results.Ok(Undergrounding(await session.Query<Site>().Where(s => s.PlannedUndergroundingYear != null).ToListAsync(ct),
                    geography, current: units == "current")))
            .Produces<IReadOnlyList<UndergroundingProgress>>()
            .ProducesValidationProblem()
            .WithSummary("Undergrounding roadmap progress by area and planned year: routes and kilometres planned and done; ?units=entered (default) or current, as for the sharing ratio.")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        views.MapGet("/flags", async (IQuerySession session, CancellationToken ct) =>
            {
                var inactive = await session.Query<KnownEnterprise>().Where(k => k.Status != KnownEnterprise.Active).ToListAsync(ct);
                var ids = inactive.Select(k => k.Id).ToArray();
                var sites = await session.Query<Site>().Where(s => ids.Contains(s.OwnerId) && s.Status != SiteStatus.Decommissioned).ToListAsync(ct);
                var requests = await session.Query<SharingRequest>()
                    .Where(r => (ids.Contains(r.OwnerId) || ids.Contains(r.RequesterId))
                                && (r.Status == SharingStatus.Submitted || r.Status == SharingStatus.Offered || r.Status == SharingStatus.Disputed))
                    .ToListAsync(ct);
                var byId = inactive.ToDictionary(k => k.Id);
                DepartmentFlag Flag(string kind, Guid id, KnownEnterprise k) => new(kind, id, k.Id, k.ShortName, k.Status, k.StatusReason);
                return Results.Ok(sites.Select(s => Flag("site-owner-not-active", s.Id, byId[s.OwnerId]))
                    .Concat(requests.Select(r => Flag("request-party-not-active", r.Id, byId.GetValueOrDefault(r.OwnerId) ?? byId[r.RequesterId])))
                    .ToList());
            })
            .Produces<List<DepartmentFlag>>()
            .WithSummary("Sites and open sharing requests of enterprises the Registry suspended or ceased, for the Department.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    public static CoverageReport Coverage(IEnumerable<Site> btsSites, Func<Guid, string> operatorName, ProvinceGeography geography, bool asEntered = false)
    {
        var sites = btsSites.ToList();
        // Each site's unit: the one it was entered with, or the current commune that unit (and its point) lies in now.
        (UnitGeneration, string)? UnitOf(Site s) => s.Location is { CommuneCode: { } code, Generation: { } generation }
            ? asEntered ? (generation, code)
                : geography.CurrentCommune(generation, code, s.Location.Latitude, s.Location.Longitude) is { } now ? (UnitGeneration.TwoTier, now.Code) : null
            : null;
        var byUnit = sites.Select(s => (Site: s, Unit: UnitOf(s))).Where(x => x.Unit is not null).ToLookup(x => x.Unit!.Value, x => x.Site);
        var list = asEntered ? geography.OldCommunes.Concat(geography.Communes) : geography.Communes;
        var rows = list.Select(c =>
        {
            var here = byUnit[(c.Generation, c.Code)].ToList();
            var byOperator = here.SelectMany(s => s.Tenants.Append(s.OwnerId)).GroupBy(operatorName).ToDictionary(g => g.Key, g => g.Count());
            var district = c.Generation == UnitGeneration.ThreeTier ? geography.OldDistricts.First(d => d.Code == c.ParentCode).Name : "";
            return new CommuneCoverage(c.Code, Codes.Of(c.Generation), district, c.Name, here.Count, byOperator);
        }).ToList();
        var none = rows.Where(r => r.OperationalBtsSites == 0).Select(r => r.District.Length > 0 ? $"{r.Commune}, {r.District}" : r.Commune).ToList();
        return new CoverageReport(asEntered ? "entered" : "current", geography.Province.Name, rows.Count, rows.Count - none.Count, none.Count, rows, none,
            sites.Count(s => UnitOf(s) is null));
    }

    private static IResult? UnitsProblem(string? units) => units is null or "current" or "entered" ? null
        : Problems.From(Rejection.Invalid("units", "must be current (the communes since 1 July 2025, old records mapped) or entered (as each record was entered)"));

    /// <summary>Where a site is counted: as entered (its old district, or the current commune it was entered with), or
    /// (<paramref name="current"/>) the current commune its unit and point lie in now. Uncoded records: their district as typed.</summary>
    public static Area AreaOf(Site s, ProvinceGeography geography, bool current)
    {
        if (s.Location is not { CommuneCode: { } code, Generation: { } generation }) return new(s.Location.District, null, null);
        if (current)
            return geography.CurrentCommune(generation, code, s.Location.Latitude, s.Location.Longitude) is { } now
                ? new("", now.Code, now.Name) : new(s.Location.District, null, null);
        return generation == UnitGeneration.TwoTier ? new("", code, s.Location.Commune) : new(s.Location.District, null, null);
    }

    public static IReadOnlyList<SharingRatio> Ratio(IEnumerable<Site> towers, Func<Guid, string> operatorName, ProvinceGeography geography, bool current = false) =>
        towers.GroupBy(t => (Area: AreaOf(t, geography, current), Operator: operatorName(t.OwnerId)))
            .Select(g => new SharingRatio(g.Key.Area.District, g.Key.Operator, g.Count(), g.Sum(t => t.Tenants.Count),
                decimal.Round((decimal)g.Sum(t => t.Tenants.Count) / g.Count(), 2), g.Key.Area.CommuneCode, g.Key.Area.Commune))
            .OrderBy(r => r.District).ThenBy(r => r.Commune).ThenBy(r => r.Operator).ToList();

    public static IReadOnlyList<UndergroundingProgress> Undergrounding(IEnumerable<Site> routes, ProvinceGeography geography, bool current = false) =>
        routes.Where(r => r.Status != SiteStatus.Decommissioned)
            .GroupBy(r => (Area: AreaOf(r, geography, current), Year: r.PlannedUndergroundingYear!.Value))
            .Select(g =>
            {
                var kmPlanned = Km(g.Sum(r => r.LengthKm ?? 0));
                var kmDone = Km(g.Where(r => r.UndergroundedOn is not null).Sum(r => r.LengthKm ?? 0));
                return new UndergroundingProgress(g.Key.Area.District, g.Key.Year, g.Count(), g.Count(r => r.UndergroundedOn is not null),
                    decimal.Round(100m * g.Count(r => r.UndergroundedOn is not null) / g.Count(), 1),
                    kmPlanned, kmDone, kmPlanned > 0 ? decimal.Round(100m * kmDone / kmPlanned, 1) : null, g.Count(r => r.LengthKm is null),
                    g.Key.Area.CommuneCode, g.Key.Area.Commune);
            })
            .OrderBy(p => p.Year).ThenBy(p => p.District).ThenBy(p => p.Commune).ToList();

    private static decimal Km(double km) => decimal.Round((decimal)km, 3);
}
