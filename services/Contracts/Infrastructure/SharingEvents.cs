namespace Platform.Contracts.Infrastructure;

/// <summary>An enterprise asked a site's owner for space on it (co-location / access request).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="RequestId">The sharing request's id.</param>
/// <param name="StreamVersion">The request stream's version after this event (1).</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="SiteId">The site asked for.</param>
/// <param name="OwnerId">The site's owner, who must answer.</param>
/// <param name="RequesterId">The requesting enterprise.</param>
/// <param name="SubmittedOn">The date the owner's answer period starts.</param>
public sealed record SharingRequestSubmittedV1(
    Guid EventId, Guid RequestId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid SiteId, Guid OwnerId, Guid RequesterId, DateOnly SubmittedOn) : IIntegrationEvent;

/// <summary>The owner answered with an offer. Fee and conditions are confidential; the event says only that an
/// offer exists and whether the Department's equal-treatment check flagged its fee.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="RequestId">The sharing request.</param>
/// <param name="StreamVersion">The request stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="SiteId">The site.</param>
/// <param name="OwnerId">The owner making the offer.</param>
/// <param name="RequesterId">The requester.</param>
/// <param name="TermMonths">The offered term in months.</param>
/// <param name="FeeFlagged">True when the monthly fee differs from the owner's comparable offers by more than the allowed percentage.</param>
public sealed record SharingOfferMadeV1(
    Guid EventId, Guid RequestId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid SiteId, Guid OwnerId, Guid RequesterId, int TermMonths, bool FeeFlagged) : IIntegrationEvent;

/// <summary>A sharing agreement was concluded (accepted offer or mediated terms): the requester is now a tenant of the site.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="RequestId">The sharing request.</param>
/// <param name="StreamVersion">The request stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="SiteId">The shared site.</param>
/// <param name="OwnerId">The site's owner.</param>
/// <param name="TenantId">The new tenant.</param>
/// <param name="ConcludedOn">Date of the agreement.</param>
/// <param name="ByMediation">True when the Department's mediation set the terms.</param>
public sealed record SharingAgreementConcludedV1(
    Guid EventId, Guid RequestId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid SiteId, Guid OwnerId, Guid TenantId, DateOnly ConcludedOn, bool ByMediation) : IIntegrationEvent;

/// <summary>A party asked the Department to mediate a sharing request.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="RequestId">The sharing request.</param>
/// <param name="StreamVersion">The request stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="SiteId">The site.</param>
/// <param name="RaisedBy">The enterprise that raised it (requester or owner).</param>
/// <param name="Grounds">The grounds, as written by that party.</param>
public sealed record SharingDisputeRaisedV1(
    Guid EventId, Guid RequestId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid SiteId, Guid RaisedBy, string Grounds) : IIntegrationEvent;

/// <summary>The Department's mediation decision, which ends the request.</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="RequestId">The sharing request.</param>
/// <param name="StreamVersion">The request stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="SiteId">The site.</param>
/// <param name="Outcome"><c>upheld</c> (the owner's position stands) or <c>overturned</c> (agreement on mediated terms).</param>
/// <param name="Decision">The decision's text.</param>
/// <param name="DecidedOn">Date of the decision.</param>
public sealed record SharingDisputeResolvedV1(
    Guid EventId, Guid RequestId, long StreamVersion, DateTimeOffset OccurredAt,
    Guid SiteId, [property: CodeList(typeof(MediationOutcome))] string Outcome, string Decision, DateOnly DecidedOn) : IIntegrationEvent;

/// <summary>The site's owner refused a sharing request; the requester may raise a dispute. The owner's explanation is
/// not part of the contract (it may describe the site's technical conditions, which are confidential).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="RequestId">The sharing request (its site, owner and requester are in <see cref="SharingRequestSubmittedV1"/>).</param>
/// <param name="StreamVersion">The request stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="Reason">One of <c>no-capacity</c>, <c>technical</c>, <c>safety</c>, <c>other</c>.</param>
/// <param name="RefusedOn">Date of the refusal.</param>
public sealed record SharingRefusedV1(
    Guid EventId, Guid RequestId, long StreamVersion, DateTimeOffset OccurredAt,
    [property: CodeList(typeof(RefusalReason))] string Reason, DateOnly RefusedOn) : IIntegrationEvent;

/// <summary>The requester declined the owner's offer; the request is closed without an agreement. The requester's
/// stated reason stays in the Department's register (it may discuss the confidential fee).</summary>
/// <param name="EventId">Unique id of this event; de-duplicate by it.</param>
/// <param name="RequestId">The sharing request.</param>
/// <param name="StreamVersion">The request stream's version after this event.</param>
/// <param name="OccurredAt">When it was committed, UTC.</param>
/// <param name="DeclinedOn">Date the offer was declined.</param>
public sealed record SharingOfferDeclinedV1(
    Guid EventId, Guid RequestId, long StreamVersion, DateTimeOffset OccurredAt,
    DateOnly DeclinedOn) : IIntegrationEvent;
