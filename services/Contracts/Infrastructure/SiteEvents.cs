namespace Platform.Contracts.Infrastructure;

/// <summary>A site (tower, pole, duct or cable route, in-building system) entered the register, status <c>planned</c>.
/// Exact coordinates are confidential and not part of the public contract: district and commune only.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SiteId">The site's id in the Infrastructure service.</param>
/// <param name="StreamVersion">The site stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="OwnerId">The owning enterprise (Registry enterprise id).</param>
/// <param name="Kind">One of <c>greenfield-tower</c>, <c>rooftop-tower</c>, <c>electricity-pole</c>, <c>duct-route</c>,
/// <c>aerial-cable-route</c>, <c>underground-cable-route</c>, <c>in-building-system</c>.</param>
/// <param name="District">District of the site.</param>
/// <param name="Commune">Commune or ward of the site.</param>
/// <param name="Zone">Master-plan zone: <c>in-plan</c>, <c>conditional</c>, <c>outside-plan</c>.</param>
/// <param name="TenantCapacity">How many tenants besides the owner the site can take.</param>
/// <param name="CommuneCode">Added within V1 (optional, null for a site registered before the reference data): the General Statistics
/// Office code of the commune the site was entered with; read it with <c>unitGeneration</c>, since codes were reused on
/// 1 July 2025.</param>
/// <param name="UnitGeneration">Added within V1 (optional, null with <c>communeCode</c>): <c>three-tier</c> (a commune before
/// 1 July 2025; <c>district</c> is its district) or <c>two-tier</c> (a current commune; <c>district</c> is empty).</param>
/// <param name="CurrentCommuneCode">Added within V1 (optional): the current (since 1 July 2025) commune the site counts for: the entered
/// one, or the one its old commune went into (when it was split, the part holding the site).</param>
/// <param name="LengthKm">Added within V1 (optional): a duct or cable route's length in km on the WGS84 ellipsoid; null for other sites
/// and routes registered without a line.</param>
public sealed record SiteRegisteredV1(
    Guid EventId, Guid SiteId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid OwnerId, [property: CodeList(typeof(SiteKind))] string Kind, string District, string Commune, [property: CodeList(typeof(PlanZone))] string Zone, int TenantCapacity,
    string? CommuneCode = null, string? UnitGeneration = null, string? CurrentCommuneCode = null, double? LengthKm = null) : IIntegrationEvent;

/// <summary>A site moved in its lifecycle: planned → permit-requested → approved / refused → operational → decommissioned.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SiteId">The site.</param>
/// <param name="StreamVersion">The site stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="OwnerId">The owning enterprise.</param>
/// <param name="Kind">The site's kind (see <see cref="SiteRegisteredV1"/>).</param>
/// <param name="Status">The new status: <c>permit-requested</c>, <c>approved</c>, <c>refused</c>, <c>operational</c>, <c>decommissioned</c>.</param>
/// <param name="EffectiveOn">The date the change took effect.</param>
/// <param name="Reason">For refusal and decommissioning, why.</param>
public sealed record SiteStatusChangedV1(
    Guid EventId, Guid SiteId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid OwnerId, [property: CodeList(typeof(SiteKind))] string Kind, [property: CodeList(typeof(SiteStatus))] string Status, DateOnly EffectiveOn, string? Reason) : IIntegrationEvent;

/// <summary>Undergrounding progress: the site's aerial cables were moved underground (the province's undergrounding
/// roadmap counts these against each site's planned year).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SiteId">The site.</param>
/// <param name="StreamVersion">The site stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="DoneOn">The date the cables were underground.</param>
public sealed record SiteCablesUndergroundedV1(
    Guid EventId, Guid SiteId, long StreamVersion, DateTimeOffset OccurredAt,
    DateOnly DoneOn) : IIntegrationEvent;

/// <summary>A site entered by names before the reference data got its commune's official code (a one-off migration at the
/// service's start; the site is otherwise unchanged). Sites registered since carry the code in <see cref="SiteRegisteredV1"/>.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="SiteId">The site.</param>
/// <param name="StreamVersion">The site stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="District">District of the site in its official spelling (empty for a current, two-tier commune).</param>
/// <param name="Commune">Commune or ward of the site in its official spelling.</param>
/// <param name="CommuneCode">The General Statistics Office code of the commune the site was entered with; read it with
/// <c>unitGeneration</c>, since codes were reused on 1 July 2025.</param>
/// <param name="UnitGeneration"><c>three-tier</c> (a commune before 1 July 2025; <c>district</c> is its district) or <c>two-tier</c>
/// (a current commune).</param>
/// <param name="CurrentCommuneCode">The current (since 1 July 2025) commune the site counts for: the entered one, or the one its
/// old commune went into (when it was split, the part holding the site); null when that cannot be told.</param>
public sealed record SiteLocationCodedV1(
    Guid EventId, Guid SiteId, long StreamVersion, DateTimeOffset OccurredAt,
    string District, string Commune, string CommuneCode, string UnitGeneration, string? CurrentCommuneCode) : IIntegrationEvent;
