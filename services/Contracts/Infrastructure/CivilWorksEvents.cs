namespace Platform.Contracts.Infrastructure;

/// <summary>An enterprise published civil works it plans (trenching, duct laying…), so others can lay their cables in
/// the same trench instead of digging the road again.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="WorksId">The planned works' id.</param>
/// <param name="StreamVersion">The works stream's version after this event (1).</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="OwnerId">The enterprise that will carry out the works.</param>
/// <param name="RouteOrArea">Route or area, as the owner described it.</param>
/// <param name="District">District of the works.</param>
/// <param name="Kind">One of <c>trenching</c>, <c>duct-laying</c>, <c>road-works</c>, <c>pole-line</c>, <c>other</c>.</param>
/// <param name="PlannedStart">Planned first day.</param>
/// <param name="DurationDays">Planned duration in days.</param>
/// <param name="PermitDate">Date of the excavation permit, when already granted.</param>
public sealed record CivilWorksPlannedV1(
    Guid EventId, Guid WorksId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid OwnerId, string RouteOrArea, string District, [property: CodeList(typeof(WorksKind))] string Kind, DateOnly PlannedStart, int DurationDays, DateOnly? PermitDate) : IIntegrationEvent;

/// <summary>An enterprise registered its interest in joining planned civil works.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="WorksId">The planned works.</param>
/// <param name="StreamVersion">The works stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="EnterpriseId">The interested enterprise.</param>
public sealed record CivilWorksInterestRegisteredV1(
    Guid EventId, Guid WorksId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid EnterpriseId) : IIntegrationEvent;
