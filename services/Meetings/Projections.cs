using JasperFx.Events;
using Marten.Events.Aggregation;
using Platform.Meetings.Actions;
using Platform.Meetings.Agreements;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;

namespace Platform.Meetings;

// Each aggregate is also its own read model, kept inline with the append so a read right after a write sees it.
// The Evolve overrides live here, not on the aggregates, because Marten's source generator claims methods named Evolve.

public sealed class MeetingProjection : SingleStreamProjection<Meeting, Guid>
{
    public override Meeting? Evolve(Meeting? snapshot, Guid id, IEvent e) =>
        Meeting.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

public sealed class ActionItemProjection : SingleStreamProjection<ActionItem, Guid>
{
    public override ActionItem? Evolve(ActionItem? snapshot, Guid id, IEvent e) =>
        ActionItem.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

public sealed class EscalationProjection : SingleStreamProjection<Escalation, Guid>
{
    public override Escalation? Evolve(Escalation? snapshot, Guid id, IEvent e) =>
        Escalation.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}

public sealed class AgreementProjection : SingleStreamProjection<CooperationAgreement, Guid>
{
    public override CooperationAgreement? Evolve(CooperationAgreement? snapshot, Guid id, IEvent e) =>
        CooperationAgreement.When(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
