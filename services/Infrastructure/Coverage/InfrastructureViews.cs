using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Coverage;

public sealed record CommuneCoverage(string District, string Commune, int OperationalBtsSites, IReadOnlyDictionary<string, int> ByOperator);
public sealed record CoverageReport(int Communes, int CommunesWithoutBts, IReadOnlyList<CommuneCoverage> ByCommune, IReadOnlyList<string> CommunesWithNone);
public sealed record SharingRatio(string District, string Operator, int Towers, int Tenants, decimal TenantsPerTower);
public sealed record UndergroundingProgress(string District, int Year, int Planned, int Done, decimal PercentDone);
public sealed record DepartmentFlag(string Kind, Guid Id, Guid EnterpriseId, string EnterpriseName, string EnterpriseStatus, string? Reason);

/// <summary>The province-wide views: coverage per commune, sharing ratio, undergrounding roadmap,
/// and what the Department must look at because an enterprise is no longer active. All are computed
/// from the inline site and request documents at query time, so they are never stale.</summary>
public static class InfrastructureViews
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var views = api.MapGroup("").WithTags("Province views");

        views.MapGet("/coverage", async (IQuerySession session, CancellationToken ct) =>
            {
                var sites = await session.Query<Site>().Where(s => s.Status == SiteStatus.Operational).ToListAsync(ct);
                var names = await SiteRegister.OwnersAsync(session, sites.SelectMany(s => s.Tenants.Append(s.OwnerId)), ct);
                return Results.Ok(Coverage(sites.Where(s => SiteKinds.CarriesBts(s.Kind)), id => names.GetValueOrDefault(id)?.ShortName ?? id.ToString()));
            })
            .Produces<CoverageReport>()
            .WithSummary("Operational BTS sites per commune and per operator (owner and tenants), and the communes with none.")
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
            .WithSummary("Undergrounding roadmap progress by district and planned year.")
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

    public static CoverageReport Coverage(IEnumerable<Site> btsSites, Func<Guid, string> operatorName)
    {
        var byCommune = btsSites.GroupBy(s => (s.Location.District, s.Location.Commune)).ToDictionary(g => g.Key, g => g.ToList());
        var rows = AdministrativeUnits.Districts.SelectMany(d => d.Value.Select(c =>
        {
            var sites = byCommune.GetValueOrDefault((d.Key, c)) ?? [];
            var byOperator = sites.SelectMany(s => s.Tenants.Append(s.OwnerId)).GroupBy(operatorName).ToDictionary(g => g.Key, g => g.Count());
            return new CommuneCoverage(d.Key, c, sites.Count, byOperator);
        })).ToList();
        var none = rows.Where(r => r.OperationalBtsSites == 0).Select(r => $"{r.Commune}, {r.District}").ToList();
        return new CoverageReport(rows.Count, none.Count, rows, none);
    }

    public static IReadOnlyList<SharingRatio> Ratio(IEnumerable<Site> towers, Func<Guid, string> operatorName) =>
        towers.GroupBy(t => (t.Location.District, Operator: operatorName(t.OwnerId)))
            .Select(g => new SharingRatio(g.Key.District, g.Key.Operator, g.Count(), g.Sum(t => t.Tenants.Count),
                decimal.Round((decimal)g.Sum(t => t.Tenants.Count) / g.Count(), 2)))
            .OrderBy(r => r.District).ThenBy(r => r.Operator).ToList();

    public static IReadOnlyList<UndergroundingProgress> Undergrounding(IEnumerable<Site> routes) =>
        routes.Where(r => r.Status != SiteStatus.Decommissioned)
            .GroupBy(r => (r.Location.District, Year: r.PlannedUndergroundingYear!.Value))
            .Select(g => new UndergroundingProgress(g.Key.District, g.Key.Year, g.Count(), g.Count(r => r.UndergroundedOn is not null),
                decimal.Round(100m * g.Count(r => r.UndergroundedOn is not null) / g.Count(), 1)))
            .OrderBy(p => p.Year).ThenBy(p => p.District).ToList();
}
