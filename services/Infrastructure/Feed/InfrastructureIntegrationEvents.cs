using JasperFx.Events;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Infrastructure.CivilWorks;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;
using Platform.Geography;

namespace Platform.Infrastructure.Feed;

/// <summary>The Infrastructure service's public face: which domain events become which integration events.
/// Confidential facts (coordinates, fees, technical conditions, the parties' free-text explanations) stay out of the contracts.</summary>
public sealed class InfrastructureIntegrationEvents(ProvinceGeography geography) : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent e) => e.Data switch
    {
        SiteRegistered s => new SiteRegisteredV1(e.Id, s.SiteId, e.Version, e.Timestamp, s.OwnerId, Codes.Of(s.Kind), s.Location.District,
            s.Location.Commune, Codes.Of(s.Zone), s.TenantCapacity, s.Location.CommuneCode, s.Location.Generation is { } g ? Codes.Of(g) : null,
            s.Location is { CommuneCode: { } code, Generation: { } generation }
                ? geography.CurrentCommune(generation, code, s.Location.Latitude, s.Location.Longitude)?.Code : null,
            s.LengthKm),
        // Published so outside systems learn the code of a site the migration coded (SiteRegisteredV1 had none).
        SiteLocationCoded c => new SiteLocationCodedV1(e.Id, c.SiteId, e.Version, e.Timestamp, c.District, c.Commune, c.CommuneCode, Codes.Of(c.Generation),
            c.CurrentCommuneCode),
        SitePermitRequested s => Status(e, s.SiteId, s.OwnerId, s.Kind, SiteStatus.PermitRequested, s.RequestedOn, null),
        SitePermitApproved s => Status(e, s.SiteId, s.OwnerId, s.Kind, SiteStatus.Approved, s.ApprovedOn, null),
        SitePermitRefused s => Status(e, s.SiteId, s.OwnerId, s.Kind, SiteStatus.Refused, s.RefusedOn, s.Reason),
        SiteBecameOperational s => Status(e, s.SiteId, s.OwnerId, s.Kind, SiteStatus.Operational, s.Since, null),
        SiteDecommissioned s => Status(e, s.SiteId, s.OwnerId, s.Kind, SiteStatus.Decommissioned, s.On, s.Reason),
        SharingRequestSubmitted r => new SharingRequestSubmittedV1(e.Id, r.RequestId, e.Version, e.Timestamp, r.SiteId, r.OwnerId, r.RequesterId, r.SubmittedOn, r.AnswerDueOn),
        SharingOfferMade o => new SharingOfferMadeV1(e.Id, o.RequestId, e.Version, e.Timestamp, o.SiteId, o.OwnerId, o.RequesterId,
            o.Offer.TermMonths, o.Offer.FeeFlagged, o.OfferedOn),
        SharingAgreementConcluded c => new SharingAgreementConcludedV1(e.Id, c.RequestId, e.Version, e.Timestamp, c.SiteId, c.OwnerId, c.TenantId, c.ConcludedOn, c.ByMediation),
        SharingDisputeRaised d => new SharingDisputeRaisedV1(e.Id, d.RequestId, e.Version, e.Timestamp, d.SiteId, d.RaisedBy, d.Grounds),
        SharingDisputeResolved d => new SharingDisputeResolvedV1(e.Id, d.RequestId, e.Version, e.Timestamp, d.SiteId, Codes.Of(d.Outcome), d.Decision, d.DecidedOn),
        SharingRefused r => new SharingRefusedV1(e.Id, r.RequestId, e.Version, e.Timestamp, Codes.Of(r.Reason), r.RefusedOn),
        SharingOfferDeclined d => new SharingOfferDeclinedV1(e.Id, d.RequestId, e.Version, e.Timestamp, d.DeclinedOn),
        CableUndergrounded u => new SiteCablesUndergroundedV1(e.Id, u.SiteId, e.Version, e.Timestamp, u.DoneOn),
        CivilWorksPlanned w => new CivilWorksPlannedV1(e.Id, w.WorksId, e.Version, e.Timestamp, w.OwnerId, w.RouteOrArea, w.District, Codes.Of(w.Kind),
            w.PlannedStart, w.DurationDays, w.PermitDate),
        CivilWorksInterestRegistered i => new CivilWorksInterestRegisteredV1(e.Id, i.WorksId, e.Version, e.Timestamp, i.EnterpriseId),
        _ => null,
    };

    private static SiteStatusChangedV1 Status(IEvent e, Guid siteId, Guid ownerId, SiteKind kind, SiteStatus status, DateOnly on, string? reason) =>
        new(e.Id, siteId, e.Version, e.Timestamp, ownerId, Codes.Of(kind), Codes.Of(status), on, reason);
}
