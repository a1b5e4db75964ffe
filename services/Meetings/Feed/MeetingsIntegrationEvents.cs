using JasperFx.Events;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts;
using Platform.Contracts.Meetings;
using Platform.Meetings.Actions;
using Platform.Meetings.Agreements;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Feed;

/// <summary>The Meetings service's public face: which domain events become which integration events.</summary>
public sealed class MeetingsIntegrationEvents : IIntegrationEventMapper
{
    public IIntegrationEvent? Map(IEvent e) => e.Data switch
    {
        MeetingScheduled m => new MeetingScheduledV1(e.Id, m.MeetingId, e.Version, e.Timestamp, Codes.Of(m.Kind), m.Title, m.Date, m.Place,
            m.Enterprises.Select(x => x.Id).ToList()),
        MeetingHeld h => new MeetingHeldV1(e.Id, h.MeetingId, e.Version, e.Timestamp, h.HeldOn,
            h.Attendance.Where(a => a.IsEnterprise && a.Presence != Presence.Absent).Select(a => a.InviteeId).ToList(),
            h.Attendance.Where(a => a.IsEnterprise && a.Presence == Presence.Absent).Select(a => a.InviteeId).ToList()),
        MinutesPublished p => new MinutesPublishedV1(e.Id, p.MeetingId, e.Version, e.Timestamp, p.PublishedOn, p.ConclusionCount,
            $"/api/meetings/meetings/{p.MeetingId}/minutes"),
        ActionItemAssigned a => new ActionItemAssignedV1(e.Id, a.ActionItemId, e.Version, e.Timestamp, a.MeetingId, a.Title,
            Codes.Of(a.Assignee.Kind), a.Assignee.EnterpriseId, a.Assignee.Name, a.Deadline),
        ActionItemCompleted c => new ActionItemCompletedV1(e.Id, c.ActionItemId, e.Version, e.Timestamp, c.CompletedOn, c.Deadline,
            c.CompletedOn <= c.Deadline, c.Evidence),
        ActionItemBecameOverdue o => new ActionItemOverdueV1(e.Id, o.ActionItemId, e.Version, e.Timestamp, o.MeetingId, o.Deadline,
            Codes.Of(o.Assignee.Kind), o.Assignee.EnterpriseId, o.Assignee.Name),
        IssueEscalated x => new IssueEscalatedV1(e.Id, x.EscalationId, e.Version, e.Timestamp, Codes.Of(x.To), x.Summary, x.EscalatedOn,
            x.Difficulties.Select(d => d.MeetingId).Distinct().ToList(), x.Difficulties.Count),
        AgreementSigned s => new AgreementSignedV1(e.Id, s.AgreementId, e.Version, e.Timestamp, s.Year, s.EnterpriseId, s.PartyName, s.SignedBy, s.SignedOn),
        AgreementCameIntoForce f => new AgreementInForceV1(e.Id, f.AgreementId, e.Version, e.Timestamp, f.Year, f.InForceFrom, f.ExpiresOn, f.EnterpriseIds,
            f.Commitments?.Select(c => Codes.Of(c)).ToList()),
        _ => null,
    };
}
