using Platform.Meetings.RegistryLink;
using Platform.BuildingBlocks.Domain;
using Platform.Meetings.Meetings;
using Xunit;
using static Meetings.Tests.Domain.Given;

namespace Meetings.Tests.Domain;

public class MeetingDecisionTests
{
    [Fact]
    public void Scheduling_validates_every_field_and_cleans_text()
    {
        var invalid = ScheduleMeeting.Parse(new ScheduleMeetingRequest("party", " ", null, null, null, [], null, [new OfficialInput(null, "x", "y")]));
        Assert.Equal(["agenda", "chair", "date", "invitedOfficials[0].name", "kind", "place", "title"], invalid.Rejection!.Errors!.Keys.Order());

        var viettel = Enterprise();
        var decomposed = "Giao ban Trà Vinh".Normalize(System.Text.NormalizationForm.FormD);
        var command = ScheduleMeeting.Parse(Schedule(Today, viettel) with { Title = $"  {decomposed}  " }).Command;
        Assert.Equivalent(Plan(Today, viettel) with { Title = "Giao ban Trà Vinh" }, command, strict: true);
        var m = Apply<Meeting>(null, ScheduleMeeting.Decide(command, Guid.NewGuid(), Known(viettel), Guid.NewGuid), Meeting.When);
        Assert.Equal("Giao ban Trà Vinh", m.Title);
        Assert.Equal(MeetingStatus.Scheduled, m.Status);
        Assert.Contains("giao ban tra vinh", m.SearchKey);
    }

    /// <summary>Found by tests/BadInput.Tests: agenda items had no length limit and, like the rescheduled place and the
    /// minutes' summary, let control characters through (a NUL answered 500 from the store).</summary>
    [Fact]
    public void Agenda_place_and_summary_refuse_control_characters_and_overlong_text()
    {
        var viettel = Enterprise();
        var request = Schedule(Today, viettel) with { Agenda = ["Kết quả", new string('a', 501), "Tồn tại\u0007"] };
        Assert.Equivalent(new[] { "agenda[1]", "agenda[2]" }, ScheduleMeeting.Parse(request).Rejection!.Errors!.Keys, strict: true);
        Assert.Equal(["place"], MeetingLifecycle.Parse(new RescheduleRequest(Today.AddDays(7), "Phòng\0họp", "Trùng lịch")).Rejection!.Errors!.Keys);
        Assert.Equal(["summary"], MeetingRecord.Parse(new PublishMinutesRequest("Biên\u001bbản")).Rejection!.Errors!.Keys);
    }

    [Fact]
    public void Only_active_known_enterprises_are_invited()
    {
        var ceased = Enterprise("S-Fone", "ceased");
        Assert.Equal("enterprise-not-active", ScheduleMeeting.Decide(Plan(Today, ceased), Guid.NewGuid(), Known(ceased), Guid.NewGuid).Rejection!.Code);
        var unknown = Enterprise();
        Assert.Equal("unknown-enterprise", ScheduleMeeting.Decide(Plan(Today, unknown), Guid.NewGuid(), Known(), Guid.NewGuid).Rejection!.Code);
    }

