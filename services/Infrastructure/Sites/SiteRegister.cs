using Platform.Contracts.Api;
using System.Text.Json.Nodes;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Confidentiality;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;

namespace Platform.Infrastructure.Sites;

/// <summary>A current commune (since 1 July 2025): official code and name.</summary>
public sealed record CommuneRef(string Code, string Name);

/// <summary>A site as the Department sees it (exact location and tenants). <c>Location</c> is as entered (with its
/// unit's code and generation); <c>CurrentCommune</c> the commune it counts for since 1 July 2025. A duct or cable
/// route has its <c>Route</c> (GeoJSON LineString positions, [longitude, latitude]) and <c>LengthKm</c> on the ellipsoid.
/// <c>Warnings</c>: what registration noticed (a point outside the declared commune).</summary>
public sealed record SiteView(
    Guid Id, string Name, string Kind, Guid OwnerId, string OwnerName, Location Location, decimal? HeightMetres, int TenantCapacity,
    string Zone, string Status, string? StatusReason, IReadOnlyList<Guid> Tenants, int? PlannedUndergroundingYear, DateOnly? UndergroundedOn,
    bool OwnerNotActive, long Version, CommuneRef? CurrentCommune, double[][]? Route, double? LengthKm, IReadOnlyList<string> Warnings);

/// <summary>A site as the public register shows it: district and commune only (as entered, and the current commune), no coordinates.</summary>
public sealed record PublicSiteView(Guid Id, string Kind, string OwnerName, string District, string Commune, string Zone, string Status, int Tenants, int TenantCapacity,
    string? CommuneCode, CommuneRef? CurrentCommune);

public sealed record SiteDetail(SiteView Site, IReadOnlyList<TimelineEntry> History);

public static class SiteRegister
{
    public const int MaxPageSize = 500;

