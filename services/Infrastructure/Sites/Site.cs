using Platform.Geography;

namespace Platform.Infrastructure.Sites;

/// <summary>Where a site is, as entered: the official code and generation of its commune (records keep the unit they
/// were entered with; views map old communes to current ones), the official names (District is empty for a current
/// commune: districts were abolished on 1 July 2025), the point and the address. Records from before the reference
/// data have names only until <see cref="LocationCoding"/> codes them.</summary>
public sealed record Location(string District, string Commune, double Latitude, double Longitude, string Address,
    string? CommuneCode = null, UnitGeneration? Generation = null);

public static class SiteKinds
{
    public static bool IsTower(SiteKind kind) => kind is SiteKind.GreenfieldTower or SiteKind.RooftopTower;
    public static bool IsCableRoute(SiteKind kind) => kind is SiteKind.AerialCableRoute or SiteKind.UndergroundCableRoute or SiteKind.DuctRoute;
    /// <summary>Sites that carry BTS equipment and so count for mobile coverage (towers and in-building systems).
    /// Reporting's BTS cross-check counts only an operator's own towers (<c>OperatorSite.IsTower</c>).</summary>
    public static bool CarriesBts(SiteKind kind) => IsTower(kind) || kind == SiteKind.InBuildingSystem;
}

// Domain events of the site stream. Status events repeat owner and kind so each is self-describing
// (the public SiteStatusChangedV1 needs them).
public sealed record SiteRegistered(
    Guid SiteId, string Name, SiteKind Kind, Guid OwnerId, Location Location, decimal? HeightMetres, int TenantCapacity,
    PlanZone Zone, int? PlannedUndergroundingYear, DateTimeOffset RegisteredAt,
    IReadOnlyList<Position>? Route = null, double? LengthKm = null, IReadOnlyList<string>? Warnings = null);
/// <summary>A site registered with district and commune names only (before the reference data) got its commune's code.</summary>
// CurrentCommuneCode: the current commune the site counts for, decided with its point (null in events stored before it was kept).
public sealed record SiteLocationCoded(Guid SiteId, string District, string Commune, string CommuneCode, UnitGeneration Generation, string? CurrentCommuneCode = null);
public sealed record SitePermitRequested(Guid SiteId, Guid OwnerId, SiteKind Kind, DateOnly RequestedOn);
public sealed record SitePermitApproved(Guid SiteId, Guid OwnerId, SiteKind Kind, DateOnly ApprovedOn);
public sealed record SitePermitRefused(Guid SiteId, Guid OwnerId, SiteKind Kind, DateOnly RefusedOn, string Reason);
public sealed record SiteBecameOperational(Guid SiteId, Guid OwnerId, SiteKind Kind, DateOnly Since);
public sealed record SiteDecommissioned(Guid SiteId, Guid OwnerId, SiteKind Kind, DateOnly On, string Reason);
public sealed record TenantAdded(Guid SiteId, Guid TenantId, Guid SharingRequestId);
public sealed record CableUndergrounded(Guid SiteId, DateOnly DoneOn);
public sealed record SiteDetailsAmended(Guid SiteId, string Name, string Address, decimal? HeightMetres, int TenantCapacity, PlanZone Zone, int? PlannedUndergroundingYear);

/// <summary>A site: a tower, pole, duct or cable route, or in-building system, and who shares it.</summary>
public sealed record Site(
    Guid Id, string Name, SiteKind Kind, Guid OwnerId, Location Location, decimal? HeightMetres, int TenantCapacity, PlanZone Zone,
    SiteStatus Status, string? StatusReason, IReadOnlyList<Guid> Tenants, int? PlannedUndergroundingYear, DateOnly? UndergroundedOn,
    DateTimeOffset RegisteredAt, long Version, IReadOnlyList<Position>? Route = null, double? LengthKm = null, IReadOnlyList<string>? Warnings = null)
{
    public bool HasFreeCapacity => Tenants.Count < TenantCapacity;

    /// <summary>The evolve function (not named Evolve: Marten's source generator claims that name).</summary>
    public static Site? When(Site? state, object @event) => (state, @event) switch
    {
        (null, SiteRegistered e) => new Site(e.SiteId, e.Name, e.Kind, e.OwnerId, e.Location, e.HeightMetres, e.TenantCapacity, e.Zone,
            SiteStatus.Planned, null, [], e.PlannedUndergroundingYear, null, e.RegisteredAt, 0, e.Route, e.LengthKm, e.Warnings),
        (null, _) => null,
        (_, SitePermitRequested) => state with { Status = SiteStatus.PermitRequested, StatusReason = null },
        (_, SitePermitApproved) => state with { Status = SiteStatus.Approved, StatusReason = null },
        (_, SitePermitRefused e) => state with { Status = SiteStatus.Refused, StatusReason = e.Reason },
        (_, SiteBecameOperational) => state with { Status = SiteStatus.Operational, StatusReason = null },
        (_, SiteDecommissioned e) => state with { Status = SiteStatus.Decommissioned, StatusReason = e.Reason },
        (_, TenantAdded e) => state with { Tenants = [.. state.Tenants, e.TenantId] },
        (_, CableUndergrounded e) => state with { UndergroundedOn = e.DoneOn },
        (_, SiteLocationCoded e) => state with { Location = state.Location with { District = e.District, Commune = e.Commune, CommuneCode = e.CommuneCode, Generation = e.Generation } },
        (_, SiteDetailsAmended e) => state with
        {
            Name = e.Name,
            Location = state.Location with { Address = e.Address },
            HeightMetres = e.HeightMetres,
            TenantCapacity = e.TenantCapacity,
            Zone = e.Zone,
            PlannedUndergroundingYear = e.PlannedUndergroundingYear,
        },
        _ => state,
    };
}
