using Platform.Contracts.Api;

namespace Platform.Web.Api;

// The Infrastructure answers the site, import and civil-works pages read (the register's list uses SiteView).

public sealed record SiteRecord(Guid Id, string Name, string Kind, Guid OwnerId, string OwnerName, Location Location, decimal? HeightMetres,
    int TenantCapacity, string Zone, string Status, string? StatusReason, IReadOnlyList<Guid> Tenants, int? PlannedUndergroundingYear,
    DateOnly? UndergroundedOn, bool OwnerNotActive, long Version);
public sealed record SiteDetailView(SiteRecord Site, IReadOnlyList<TimelineEntry> History);

public sealed record RejectedRow(int Row, IReadOnlyDictionary<string, string[]> Errors, string? Detail);
public sealed record ImportResult(int Accepted, IReadOnlyList<Guid> SiteIds, IReadOnlyList<RejectedRow> Rejected);

public sealed record PlannedWorksView(Guid Id, Guid OwnerId, string? Owner, string RouteOrArea, string District, string Kind, DateOnly PlannedStart,
    int DurationDays, DateOnly? PermitDate, IReadOnlyList<string> Interested, long Version);