    [Fact]
    public void Attendance_is_recorded_for_invitees_only_and_unlisted_invitees_are_absent()
    {
        var (viettel, vnpt) = (Enterprise(), Enterprise("VNPT"));
        var m = Scheduled(Today, viettel, vnpt);
        var stranger = MeetingLifecycle.Hold(m, new MeetingAttendance([new AttendanceMark(Guid.NewGuid(), Presence.Present, null)]), Today);
        Assert.Equal((RejectionKind.Unprocessable, "not-invited"), (stranger.Rejection!.Kind, stranger.Rejection.Code));
        var noDelegateName = MeetingLifecycle.Parse(new HoldMeetingRequest([new AttendanceInput(viettel.Id, "delegate", null)]));
        Assert.Equal(["attendance[0].delegateName"], noDelegateName.Rejection!.Errors!.Keys);
        Assert.Equal(["attendance"], MeetingLifecycle.Parse(new HoldMeetingRequest([new AttendanceInput(viettel.Id, "present", null), new AttendanceInput(viettel.Id, "absent", null)])).Rejection!.Errors!.Keys);
        var parsed = MeetingLifecycle.Parse(new HoldMeetingRequest([new AttendanceInput(viettel.Id, "delegate", " Lê Văn  C ")])).Command;
        Assert.Equal(new AttendanceMark(viettel.Id, Presence.Delegate, "Lê Văn C"), parsed.Marks.Single());

        var held = Apply(m, MeetingLifecycle.Hold(m, parsed, Today), Meeting.When);
        Assert.Equal(MeetingStatus.Held, held.Status);
        Assert.Equal((Presence.Delegate, "Lê Văn C"), (held.Attendance.Single(a => a.InviteeId == viettel.Id).Presence, held.Attendance.Single(a => a.InviteeId == viettel.Id).DelegateName));
        Assert.Equal(Presence.Absent, held.Attendance.Single(a => a.InviteeId == vnpt.Id).Presence);
        Assert.Equal(3, held.Attendance.Count); // two enterprises and the official
    }

    [Fact]
    public void A_meeting_is_held_on_or_after_its_date_and_only_once()
    {
        var future = Scheduled(Today.AddDays(3));
        Assert.Equal("meeting-not-yet-due", MeetingLifecycle.Hold(future, new([]), Today).Rejection!.Code);
        var held = Held();
        Assert.Equal("meeting-held", MeetingLifecycle.Hold(held, new([]), Today).Rejection!.Code);
    }

    [Fact]
    public void Rescheduling_and_cancellation_apply_to_scheduled_meetings_with_a_reason()
    {
        var m = Scheduled(Today.AddDays(5));
        Assert.Equal(["reason"], MeetingLifecycle.Parse(new ReasonRequest(null)).Rejection!.Errors!.Keys);
        var moved = Apply(m, MeetingLifecycle.Reschedule(m, new(Today.AddDays(9), null, "Trùng lịch họp UBND")), Meeting.When);
        Assert.Equal((Today.AddDays(9), "Hội trường Sở", MeetingStatus.Scheduled), (moved.Date, moved.Place, moved.Status));
        var cancelled = Apply(moved, MeetingLifecycle.Cancel(moved, new("Bão")), Meeting.When);
        Assert.Equal((MeetingStatus.Cancelled, "Bão"), (cancelled.Status, cancelled.CancellationReason));
        Assert.Equal("meeting-cancelled", MeetingLifecycle.Reschedule(cancelled, new(Today, null, "x")).Rejection!.Code);
        Assert.Equal("meeting-cancelled", MeetingLifecycle.Hold(cancelled, new([]), Today.AddDays(20)).Rejection!.Code);
    }

    [Fact]
    public void Difficulties_come_from_invited_enterprises_of_a_held_meeting()
    {
        var viettel = Enterprise();
        Assert.Equal("meeting-scheduled", MeetingRecord.RaiseDifficulty(Scheduled(Today, viettel), new(viettel.Id, DifficultyTopic.Licensing, "x"), Guid.NewGuid()).Rejection!.Code);
        var held = Held(viettel);
        Assert.Equal("not-invited", MeetingRecord.RaiseDifficulty(held, new(Guid.NewGuid(), DifficultyTopic.Licensing, "x"), Guid.NewGuid()).Rejection!.Code);
        Assert.Equal(["topic"], MeetingRecord.Parse(new RaiseDifficultyRequest(viettel.Id, "weather", "x")).Rejection!.Errors!.Keys);
    }

