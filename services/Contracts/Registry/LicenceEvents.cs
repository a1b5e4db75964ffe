namespace Platform.Contracts.Registry;

/// <summary>A licence was recorded for an enterprise.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The licence holder.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When it was recorded, UTC.</param>
/// <param name="LicenceId">The licence's id in the Registry.</param>
/// <param name="Number">The number printed on the licence.</param>
/// <param name="LicenceType">One of <c>telecom-network</c>, <c>telecom-services</c>, <c>postal</c>,
/// <c>public-internet-agent</c>, <c>radio-frequency</c>, <c>other</c>.</param>
/// <param name="IssuingAuthority"><c>ministry</c> or <c>department</c>.</param>
/// <param name="IssuedOn">Date of issue (a calendar date, no time zone).</param>
/// <param name="ExpiresOn">Last day the licence is valid.</param>
public sealed record LicenceGrantedV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid LicenceId, string Number, [property: CodeList(typeof(Registry.LicenceType))] string LicenceType, [property: CodeList(typeof(Registry.IssuingAuthority))] string IssuingAuthority,
    DateOnly IssuedOn, DateOnly ExpiresOn) : IIntegrationEvent;

/// <summary>A licence's validity was extended.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The licence holder.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When it was recorded, UTC.</param>
/// <param name="LicenceId">The licence.</param>
/// <param name="ExpiresOn">The new last day of validity.</param>
public sealed record LicenceRenewedV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid LicenceId, DateOnly ExpiresOn) : IIntegrationEvent;

/// <summary>A licence was revoked before its expiry. Final for that licence.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The licence holder.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When it was recorded, UTC.</param>
/// <param name="LicenceId">The licence.</param>
/// <param name="Reason">Why, in the issuing authority's words.</param>
public sealed record LicenceRevokedV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid LicenceId, string Reason) : IIntegrationEvent;

/// <summary>A licence reached its expiry date without renewal. Emitted by the Registry's own job
/// shortly after the date passes.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The licence holder.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When the expiry was recorded, UTC.</param>
/// <param name="LicenceId">The licence.</param>
/// <param name="ExpiredOn">The last day it was valid.</param>
public sealed record LicenceExpiredV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid LicenceId, DateOnly ExpiredOn) : IIntegrationEvent;