    public static void Map(RouteGroupBuilder sites, IEndpointRouteBuilder api)
    {
        sites.MapGet("/", async (IQuerySession session, HttpContext http, IDocumentStore store, ProvinceGeography geography, [AsParameters] SiteFilter requested,
                string? format = null) =>
            {
                if (requested.Validate(geography) is { } invalid) return Problems.From(invalid);
                if (TableExport.Choose(http.Request, format) is not { } form) return Problems.From(TableExport.BadFormat);
                // A representative sees exact locations of its own enterprise's sites only.
                var filter = http.User.RepresentedEnterprise() is { } own ? requested with { OwnerId = own } : requested;
                if (form != TableFormat.Json)
                {
                    // A download is every filtered site, not a page; logged like the list, since it carries the same locations.
                    var all = await filter.Apply(session.Query<Site>(), geography).OrderBy(s => s.Name).ToListAsync(http.RequestAborted);
                    await RestrictedReads.RecordAsync(store, http, $"site register {Codes.Of(form)} export of {all.Count} sites (exact locations)");
                    var allOwners = await OwnersAsync(session, all.Select(s => s.OwnerId), http.RequestAborted);
                    return TableExport.File(http.Request, form, "so-dang-ky-cong-trinh",
                        Table.Of("Công trình hạ tầng", Columns, all.Select(s => ToView(s, allOwners, geography))));
                }
                // Pages.OfAsync, not Marten's paged list: a page past the end keeps the list's total.
                var page = await Pages.OfAsync(filter.Apply(session.Query<Site>(), geography).OrderBy(s => s.Name).ThenBy(s => s.Id), filter.Page, filter.PageSize, http.RequestAborted);
                await RestrictedReads.RecordAsync(store, http, $"site register page {filter.Page} (exact locations)");
                var owners = await OwnersAsync(session, page.Items.Select(s => s.OwnerId), http.RequestAborted);
                return Results.Ok(new PageOf<SiteView>(page.Items.Select(s => ToView(s, owners, geography)).ToList(), page.Total, filter.Page, filter.PageSize));
            })
            .Produces<PageOf<SiteView>>()
            .ProducesTables()
            .WithSummary("The Department's site register with exact locations (every read is logged); filters and paging. Representatives see their own sites. As CSV or XLSX (format=csv|xlsx or Accept): every filtered site, Vietnamese headers (English with Accept-Language: en), logged the same way.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        sites.MapGet("/{id:guid}", async (Guid id, IQuerySession session, IDocumentStore store, ProvinceGeography geography, HttpContext http) =>
            {
                var ct = http.RequestAborted;
                if (await session.LoadAsync<Site>(id, ct) is not { } site) return Problems.From(Rejection.NotFound($"No site with id {id}."));
                if (!await HasLegitimateInterestAsync(session, http.User, site, ct)) return Results.Forbid();
                await RestrictedReads.RecordAsync(store, http, "site detail (exact location)", siteId: id);
                var owners = await OwnersAsync(session, [site.OwnerId], ct);
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                StreamVersion.SetETag(http.Response, site.Version);
                return Results.Ok(new SiteDetail(ToView(site, owners, geography), Timeline.Of(events)));
            })
            .Produces<SiteDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One site with its full timeline; the ETag is its stream version. The read is logged. Representatives: their own sites, sites they rent, sites they asked to share.")
            .RequireAuthorization(PlatformPolicies.EnterpriseRead);

        api.MapGet("/public/sites", async (IQuerySession session, ProvinceGeography geography, CancellationToken ct, [AsParameters] SiteFilter filter) =>
            {
                if (filter.Validate(geography) is { } invalid) return Problems.From(invalid);
                var page = await Pages.OfAsync(filter.Apply(session.Query<Site>(), geography).OrderBy(s => s.Location.District).ThenBy(s => s.Name).ThenBy(s => s.Id),
                    filter.Page, filter.PageSize, ct);
                var owners = await OwnersAsync(session, page.Items.Select(s => s.OwnerId), ct);
                return Results.Ok(new PageOf<PublicSiteView>(page.Items.Select(s => new PublicSiteView(s.Id, Codes.Of(s.Kind), owners.GetValueOrDefault(s.OwnerId)?.ShortName ?? "",
                    s.Location.District, s.Location.Commune, Codes.Of(s.Zone), Codes.Of(s.Status), s.Tenants.Count, s.TenantCapacity,
                    s.Location.CommuneCode, CurrentCommune(s, geography))).ToList(),
                    page.Total, filter.Page, filter.PageSize));
            })
            .Produces<PageOf<PublicSiteView>>()
            .WithTags("Public register")
            .WithSummary("The public register: district and commune only, no coordinates or terms.")
            .RequireAuthorization(PlatformPolicies.PublicRead);

        api.MapGet("/sites.geojson", async (IQuerySession session, IDocumentStore store, ProvinceGeography geography, HttpContext http, [AsParameters] SiteFilter filter) =>
            {
                if (filter.Validate(geography) is { } invalid) return Problems.From(invalid);
                var all = await filter.Apply(session.Query<Site>(), geography).OrderBy(s => s.Name).ToListAsync(http.RequestAborted);
                await RestrictedReads.RecordAsync(store, http, $"GeoJSON export of {all.Count} sites (exact locations)");
                var owners = await OwnersAsync(session, all.Select(s => s.OwnerId), http.RequestAborted);
                return Results.Text(ToGeoJson(all, owners, geography).ToJsonString(), "application/geo+json");
            })
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, "application/geo+json")
            .WithTags("Sites")
            .WithSummary("The filtered sites as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]) for any map: Points, and LineStrings for ducts and cable routes with their length in km; each with its commune as entered and its current commune. The read is logged.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
    }

