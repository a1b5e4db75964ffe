using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;

namespace Platform.Infrastructure.Sites;

public sealed record SiteDetailsRequest(string? Name, string? Address, decimal? HeightMetres, int? TenantCapacity, string? Zone, int? PlannedUndergroundingYear);

/// <summary>The site's details as a person reads them on its page; kind, owner and place are what the site is, not details.</summary>
public sealed record SiteDetails(string Name, string Address, decimal? HeightMetres, int TenantCapacity, PlanZone Zone, int? PlannedUndergroundingYear);

/// <summary>
/// The owner (or the Department) corrects a site's details. Every field is sent, and they overwrite what the person
/// read, so the edit names the version read: If-Match is required (428 without) and a stale one fails (412).
/// </summary>
public static class AmendSiteDetails
{
    public static Parsed<SiteDetails> Parse(SiteDetailsRequest r)
    {
        var errors = new FieldErrors();
        var name = errors.Text(r.Name, "name", 200);
        var address = errors.Text(r.Address, "address", 300);
        errors.When(r.HeightMetres is not null and not (> 0 and <= RegisterSite.MaxTowerHeightMetres), "heightMetres", $"must be above 0 and at most {RegisterSite.MaxTowerHeightMetres} m")
              .When(r.TenantCapacity is not (>= 1 and <= RegisterSite.MaxTenantCapacity), "tenantCapacity", $"must be between 1 and {RegisterSite.MaxTenantCapacity}")
              .When(r.PlannedUndergroundingYear is < 2000 or > 2100, "plannedUndergroundingYear", "must be a year between 2000 and 2100");
        var zone = errors.Code<PlanZone>(r.Zone, "zone");
        return Parsed<SiteDetails>.Unless(errors, () => new SiteDetails(name, address, r.HeightMetres, r.TenantCapacity!.Value, zone, r.PlannedUndergroundingYear));
    }

    /// <summary>The same rules as a registration for what depends on the kind; room for the tenants it has; a decommissioned
    /// site's record is final. Nothing changed, nothing recorded.</summary>
    public static Decision Decide(Site site, SiteDetails c)
    {
        var errors = new FieldErrors();
        if (SiteKinds.IsTower(site.Kind)) errors.When(c.HeightMetres is null, "heightMetres", $"a tower needs its height, above 0 and at most {RegisterSite.MaxTowerHeightMetres} m");
        else errors.When(c.HeightMetres is not null, "heightMetres", "only towers have a height");
        errors.When(c.PlannedUndergroundingYear is not null && site.Kind != SiteKind.AerialCableRoute, "plannedUndergroundingYear", "only aerial cable routes are on the undergrounding roadmap");
        if (errors.Any) return errors.ToRejection();
        if (site.Status == SiteStatus.Decommissioned)
            return Rejection.Conflict("site-decommissioned", "The site is decommissioned; its record can no longer change.");
        if (c.TenantCapacity < site.Tenants.Count)
            return Rejection.Unprocessable("capacity-below-tenants", $"The site has {site.Tenants.Count} tenants; its capacity cannot be less.");
        if (c == new SiteDetails(site.Name, site.Location.Address, site.HeightMetres, site.TenantCapacity, site.Zone, site.PlannedUndergroundingYear))
            return Decision.Nothing;
        return Decision.Append(site.Id, new SiteDetailsAmended(site.Id, c.Name, c.Address, c.HeightMetres, c.TenantCapacity, c.Zone, c.PlannedUndergroundingYear));
    }

    public static void Map(RouteGroupBuilder sites) =>
        sites.MapPut("/{id:guid}/details", (Guid id, SiteDetailsRequest body, HttpContext http) =>
                http.RunAsync<Site, SiteDetails>(id, Parse(body), Decide, $"No site with id {id}.",
                    mayAct: site => http.User.MayActFor(site.OwnerId), ifMatch: IfMatch.Required))
            .WithSummary("Correct a site's details (name, address, height, tenant capacity, zone, undergrounding year); If-Match with the ETag you read is required (428 without, 412 when stale).")
            .Writes(PlatformPolicies.EnterpriseAct);
}
