using JasperFx.Events;
using Marten.Events.Aggregation;
using Platform.Meetings.Actions;
using Platform.Meetings.Agreements;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;

namespace Platform.Meetings;

// Each aggregate is also its own read model, kept inline with the append so a read right after a write sees it.
// The Evolve overrides live here, not on the aggregates, because Marten's source generator claims methods named Evolve.
// Each names the events its aggregate's When handles (IncludeType): a generic Evolve tells Marten nothing, so every
// projection loaded its document for every stream a command appended to (three wasted queries per meeting command).
// An event type added to a When must be added here too, or its view stops following it.

public sealed class MeetingProjection : SingleStreamProjection<Meeting, Guid>
{
    public MeetingProjection()
    {
        IncludeType<MeetingScheduled>();
        IncludeType<MeetingRescheduled>();
        IncludeType<MeetingCancelled>();
        IncludeType<MeetingHeld>();
        IncludeType<DifficultyRaised>();
        IncludeType<DifficultyResolvedAtMeeting>();
        IncludeType<DifficultyTurnedIntoActionItem>();
        IncludeType<DifficultyEscalated>();
        IncludeType<ConclusionRecorded>();
        IncludeType<MinutesPublished>();
        IncludeType<MinutesAmended>();
        IncludeType<InvitationWithdrawn>();
    }

    public override Meeting? Evolve(Meeting? snapshot, Guid id, IEvent e) =>
        Meeting.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

public sealed class ActionItemProjection : SingleStreamProjection<ActionItem, Guid>
{
    public ActionItemProjection()
    {
        IncludeType<ActionItemAssigned>();
        IncludeType<ActionItemProgressNoted>();
        IncludeType<ActionItemCompleted>();
        IncludeType<ActionItemCancelled>();
        IncludeType<ActionItemBecameOverdue>();
    }

    public override ActionItem? Evolve(ActionItem? snapshot, Guid id, IEvent e) =>
        ActionItem.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

public sealed class EscalationProjection : SingleStreamProjection<Escalation, Guid>
{
    public EscalationProjection()
    {
        IncludeType<IssueEscalated>();
        IncludeType<EscalationAnswered>();
    }

    public override Escalation? Evolve(Escalation? snapshot, Guid id, IEvent e) =>
        Escalation.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

public sealed class AgreementProjection : SingleStreamProjection<CooperationAgreement, Guid>
{
    public AgreementProjection()
    {
        IncludeType<AgreementDrafted>();
        IncludeType<AgreementSigned>();
        IncludeType<AgreementCameIntoForce>();
        IncludeType<AgreementPartyRemoved>();
    }

    public override CooperationAgreement? Evolve(CooperationAgreement? snapshot, Guid id, IEvent e) =>
        CooperationAgreement.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
