using Platform.Meetings.Actions;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;
using Xunit;
using static Meetings.Tests.Domain.Given;

namespace Meetings.Tests.Domain;

public class FollowUpDecisionTests
{
    [Fact]
    public void Assignment_validates_and_checks_the_assignee()
    {
        var invalid = AssignActionItem.Parse(new(null, Guid.NewGuid(), null, null, "robot", null, null, null));
        Assert.Equal(["assigneeKind", "deadline", "meetingId", "title"], invalid.Rejection!.Errors!.Keys.Order());
        var noUnit = AssignActionItem.Parse(new(null, null, null, "x", "department-unit", null, null, Today));
        Assert.Equal(["assigneeName"], noUnit.Rejection!.Errors!.Keys);
        Assert.Equal(["assigneeEnterpriseId"], AssignActionItem.Parse(new(null, null, null, "x", "enterprise", null, null, Today)).Rejection!.Errors!.Keys);
        var past = AssignActionItem.Decide(new(null, null, null, "x", AssigneeKind.DepartmentUnit, null, "Phòng BCVT", Today.AddDays(-1)), Guid.NewGuid(), null, null, null, Today);
        Assert.Equal("deadline-in-past", past.Rejection!.Code);
        var ceased = Enterprise("S-Fone", "ceased");
        Assert.Equal("enterprise-not-active", AssignActionItem.Decide(new(null, null, null, "x", AssigneeKind.Enterprise, ceased.Id, null, Today), Guid.NewGuid(), null, null, ceased, Today).Rejection!.Code);
    }

    [Fact]
    public void The_peoples_committee_or_ministry_is_assigned_only_through_an_escalation_to_it()
    {
        var request = new ActionItemAssignment(null, null, null, "Ban hành quy định cấp phép BTS", AssigneeKind.PeoplesCommittee, null, null, Today.AddDays(30));
        Assert.Equal("not-escalated", AssignActionItem.Decide(request, Guid.NewGuid(), null, null, null, Today).Rejection!.Code);
        var (m, difficulty) = WithDifficulty(Enterprise());
        var escalation = Apply<Escalation>(null, EscalateDifficulties.Decide(new(EscalationBody.Ministry, "Kiến nghị Bộ", [new(m.Id, difficulty)], null), Guid.NewGuid(),
            new Dictionary<Guid, Meeting> { [m.Id] = m }, Today), Escalation.When);
        Assert.Equal("escalated-elsewhere", AssignActionItem.Decide(request with { EscalationId = escalation.Id }, Guid.NewGuid(), null, escalation, null, Today).Rejection!.Code);
        var item = Apply<ActionItem>(null, AssignActionItem.Decide(request with { EscalationId = escalation.Id, AssigneeKind = AssigneeKind.Ministry }, Guid.NewGuid(), null, escalation, null, Today), ActionItem.When);
        Assert.Equal((AssigneeKind.Ministry, "Bộ Thông tin và Truyền thông"), (item.Assignee.Kind, item.Assignee.Name));
    }

    [Fact]
    public void An_item_answering_a_difficulty_also_answers_it_on_the_meeting()
    {
        var viettel = Enterprise();
        var (m, difficulty) = WithDifficulty(viettel);
        var id = Guid.NewGuid();
        var decision = AssignActionItem.Decide(new(m.Id, difficulty, null, "Báo cáo trạm BTS", AssigneeKind.Enterprise, viettel.Id, null, Today.AddDays(10)), id, m, null, viettel, Today);
        // The link is recorded on the meeting's stream; the item's own stream gets only its assignment.
        var link = (DifficultyTurnedIntoActionItem)Assert.Single(decision.EventsFor(m.Id));
        Assert.IsType<ActionItemAssigned>(Assert.Single(decision.EventsFor(id)));
        Assert.Equal(typeof(ActionItem), decision.NewStreams[id]);
        var after = Meeting.When(m, link)!;
        Assert.Equal((DifficultyResponse.ActionItem, id), (after.FindDifficulty(difficulty)!.Response, after.FindDifficulty(difficulty)!.ActionItemId));
        Assert.Equal("difficulty-already-answered",
            AssignActionItem.Decide(new(m.Id, difficulty, null, "lại", AssigneeKind.DepartmentUnit, null, "Phòng", Today), Guid.NewGuid(), after, null, null, Today).Rejection!.Code);
        Assert.Equal("meeting-scheduled",
            AssignActionItem.Decide(new(m.Id, null, null, "x", AssigneeKind.DepartmentUnit, null, "Phòng", Today), Guid.NewGuid(), Scheduled(), null, null, Today).Rejection!.Code);
    }

    [Fact]
    public void Overdue_is_derived_from_the_date_and_recorded_once()
    {
        var item = Item(Today);
        Assert.False(item.IsOverdue(Today)); // the deadline day itself is still in term
        Assert.True(item.IsOverdue(Today.AddDays(1)));
        Assert.Equal(TrackedStatus.Overdue, ActionItemView.StatusOf(item, Today.AddDays(1)));
        Assert.Empty(OverdueActionItemsJob.RecordOverdue(item, Today).Events);
        var recorded = Apply(item, OverdueActionItemsJob.RecordOverdue(item, Today.AddDays(1)), ActionItem.When);
        Assert.Empty(OverdueActionItemsJob.RecordOverdue(recorded, Today.AddDays(2)).Events);
        var done = Apply(item, ActionItemLifecycle.Complete(item, new("Công văn số 12", null), Today), ActionItem.When);
        Assert.False(done.IsOverdue(Today.AddDays(30)));
        Assert.Empty(OverdueActionItemsJob.RecordOverdue(done, Today.AddDays(30)).Events);
    }