    [Fact]
    public void A_difficulty_is_answered_once()
    {
        var (m, id) = WithDifficulty(Enterprise());
        var resolved = Apply(m, MeetingRecord.ResolveDifficulty(m, id, new("Sở hướng dẫn tại chỗ")), Meeting.When);
        Assert.Equal(DifficultyResponse.ResolvedAtMeeting, resolved.FindDifficulty(id)!.Response);
        Assert.Equal("difficulty-already-answered", MeetingRecord.Escalate(resolved, id, Guid.NewGuid()).Rejection!.Code);
        Assert.Equal(RejectionKind.NotFound, MeetingRecord.ResolveDifficulty(m, Guid.NewGuid(), new("x")).Rejection!.Kind);
    }

    [Fact]
    public void After_minutes_the_record_changes_only_by_amendment_with_a_reason()
    {
        var (m, difficulty) = WithDifficulty(Enterprise());
        m = Apply(m, MeetingRecord.RecordConclusion(m, new("Kết luận 1"), Guid.NewGuid()), Meeting.When);
        Assert.Equal("minutes-not-published", MeetingRecord.Amend(m, new("Lý do", "Sửa"), DateTimeOffset.UtcNow).Rejection!.Code);
        var published = Apply(m, MeetingRecord.PublishMinutes(m, new(null), Today), Meeting.When);
        Assert.Equal((MeetingStatus.MinutesPublished, Today), (published.Status, published.MinutesPublishedOn));

        Assert.Equal("minutes-published", MeetingRecord.RecordConclusion(published, new("Thêm"), Guid.NewGuid()).Rejection!.Code);
        Assert.Equal("minutes-published", MeetingRecord.ResolveDifficulty(published, difficulty, new("x")).Rejection!.Code);
        Assert.Equal("minutes-already-published", MeetingRecord.PublishMinutes(published, new(null), Today).Rejection!.Code);
        Assert.Equal(["reason"], MeetingRecord.Parse(new AmendMinutesRequest(null, "Sửa")).Rejection!.Errors!.Keys);
        var amended = Apply(published, MeetingRecord.Amend(published, new("Ghi nhầm thời hạn", "Thời hạn là 30/9"), DateTimeOffset.UtcNow), Meeting.When);
        Assert.Equal("Ghi nhầm thời hạn", amended.Amendments.Single().Reason);
        // Follow-up of a difficulty still pending is not an edit of the record.
        Assert.True(MeetingRecord.Escalate(published, difficulty, Guid.NewGuid()).IsAccepted);
    }

    [Fact]
    public void Minutes_need_a_held_meeting()
    {
        Assert.Equal("meeting-scheduled", MeetingRecord.PublishMinutes(Scheduled(), new(null), Today).Rejection!.Code);
    }

    [Fact]
    public void A_ceased_enterprise_is_withdrawn_from_meetings_still_to_come_only()
    {
        var viettel = Enterprise();
        var upcoming = Scheduled(Today.AddDays(10), viettel);
        var withdrawn = Apply(upcoming, CeasedEnterpriseConsumer.WithdrawInvitation(upcoming, viettel.Id, "Giải thể", Today), Meeting.When);
        Assert.Empty(withdrawn.Enterprises);
        Assert.Equal("Giải thể", withdrawn.Withdrawn.Single().Reason);
        Assert.Empty(CeasedEnterpriseConsumer.WithdrawInvitation(withdrawn, viettel.Id, "Giải thể", Today).Events); // idempotent
        Assert.Empty(CeasedEnterpriseConsumer.WithdrawInvitation(Held(viettel), viettel.Id, "Giải thể", Today).Events); // the past stays as it was
    }

    [Fact]
    public void Minutes_page_encodes_user_text()
    {
        var (m, _) = WithDifficulty(Enterprise("<script>alert(1)</script>"));
        var html = MinutesPage.Render(m with { Title = "Giao ban & <b>đối thoại</b>" }, []);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("Giao ban &amp; &lt;b&gt;đối thoại&lt;/b&gt;", html);
        Assert.Contains("BIÊN BẢN", html);
    }
}
