namespace Platform.Contracts.Meetings;

/// <summary>One party signed the year's cooperation agreement (memorandum of understanding).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="AgreementId">The agreement's id.</param>
/// <param name="StreamVersion">The agreement stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="Year">The year the agreement covers.</param>
/// <param name="EnterpriseId">The signing enterprise's Registry id; null when the Department signed.</param>
/// <param name="PartyName">The signing party's name.</param>
/// <param name="SignedBy">Who signed for that party (name and title).</param>
/// <param name="SignedOn">The day of signature.</param>
public sealed record AgreementSignedV1(
    Guid EventId, Guid AgreementId, long StreamVersion, DateTimeOffset OccurredAt,
    int Year, Guid? EnterpriseId, string PartyName, string SignedBy, DateOnly SignedOn) : IIntegrationEvent;

/// <summary>Every party has signed: the agreement is in force until the end of its year.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="AgreementId">The agreement.</param>
/// <param name="StreamVersion">The agreement stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="Year">The year the agreement covers.</param>
/// <param name="InForceFrom">The day of the last signature.</param>
/// <param name="ExpiresOn">The last day it is in force (31 December of its year).</param>
/// <param name="EnterpriseIds">Registry ids of the enterprises bound by it.</param>
/// <param name="CommitmentCategories">The kinds of commitment the agreement holds, each once: <c>briefing</c>,
/// <c>service-quality</c>, <c>reporting</c>, <c>infrastructure-sharing</c>, <c>other</c>. Added to V1 as an optional
/// field (November 2026): absent or null in events committed before, which consumers must treat as "not known".</param>
public sealed record AgreementInForceV1(
    Guid EventId, Guid AgreementId, long StreamVersion, DateTimeOffset OccurredAt,
    int Year, DateOnly InForceFrom, DateOnly ExpiresOn, IReadOnlyList<Guid> EnterpriseIds,
    [property: CodeList(typeof(CommitmentCategory))] IReadOnlyList<string>? CommitmentCategories = null) : IIntegrationEvent;
