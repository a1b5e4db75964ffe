using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Infrastructure.Coverage;

namespace Platform.Infrastructure.Sites;

public sealed record RegisterSiteRequest(
    string? Name, string? Kind, Guid? OwnerId, string? District, string? Commune, double? Latitude, double? Longitude, string? Address,
    decimal? HeightMetres, int? TenantCapacity, string? Zone, int? PlannedUndergroundingYear);

public sealed record DateRequest(DateOnly? On);
public sealed record DatedReasonRequest(DateOnly? On, string? Reason);

/// <summary>Pure decisions about sites: registration rules and the permit/operation lifecycle.</summary>
public static class SiteCommands
{
    public const decimal MaxTowerHeightMetres = 150m;
    public const int MaxTenantCapacity = 20;

    public static Decision Register(RegisterSiteRequest r, Guid siteId, KnownEnterprise? owner, BoundingBox province, DateTimeOffset now)
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

    public static Decision RequestPermit(Site site, DateRequest r) =>
        Move(site, r.On, [SiteStatus.Planned], on => new SitePermitRequested(site.Id, site.OwnerId, site.Kind, on));

    public static Decision ApprovePermit(Site site, DateRequest r) =>
        Move(site, r.On, [SiteStatus.PermitRequested], on => new SitePermitApproved(site.Id, site.OwnerId, site.Kind, on));

    public static Decision RefusePermit(Site site, DatedReasonRequest r) =>
        RequireReason(r.Reason) ?? Move(site, r.On, [SiteStatus.PermitRequested], on => new SitePermitRefused(site.Id, site.OwnerId, site.Kind, on, VietnameseText.Clean(r.Reason)));

    public static Decision StartOperation(Site site, DateRequest r) =>
        Move(site, r.On, [SiteStatus.Approved], on => new SiteBecameOperational(site.Id, site.OwnerId, site.Kind, on));

    public static Decision Decommission(Site site, DatedReasonRequest r) =>
        RequireReason(r.Reason) ?? Move(site, r.On, [SiteStatus.Approved, SiteStatus.Operational], on => new SiteDecommissioned(site.Id, site.OwnerId, site.Kind, on, VietnameseText.Clean(r.Reason)));

    /// <summary>Records that an aerial route on the roadmap was moved underground.</summary>
    public static Decision RecordUndergrounding(Site site, DateRequest r, DateOnly today)
    {
        if (r.On is null) return Rejection.Invalid("on", "is required (yyyy-MM-dd)");
        if (r.On > today) return Rejection.Invalid("on", "cannot be in the future");
        if (site.PlannedUndergroundingYear is null)
            return Rejection.Unprocessable("not-on-roadmap", "This site is not on the undergrounding roadmap.");
        if (site.UndergroundedOn is not null)
            return Rejection.Conflict("already-undergrounded", $"Already recorded as undergrounded on {site.UndergroundedOn:yyyy-MM-dd}.");
        return Decision.Append(site.Id, new CableUndergrounded(site.Id, r.On.Value));
    }

    private static Decision Move(Site site, DateOnly? on, SiteStatus[] from, Func<DateOnly, object> next)
    {
        if (on is null) return Rejection.Invalid("on", "is required (yyyy-MM-dd)");
        if (!from.Contains(site.Status))
            return Rejection.Conflict("invalid-site-transition",
                $"The site is {Codes.Of(site.Status)}; this step needs it to be {string.Join(" or ", from.Select(s => Codes.Of(s)))}.");
        return Decision.Append(site.Id, next(on.Value));
    }

    private static Rejection? RequireReason(string? reason)
    {
        var errors = new FieldErrors().Require(reason, "reason", 500);
        return errors.Any ? errors.ToRejection() : null;
    }
}
