using System.Text.Json.Nodes;
using Marten;
using Marten.Pagination;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Confidentiality;
using Platform.Infrastructure.Coverage;

namespace Platform.Infrastructure.Sites;

/// <summary>A site as the Department sees it (exact location and tenants).</summary>
public sealed record SiteView(
    Guid Id, string Name, string Kind, Guid OwnerId, string OwnerName, Location Location, decimal? HeightMetres, int TenantCapacity,
    string Zone, string Status, string? StatusReason, IReadOnlyList<Guid> Tenants, int? PlannedUndergroundingYear, DateOnly? UndergroundedOn,
    bool OwnerNotActive, long Version);

/// <summary>A site as the public register shows it: district and commune only, no coordinates.</summary>
public sealed record PublicSiteView(Guid Id, string Kind, string OwnerName, string District, string Commune, string Zone, string Status, int Tenants, int TenantCapacity);

public sealed record SiteDetail(SiteView Site, IReadOnlyList<TimelineEntry> History);

public static class SiteRegister
{
    public const int MaxPageSize = 500;

    public static void Map(RouteGroupBuilder sites, IEndpointRouteBuilder api)
    {
        sites.MapGet("/", async (IQuerySession session, HttpContext http, IDocumentStore store, [AsParameters] SiteFilter requested) =>
            {
                if (requested.Validate() is { } invalid) return Problems.From(invalid);
                // A representative sees exact locations of its own enterprise's sites only.
                var filter = http.User.RepresentedEnterprise() is { } own ? requested with { OwnerId = own } : requested;
                var page = await filter.Apply(session.Query<Site>()).OrderBy(s => s.Name).ToPagedListAsync(filter.Page, filter.PageSize, http.RequestAborted);
                await RestrictedReads.RecordAsync(store, http, $"site register page {filter.Page} (exact locations)");
                var owners = await OwnersAsync(session, page.Select(s => s.OwnerId), http.RequestAborted);
                return Results.Ok(new PageOf<SiteView>(page.Select(s => ToView(s, owners)).ToList(), page.TotalItemCount, filter.Page, filter.PageSize));
            })
            .Produces<PageOf<SiteView>>()
            .WithSummary("The Department's site register with exact locations (every read is logged); filters and paging. Representatives see their own sites.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        sites.MapGet("/{id:guid}", async (Guid id, IQuerySession session, IDocumentStore store, HttpContext http) =>
            {
                var ct = http.RequestAborted;
                if (await session.LoadAsync<Site>(id, ct) is not { } site) return Problems.From(Rejection.NotFound($"No site with id {id}."));
                if (!await HasLegitimateInterestAsync(session, http.User, site, ct)) return Results.Forbid();
                await RestrictedReads.RecordAsync(store, http, "site detail (exact location)", siteId: id);
                var owners = await OwnersAsync(session, [site.OwnerId], ct);
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                StreamVersion.SetETag(http.Response, site.Version);
                return Results.Ok(new SiteDetail(ToView(site, owners), TimelineEntry.Of(events)));
            })
            .Produces<SiteDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One site with its full timeline; the ETag is its stream version. The read is logged. Representatives: their own sites, sites they rent, sites they asked to share.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        api.MapGet("/public/sites", async (IQuerySession session, CancellationToken ct, [AsParameters] SiteFilter filter) =>
            {
                if (filter.Validate() is { } invalid) return Problems.From(invalid);
                var page = await filter.Apply(session.Query<Site>()).OrderBy(s => s.Location.District).ThenBy(s => s.Name).ToPagedListAsync(filter.Page, filter.PageSize, ct);
                var owners = await OwnersAsync(session, page.Select(s => s.OwnerId), ct);
                return Results.Ok(new PageOf<PublicSiteView>(page.Select(s => new PublicSiteView(s.Id, Codes.Of(s.Kind), owners.GetValueOrDefault(s.OwnerId)?.ShortName ?? "",
                    s.Location.District, s.Location.Commune, Codes.Of(s.Zone), Codes.Of(s.Status), s.Tenants.Count, s.TenantCapacity)).ToList(),
                    page.TotalItemCount, filter.Page, filter.PageSize));
            })
            .Produces<PageOf<PublicSiteView>>()
            .WithTags("Public register")
            .WithSummary("The public register: district and commune only, no coordinates or terms.")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        api.MapGet("/sites.geojson", async (IQuerySession session, IDocumentStore store, HttpContext http, [AsParameters] SiteFilter filter) =>
            {
                if (filter.Validate() is { } invalid) return Problems.From(invalid);
                var all = await filter.Apply(session.Query<Site>()).OrderBy(s => s.Name).ToListAsync(http.RequestAborted);
                await RestrictedReads.RecordAsync(store, http, $"GeoJSON export of {all.Count} sites (exact locations)");
                var owners = await OwnersAsync(session, all.Select(s => s.OwnerId), http.RequestAborted);
                return Results.Text(ToGeoJson(all, owners).ToJsonString(), "application/geo+json");
            })
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, "application/geo+json")
            .WithTags("Sites")
            .WithSummary("The filtered sites as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]) for any map. The read is logged.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    /// <summary>Exact location and terms: the Department and auditors, and enterprises with a legitimate
    /// interest in the site (owner, tenant, or party to a sharing request on it).</summary>
    private static async Task<bool> HasLegitimateInterestAsync(IQuerySession session, System.Security.Claims.ClaimsPrincipal user, Site site, CancellationToken ct)
    {
        if (user.ReadsEverything()) return true;
        if (user.RepresentedEnterprise() is not { } own) return false;
        if (site.OwnerId == own || site.Tenants.Contains(own)) return true;
        return await session.Query<Sharing.SharingRequest>().AnyAsync(r => r.SiteId == site.Id && r.RequesterId == own, ct);
    }

    public static JsonObject ToGeoJson(IEnumerable<Site> sites, IReadOnlyDictionary<Guid, KnownEnterprise> owners) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(sites.Select(s => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = s.Id.ToString(),
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(s.Location.Longitude, s.Location.Latitude) },
            ["properties"] = new JsonObject
            {
                ["name"] = s.Name, ["kind"] = Codes.Of(s.Kind), ["owner"] = owners.GetValueOrDefault(s.OwnerId)?.ShortName,
                ["ownerId"] = s.OwnerId.ToString(), ["district"] = s.Location.District, ["commune"] = s.Location.Commune,
                ["status"] = Codes.Of(s.Status), ["zone"] = Codes.Of(s.Zone), ["tenants"] = s.Tenants.Count, ["tenantCapacity"] = s.TenantCapacity,
            },
        }).ToArray()),
    };

    public static async Task<IReadOnlyDictionary<Guid, KnownEnterprise>> OwnersAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct) =>
        (await session.LoadManyAsync<KnownEnterprise>(ct, ids.Distinct().ToArray())).ToDictionary(k => k.Id);

    private static SiteView ToView(Site s, IReadOnlyDictionary<Guid, KnownEnterprise> owners)
    {
        var owner = owners.GetValueOrDefault(s.OwnerId);
        return new SiteView(s.Id, s.Name, Codes.Of(s.Kind), s.OwnerId, owner?.ShortName ?? "", s.Location, s.HeightMetres, s.TenantCapacity,
            Codes.Of(s.Zone), Codes.Of(s.Status), s.StatusReason, s.Tenants, s.PlannedUndergroundingYear, s.UndergroundedOn,
            OwnerNotActive: owner is { IsActive: false }, s.Version);
    }
}

