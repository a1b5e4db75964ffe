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
public sealed record SharingRatio(string District, string Operator, int Towers, int Tenants, decimal TenantsPerTower);
/// <summary>Roadmap progress: routes and kilometres (on the ellipsoid, from each route's LineString) planned and done;
/// <c>RoutesWithoutLine</c> are routes registered as a point, counted in routes but not in kilometres.</summary>
public sealed record UndergroundingProgress(string District, int Year, int Planned, int Done, decimal PercentDone,
    decimal KmPlanned, decimal KmDone, decimal? PercentKmDone, int RoutesWithoutLine);
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
                if (units is not (null or "current" or "entered"))
                    return Problems.From(Rejection.Invalid("units", "must be current (the communes since 1 July 2025, old records mapped) or entered (as each record was entered)"));
                var sites = await session.Query<Site>().Where(s => s.Status == SiteStatus.Operational).ToListAsync(ct);
                var names = await SiteRegister.OwnersAsync(session, sites.SelectMany(s => s.Tenants.Append(s.OwnerId)), ct);
                return Results.Ok(Coverage(sites.Where(s => SiteKinds.CarriesBts(s.Kind)), id => names.GetValueOrDefault(id)?.ShortName ?? id.ToString(),
                    geography, asEntered: units == "entered"));
            })
            .Produces<CoverageReport>()
            .ProducesValidationProblem()
            .WithSummary("Operational BTS sites per commune and per operator (owner and tenants) against the full list of the province's communes, the communes covered and those with none; ?units=current (default) or entered.")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        views.MapGet("/sharing-ratio", async (IQuerySession session, CancellationToken ct) =>
            {
                var towers = await session.Query<Site>()
                    .Where(s => (s.Kind == SiteKind.GreenfieldTower || s.Kind == SiteKind.RooftopTower) && s.Status == SiteStatus.Operational).ToListAsync(ct);
                var names = await SiteRegister.OwnersAsync(session, towers.Select(t => t.OwnerId), ct);
                return Results.Ok(Ratio(towers, id => names.GetValueOrDefault(id)?.ShortName ?? id.ToString()));
            })
            .Produces<IReadOnlyList<SharingRatio>>()
            .WithSummary("Tenants per operational tower, by district and owning operator.")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        views.MapGet("/undergrounding", async (IQuerySession session, CancellationToken ct) =>
                Results.Ok(Undergrounding(await session.Query<Site>().Where(s => s.PlannedUndergroundingYear != null).ToListAsync(ct))))
            .Produces<IReadOnlyList<UndergroundingProgress>>()
            .WithSummary("Undergrounding roadmap progress by district and planned year: routes and kilometres planned and done.")
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

    public static IReadOnlyList<SharingRatio> Ratio(IEnumerable<Site> towers, Func<Guid, string> operatorName) =>
        towers.GroupBy(t => (t.Location.District, Operator: operatorName(t.OwnerId)))
            .Select(g => new SharingRatio(g.Key.District, g.Key.Operator, g.Count(), g.Sum(t => t.Tenants.Count),
                decimal.Round((decimal)g.Sum(t => t.Tenants.Count) / g.Count(), 2)))
            .OrderBy(r => r.District).ThenBy(r => r.Operator).ToList();

    public static IReadOnlyList<UndergroundingProgress> Undergrounding(IEnumerable<Site> routes) =>
        routes.Where(r => r.Status != SiteStatus.Decommissioned)
            .GroupBy(r => (r.Location.District, Year: r.PlannedUndergroundingYear!.Value))
            .Select(g =>
            {
                var kmPlanned = Km(g.Sum(r => r.LengthKm ?? 0));
                var kmDone = Km(g.Where(r => r.UndergroundedOn is not null).Sum(r => r.LengthKm ?? 0));
                return new UndergroundingProgress(g.Key.District, g.Key.Year, g.Count(), g.Count(r => r.UndergroundedOn is not null),
                    decimal.Round(100m * g.Count(r => r.UndergroundedOn is not null) / g.Count(), 1),
                    kmPlanned, kmDone, kmPlanned > 0 ? decimal.Round(100m * kmDone / kmPlanned, 1) : null, g.Count(r => r.LengthKm is null));
            })
            .OrderBy(p => p.Year).ThenBy(p => p.District).ToList();

    private static decimal Km(double km) => decimal.Round((decimal)km, 3);
}
