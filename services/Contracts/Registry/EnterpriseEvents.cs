namespace Platform.Contracts.Registry;

/// <summary>A new enterprise entered the Department's register. Its status is <c>active</c>.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The enterprise's id in the Registry; stable for its whole life.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event (1 for a registration).</param>
/// <param name="OccurredAt">When the registration was committed, UTC.</param>
/// <param name="LegalName">Full Vietnamese legal name, Unicode NFC (e.g. "Tổng công ty Viễn thông MobiFone").</param>
/// <param name="ShortName">Trading or short name (e.g. "MobiFone").</param>
/// <param name="TaxCode">Tax code (mã số thuế): 10 digits, or 10 digits, a hyphen and a 3-digit branch suffix.</param>
/// <param name="Sectors">One or more of the codes of <see cref="Sector"/>: <c>postal</c>, <c>telecom</c>, <c>it</c>, <c>electronics</c>.</param>
/// <param name="Kinds">One or more of the codes of <see cref="EnterpriseKind"/>: <c>network-operator</c>, <c>telecom-service-provider</c>, <c>postal-operator</c>, <c>public-internet-agent</c>, <c>it-electronics-firm</c>.</param>
/// <param name="District">District (huyện / thành phố) of the head office.</param>
/// <param name="Commune">Commune or ward (xã / phường) of the head office.</param>
/// <param name="StreetAddress">Street address of the head office.</param>
public sealed record EnterpriseRegisteredV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt,
    string LegalName, string ShortName, string TaxCode,
    [property: CodeList(typeof(Sector))] IReadOnlyList<string> Sectors, [property: CodeList(typeof(EnterpriseKind))] IReadOnlyList<string> Kinds,
    string District, string Commune, string StreetAddress) : IIntegrationEvent;

/// <summary>An enterprise's details were corrected or changed. Carries the full details after the change,
/// so a consumer overwrites what it holds. The tax code never changes.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When the change was committed, UTC.</param>
/// <param name="LegalName">Legal name after the change.</param>
/// <param name="ShortName">Short name after the change.</param>
/// <param name="Sectors">Sectors after the change.</param>
/// <param name="Kinds">Kinds after the change.</param>
/// <param name="District">Head-office district after the change.</param>
/// <param name="Commune">Head-office commune after the change.</param>
/// <param name="StreetAddress">Head-office street address after the change.</param>
public sealed record EnterpriseDetailsAmendedV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt,
    string LegalName, string ShortName,
    [property: CodeList(typeof(Sector))] IReadOnlyList<string> Sectors, [property: CodeList(typeof(EnterpriseKind))] IReadOnlyList<string> Kinds,
    string District, string Commune, string StreetAddress) : IIntegrationEvent;

/// <summary>The Department suspended an enterprise. It may not start new activity (sharing requests,
/// new reporting obligations) until reinstated.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When the suspension was committed, UTC.</param>
/// <param name="Reason">Why, in the Department's words.</param>
public sealed record EnterpriseSuspendedV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt, string Reason) : IIntegrationEvent;

/// <summary>A suspended enterprise is active again.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When the reinstatement was committed, UTC.</param>
public sealed record EnterpriseReinstatedV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The enterprise ceased operating in the province. Final: this is how an enterprise leaves the
/// register (nothing is ever removed silently). Consumers should stop new obligations and activity.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="StreamVersion">The enterprise stream's version after this event.</param>
/// <param name="OccurredAt">When the cessation was committed, UTC.</param>
/// <param name="Reason">Why, in the Department's words.</param>
public sealed record EnterpriseCeasedV1(
    Guid EventId, Guid EnterpriseId, long StreamVersion, DateTimeOffset OccurredAt, string Reason) : IIntegrationEvent;