/// <summary>The register's filters; names are the query-string parameters.</summary>
public sealed record SiteFilter(string? Kind, Guid? OwnerId, string? District, string? Commune, string? Status, string? Zone, int Page = 1, int PageSize = 50)
{
    public Rejection? Validate()
    {
        var errors = new FieldErrors()
            .When(Kind is not null && !Codes.TryParse<SiteKind>(Kind, out _), "kind", $"must be one of: {string.Join(", ", Codes.All<SiteKind>())}")
            .When(Status is not null && !Codes.TryParse<SiteStatus>(Status, out _), "status", $"must be one of: {string.Join(", ", Codes.All<SiteStatus>())}")
            .When(Zone is not null && !Codes.TryParse<PlanZone>(Zone, out _), "zone", $"must be one of: {string.Join(", ", Codes.All<PlanZone>())}")
            .When(District is not null && AdministrativeUnits.District(District) is null, "district", "is not a district of the province")
            .When(Page < 1, "page", "must be 1 or more")
            .When(PageSize is < 1 or > SiteRegister.MaxPageSize, "pageSize", $"must be between 1 and {SiteRegister.MaxPageSize}");
        return errors.Any ? errors.ToRejection() : null;
    }

    public IQueryable<Site> Apply(IQueryable<Site> query)
    {
        if (Codes.TryParse<SiteKind>(Kind, out var kind)) query = query.Where(s => s.Kind == kind);
        if (Codes.TryParse<SiteStatus>(Status, out var status)) query = query.Where(s => s.Status == status);
        if (Codes.TryParse<PlanZone>(Zone, out var zone)) query = query.Where(s => s.Zone == zone);
        if (OwnerId is { } owner) query = query.Where(s => s.OwnerId == owner);
        if (AdministrativeUnits.District(District) is { } district)
        {
            query = query.Where(s => s.Location.District == district);
            if (AdministrativeUnits.Commune(district, Commune) is { } commune) query = query.Where(s => s.Location.Commune == commune);
        }
        return query;
    }
}
