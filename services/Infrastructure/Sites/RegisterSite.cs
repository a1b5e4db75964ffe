using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Coverage;

namespace Platform.Infrastructure.Sites;

public sealed record RegisterSiteRequest(
    string? Name, string? Kind, Guid? OwnerId, string? District, string? Commune, double? Latitude, double? Longitude, string? Address,
    decimal? HeightMetres, int? TenantCapacity, string? Zone, int? PlannedUndergroundingYear);

/// <summary>An enterprise registers a site (one at a time here, or many through <see cref="SiteImport"/>, by the same rules).</summary>
public static class RegisterSite
{
    public const decimal MaxTowerHeightMetres = 150m;
    public const int MaxTenantCapacity = 20;

    public static Decision Decide(RegisterSiteRequest r, Guid siteId, KnownEnterprise? owner, BoundingBox province, DateTimeOffset now)
    {
        var errors = new FieldErrors().Require(r.Name, "name", 200).Require(r.Address, "address", 300);
        var kindOk = Codes.TryParse<SiteKind>(r.Kind, out var kind);
        if (!kindOk) errors.Add("kind", $"must be one of: {string.Join(", ", Codes.All<SiteKind>())}");
        if (!Codes.TryParse<PlanZone>(r.Zone, out var zone)) errors.Add("zone", $"must be one of: {string.Join(", ", Codes.All<PlanZone>())}");
        errors.When(r.OwnerId is null || r.OwnerId == Guid.Empty, "ownerId", "is required");

        var district = AdministrativeUnits.District(r.District);
        var commune = district is null ? null : AdministrativeUnits.Commune(district, r.Commune);
        errors.When(district is null, "district", "is not a district of the province")
              .When(district is not null && commune is null, "commune", "is not a commune of that district");

        if (r.Latitude is null || r.Longitude is null) errors.Add("latitude", "latitude and longitude are required (WGS84 decimal degrees)");
        else if (!province.Contains(r.Latitude.Value, r.Longitude.Value))
            errors.Add("latitude", $"({r.Latitude}, {r.Longitude}) lies outside the province ({province.MinLatitude}–{province.MaxLatitude} N, {province.MinLongitude}–{province.MaxLongitude} E)");

        if (kindOk && SiteKinds.IsTower(kind))
            errors.When(r.HeightMetres is not (> 0 and <= MaxTowerHeightMetres), "heightMetres", $"a tower needs its height, above 0 and at most {MaxTowerHeightMetres} m");
        else errors.When(r.HeightMetres is not null, "heightMetres", "only towers have a height");
        errors.When(r.TenantCapacity is not (>= 1 and <= MaxTenantCapacity), "tenantCapacity", $"must be between 1 and {MaxTenantCapacity}");
        if (r.PlannedUndergroundingYear is { } year)
            errors.When(kindOk && kind != SiteKind.AerialCableRoute, "plannedUndergroundingYear", "only aerial cable routes are on the undergrounding roadmap")
                  .When(year is < 2000 or > 2100, "plannedUndergroundingYear", "must be a year between 2000 and 2100");
        if (errors.Any) return errors.ToRejection();

        if (KnownEnterprise.RequireActive(owner, r.OwnerId!.Value, "ownerId") is { } inactive) return inactive;
        return Decision.Start<Site>(siteId, new SiteRegistered(siteId, VietnameseText.Clean(r.Name), kind, r.OwnerId.Value,
            new Location(district!, commune!, r.Latitude!.Value, r.Longitude!.Value, VietnameseText.Clean(r.Address)),
            r.HeightMetres, r.TenantCapacity!.Value, zone, r.PlannedUndergroundingYear, now));
    }

    public static void Map(RouteGroupBuilder sites) =>
        sites.MapPost("/", RegisterAsync).WithSummary("Register a site (tower, pole, duct or cable route, in-building system).")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.EnterpriseAct);

    private static async Task<Started> RegisterAsync(RegisterSiteRequest request, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http)
    {
        if (request.OwnerId is { } claimed && !http.User.MayActFor(claimed)) return Started.Refused(Results.Forbid());
        var id = Guid.CreateVersion7();
        return await http.CreateAsync(id, $"/api/infrastructure/sites/{id}", async streams =>
        {
            var owner = request.OwnerId is { } ownerId ? await streams.Query.LoadAsync<KnownEnterprise>(ownerId, streams.Cancellation) : null;
            return Decide(request, id, owner, options.Value.Province, clock.GetUtcNow());
        });
    }
}