    /// <summary>The register's columns in a download: the list's fields, exact location included.</summary>
    public static readonly IReadOnlyList<Column<SiteView>> Columns =
    [
        new("Tên công trình", "Name", s => s.Name),
        new("Loại công trình", "Kind", s => s.Kind),
        new("Doanh nghiệp sở hữu", "Owner", s => s.OwnerName),
        new("Huyện (khi đăng ký)", "District (as entered)", s => s.Location.District),
        new("Xã (khi đăng ký)", "Commune (as entered)", s => s.Location.Commune),
        new("Xã hiện nay", "Current commune", s => s.CurrentCommune?.Name),
        new("Địa chỉ", "Address", s => s.Location.Address),
        new("Vĩ độ", "Latitude", s => s.Location.Latitude),
        new("Kinh độ", "Longitude", s => s.Location.Longitude),
        new("Chiều cao (m)", "Height (m)", s => s.HeightMetres),
        new("Số doanh nghiệp thuê", "Tenants", s => s.Tenants.Count),
        new("Số doanh nghiệp thuê tối đa", "Tenant capacity", s => s.TenantCapacity),
        new("Quy hoạch", "Plan zone", s => s.Zone),
        new("Trạng thái", "Status", s => s.Status),
        new("Năm dự kiến ngầm hóa", "Planned undergrounding year", s => s.PlannedUndergroundingYear),
        new("Ngày ngầm hóa", "Undergrounded on", s => s.UndergroundedOn),
        new("Chiều dài (km)", "Length (km)", s => s.LengthKm),
        new("Mã định danh", "Id", s => s.Id.ToString()),
    ];

    /// <summary>Exact location and terms: the Department and auditors, and enterprises with a legitimate
    /// interest in the site (owner, tenant, or party to a sharing request on it).</summary>
    private static async Task<bool> HasLegitimateInterestAsync(IQuerySession session, System.Security.Claims.ClaimsPrincipal user, Site site, CancellationToken ct)
    {
        if (user.ReadsEverything()) return true;
        if (user.RepresentedEnterprise() is not { } own) return false;
        if (site.OwnerId == own || site.Tenants.Contains(own)) return true;
        return await session.Query<Sharing.SharingRequest>().AnyAsync(r => r.SiteId == site.Id && r.RequesterId == own, ct);
    }

    public static JsonObject ToGeoJson(IEnumerable<Site> sites, IReadOnlyDictionary<Guid, KnownEnterprise> owners, ProvinceGeography geography) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(sites.Select(s => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = s.Id.ToString(),
            ["geometry"] = s.Route is { Count: > 1 } route
                ? new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(route.Select(p => (JsonNode)new JsonArray(p.Longitude, p.Latitude)).ToArray()) }
                : new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(s.Location.Longitude, s.Location.Latitude) },
            ["properties"] = new JsonObject
            {
                ["name"] = s.Name, ["kind"] = Codes.Of(s.Kind), ["owner"] = owners.GetValueOrDefault(s.OwnerId)?.ShortName,
                ["ownerId"] = s.OwnerId.ToString(), ["district"] = s.Location.District, ["commune"] = s.Location.Commune,
                ["communeCode"] = s.Location.CommuneCode, ["generation"] = s.Location.Generation is { } g ? Codes.Of(g) : null,
                ["currentCommuneCode"] = CurrentCommune(s, geography)?.Code, ["currentCommune"] = CurrentCommune(s, geography)?.Name,
                ["lengthKm"] = s.LengthKm,
                ["status"] = Codes.Of(s.Status), ["zone"] = Codes.Of(s.Zone), ["tenants"] = s.Tenants.Count, ["tenantCapacity"] = s.TenantCapacity,
            },
        }).ToArray()),
    };

    /// <summary>The commune a site counts for since 1 July 2025 (its own, or the one its old commune and point went into).</summary>
    public static CommuneRef? CurrentCommune(Site s, ProvinceGeography geography) =>
        s.Location is { CommuneCode: { } code, Generation: { } generation }
        && geography.CurrentCommune(generation, code, s.Location.Latitude, s.Location.Longitude) is { } now ? new CommuneRef(now.Code, now.Name) : null;

    public static async Task<IReadOnlyDictionary<Guid, KnownEnterprise>> OwnersAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct) =>
        (await session.LoadManyAsync<KnownEnterprise>(ct, ids.Distinct().ToArray())).ToDictionary(k => k.Id);

    private static SiteView ToView(Site s, IReadOnlyDictionary<Guid, KnownEnterprise> owners, ProvinceGeography geography)
    {
        var owner = owners.GetValueOrDefault(s.OwnerId);
        return new SiteView(s.Id, s.Name, Codes.Of(s.Kind), s.OwnerId, owner?.ShortName ?? "", s.Location, s.HeightMetres, s.TenantCapacity,
            Codes.Of(s.Zone), Codes.Of(s.Status), s.StatusReason, s.Tenants, s.PlannedUndergroundingYear, s.UndergroundedOn,
            OwnerNotActive: owner is { IsActive: false }, s.Version, CurrentCommune(s, geography),
            s.Route?.Select(p => new[] { p.Longitude, p.Latitude }).ToArray(), s.LengthKm, s.Warnings ?? []);
    }
}