    [Fact]
    public void Progress_completion_and_cancellation_apply_to_open_items()
    {
        var item = Item(Today.AddDays(10));
        Assert.Equal(["percent"], ActionItemLifecycle.Parse(new ProgressRequest("x", 120)).Rejection!.Errors!.Keys);
        item = Apply(item, ActionItemLifecycle.NoteProgress(item, new("Đã rà soát 2 huyện", 40), Today), ActionItem.When);
        Assert.Equal(40, item.Percent);
        Assert.Equal(["evidence"], ActionItemLifecycle.Parse(new CompleteRequest(null, null)).Rejection!.Errors!.Keys);
        Assert.Equal("completed-in-future", ActionItemLifecycle.Complete(item, new("x", Today.AddDays(1)), Today).Rejection!.Code);
        Assert.Equal(["reason"], ActionItemLifecycle.Parse(new CancelActionRequest(" ")).Rejection!.Errors!.Keys);
        var cancelled = Apply(item, ActionItemLifecycle.Cancel(item, new("Không còn cần thiết")), ActionItem.When);
        Assert.Equal("action-item-cancelled", ActionItemLifecycle.Complete(cancelled, new("x", null), Today).Rejection!.Code);
        Assert.Equal("action-item-cancelled", ActionItemLifecycle.NoteProgress(cancelled, new("x", null), Today).Rejection!.Code);
    }

    [Fact]
    public void Statistics_count_on_time_late_in_term_and_overdue()
    {
        var onTime = Apply(Item(Today.AddDays(5)), ActionItemLifecycle.Complete(Item(Today.AddDays(5)), new("x", null), Today), ActionItem.When);
        var late = Item(Today) with { Status = ActionStatus.Done, CompletedOn = Today.AddDays(3) };
        var overdue = Item(Today);
        var inTerm = Item(Today.AddDays(30));
        var stats = ActionTracker.Statistics("k", "Phòng", [onTime, late, overdue, inTerm], Today.AddDays(4));
        Assert.Equal((4, 1, 1, 1, 1, 50.0m), (stats.Total, stats.CompletedOnTime, stats.CompletedLate, stats.InProgressWithinTerm, stats.Overdue, stats.CompletedPercent));
        var ordered = ActionTracker.Order(new[] { onTime, inTerm, overdue }.Select(a => ActionItemView.Of(a, Today.AddDays(4)))).ToList();
        Assert.Equal(TrackedStatus.Overdue, ordered[0].Status);
    }

    [Fact]
    public void Escalation_covers_pending_difficulties_and_is_answered_once()
    {
        var (m, difficulty) = WithDifficulty(Enterprise());
        var meetings = new Dictionary<Guid, Meeting> { [m.Id] = m };
        var invalid = EscalateDifficulties.Parse(new("governor", null, [], null));
        Assert.Equal(["difficulties", "summary", "to"], invalid.Rejection!.Errors!.Keys.Order());
        Assert.Equal(["difficulties"], EscalateDifficulties.Parse(new("ministry", "x", [new(m.Id, difficulty), new(m.Id, difficulty)], null)).Rejection!.Errors!.Keys);
        Assert.Equal("unknown-difficulty", EscalateDifficulties.Decide(new(EscalationBody.Ministry, "x", [new(m.Id, Guid.NewGuid())], null), Guid.NewGuid(), meetings, Today).Rejection!.Code);
        Assert.Equal("unknown-meeting", EscalateDifficulties.Decide(new(EscalationBody.Ministry, "x", [new(Guid.NewGuid(), difficulty)], null), Guid.NewGuid(), meetings, Today).Rejection!.Code);
        Assert.Equal("escalated-in-future", EscalateDifficulties.Decide(new(EscalationBody.Ministry, "x", [new(m.Id, difficulty)], Today.AddDays(1)), Guid.NewGuid(), meetings, Today).Rejection!.Code);

        var decision = EscalateDifficulties.Decide(new(EscalationBody.PeoplesCommittee, "Kiến nghị UBND tỉnh", [new(m.Id, difficulty)], Today.AddDays(-10)), Guid.NewGuid(), meetings, Today);
        var escalation = Apply<Escalation>(null, decision, Escalation.When);
        Assert.Equal(10, escalation.AgeDays(Today));
        Assert.IsType<IssueEscalated>(Assert.Single(decision.EventsFor(escalation.Id)));
        Assert.Equal(escalation.Id, ((DifficultyEscalated)Assert.Single(decision.EventsFor(m.Id))).EscalationId);
        var answered = Apply(escalation, AnswerEscalation.Decide(escalation, new("UBND tỉnh đồng ý", Today.AddDays(-2)), Today), Escalation.When);
        Assert.Equal(8, answered.AgeDays(Today.AddDays(100)));
        Assert.Equal("already-answered", AnswerEscalation.Decide(answered, new("lại", null), Today).Rejection!.Code);
    }
}