/// <summary>The register's filters; names are the query-string parameters. <c>commune</c> is a code or name: with
/// <c>district</c> a commune before 1 July 2025 (the sites entered with it), without one a current commune (the sites
/// entered with it and those entered with the old communes that went into it).</summary>
public sealed record SiteFilter(string? Kind, Guid? OwnerId, string? District, string? Commune, string? Status, string? Zone, int Page = 1, int PageSize = 50)
{
    public Rejection? Validate(ProvinceGeography geography)
    {
        var errors = new FieldErrors()
            .When(Kind is not null && !Codes.TryParse<SiteKind>(Kind, out _), "kind", $"must be one of: {string.Join(", ", Codes.All<SiteKind>())}")
            .When(Status is not null && !Codes.TryParse<SiteStatus>(Status, out _), "status", $"must be one of: {string.Join(", ", Codes.All<SiteStatus>())}")
            .When(Zone is not null && !Codes.TryParse<PlanZone>(Zone, out _), "zone", $"must be one of: {string.Join(", ", Codes.All<PlanZone>())}")
            .When(Page < 1, "page", "must be 1 or more")
            .When(PageSize is < 1 or > SiteRegister.MaxPageSize, "pageSize", $"must be between 1 and {SiteRegister.MaxPageSize}");
        if (District is not null && geography.ResolveAny(District, UnitGeneration.ThreeTier) is not { Unit.Level: UnitLevel.District })
            errors.Add("district", $"is not a district of {geography.Province.Name} before 1 July 2025",
                new FieldCode(UnitProblems.UnknownDistrict, geography.Province.Name, ProvinceGeography.Suggest(geography.OldDistricts, District)));
        else if (Commune is not null) errors.Add(geography.ResolveCommune(Commune, District));
        return errors.Any ? errors.ToRejection() : null;
    }

    public IQueryable<Site> Apply(IQueryable<Site> query, ProvinceGeography geography)
    {
        if (Codes.TryParse<SiteKind>(Kind, out var kind)) query = query.Where(s => s.Kind == kind);
        if (Codes.TryParse<SiteStatus>(Status, out var status)) query = query.Where(s => s.Status == status);
        if (Codes.TryParse<PlanZone>(Zone, out var zone)) query = query.Where(s => s.Zone == zone);
        if (OwnerId is { } owner) query = query.Where(s => s.OwnerId == owner);
        if (District is not null && geography.ResolveAny(District, UnitGeneration.ThreeTier).Unit is { Level: UnitLevel.District } district)
            query = query.Where(s => s.Location.District == district.Name);
        if (Commune is not null && geography.ResolveCommune(Commune, District).Unit is { } commune)
        {
            var code = commune.Code;
            if (commune.Generation == UnitGeneration.ThreeTier)
                query = query.Where(s => s.Location.Generation == UnitGeneration.ThreeTier && s.Location.CommuneCode == code);
            else
            {
                var before = geography.Country.Predecessors(code).ToArray();
                query = query.Where(s => (s.Location.Generation == UnitGeneration.TwoTier && s.Location.CommuneCode == code)
                    || (s.Location.Generation == UnitGeneration.ThreeTier && before.Contains(s.Location.CommuneCode!)));
            }
        }
        return query;
    }
}
