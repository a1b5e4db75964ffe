using Platform.BuildingBlocks.EventStore;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Meetings.Actions;
using Platform.Meetings.Agreements;
using Platform.Meetings.Escalations;
using Platform.Meetings.Meetings;

namespace Platform.Meetings.Demo;

/// <summary>
/// Demo data drawn from the seed events: the 2009 Trà Vinh briefing on eight months' results (BTS and prepaid
/// subscriber topics, escalations to the People's Committee and the Ministry) and the 2010 Hải Dương cooperation
/// programme signed by the postal and telecom enterprises. Enterprises are those the Registry has announced (run
/// its demo first); with none known, only the parts that need no enterprise are loaded. Fixed stream ids make a
/// second load change nothing.
/// Run with: dotnet run --project services/Meetings -- seed-demo
/// </summary>
public static partial class DemoData
{
    public static readonly Guid BriefingId = new("0190a000-2009-7000-8000-000000000001");
    public static readonly Guid PeoplesCommitteeEscalationId = new("0190a000-2009-7000-8000-000000000002");
    public static readonly Guid MinistryEscalationId = new("0190a000-2009-7000-8000-000000000003");
    public static readonly Guid AgreementId = new("0190a000-2010-7000-8000-000000000001");
    private static readonly DateOnly BriefingDate = new(2009, 9, 10);

    public static async Task LoadAsync(IDocumentStore store, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        await using var session = SystemActor.Stamp(store.LightweightSession(), "job:seed-demo");
        if (await session.LoadAsync<Meeting>(BriefingId, ct) is not null) { LogSkipped(logger, "already loaded"); return; }
        // The Registry's events may still be on their way; give them a little time.
        List<KnownEnterprise> known = [];
        for (var attempt = 0; attempt < 20 && known.Count == 0; attempt++)
        {
            known = (await session.Query<KnownEnterprise>().ToListAsync(ct)).Where(k => k.IsActive).OrderBy(k => k.ShortName).ToList();
            if (known.Count == 0) await Task.Delay(500, ct);
        }
        var telecoms = known.Where(k => k.Sectors.Contains("telecom") && k.Kinds.Contains("network-operator")).Take(4).ToList();
        var postal = known.Where(k => k.Sectors.Contains("postal")).Take(1).ToList();
        if (telecoms.Count == 0) LogSkipped(logger, "no network operator is known from the Registry yet: loading the briefing without enterprises, difficulties, escalations or agreement");

        var byId = known.ToDictionary(k => k.Id);
        var meeting = Append<Meeting>(session, BriefingId, null, Meeting.When, ScheduleMeeting.Decide(ScheduleMeeting.Parse(new ScheduleMeetingRequest(
            "quarterly-briefing", "Giao ban quản lý nhà nước về bưu chính, viễn thông: kết quả 8 tháng đầu năm 2009 (Trà Vinh)", BriefingDate,
            "Hội trường Sở Thông tin và Truyền thông tỉnh Trà Vinh", "Phó Giám đốc Sở Thông tin và Truyền thông",
            ["Kết quả 8 tháng đầu năm 2009", "Phát triển trạm BTS và dùng chung hạ tầng", "Quản lý thuê bao di động trả trước"],
            telecoms.Select(t => t.Id).ToArray(),
            [new OfficialInput("Nguyễn Văn Demo", "Trưởng phòng Bưu chính, Viễn thông", "Sở Thông tin và Truyền thông"),
             new OfficialInput("Trần Thị Demo", "Chuyên viên", "Văn phòng UBND tỉnh")])).Command, BriefingId, byId, Guid.CreateVersion7));
        meeting = Append(session, BriefingId, meeting, Meeting.When, MeetingLifecycle.Hold(meeting,
            MeetingLifecycle.Parse(new HoldMeetingRequest(meeting.Enterprises.Select(e => new AttendanceInput(e.Id, "present", null))
                .Concat(meeting.Officials.Select(o => new AttendanceInput(o.Id, "present", null))).ToArray())).Command, BriefingDate));

        if (telecoms.Count > 0)
        {
            var bts = Guid.CreateVersion7();
            meeting = Append(session, BriefingId, meeting, Meeting.When, MeetingRecord.RaiseDifficulty(meeting, MeetingRecord.Parse(new RaiseDifficultyRequest(
                telecoms[0].Id, "land-and-permits", "Thủ tục cấp phép xây dựng trạm BTS kéo dài, nhiều huyện chưa có quy hoạch vị trí trạm.")).Command, bts));
            var prepaid = Guid.CreateVersion7();
            meeting = Append(session, BriefingId, meeting, Meeting.When, MeetingRecord.RaiseDifficulty(meeting, MeetingRecord.Parse(new RaiseDifficultyRequest(
                telecoms[^1].Id, "reporting", "Quản lý thông tin thuê bao di động trả trước: còn nhiều SIM kích hoạt sẵn bán trên thị trường.")).Command, prepaid));
            var sharing = Guid.CreateVersion7();
            meeting = Append(session, BriefingId, meeting, Meeting.When, MeetingRecord.RaiseDifficulty(meeting, MeetingRecord.Parse(new RaiseDifficultyRequest(
                telecoms[0].Id, "infrastructure-sharing", "Đề nghị Sở làm đầu mối để các doanh nghiệp dùng chung cột ăng-ten tại các xã vùng sâu.")).Command, sharing));
            meeting = Append(session, BriefingId, meeting, Meeting.When, MeetingRecord.RecordConclusion(meeting,
                MeetingRecord.Parse(new ConclusionRequest("Các doanh nghiệp rà soát, báo cáo số trạm BTS có thể dùng chung trước 30/9/2009.")).Command, Guid.CreateVersion7()));
            meeting = Append(session, BriefingId, meeting, Meeting.When, MeetingRecord.RecordConclusion(meeting,
                MeetingRecord.Parse(new ConclusionRequest("Sở tổng hợp kiến nghị về cấp phép trạm BTS trình UBND tỉnh; kiến nghị về thuê bao trả trước báo cáo Bộ.")).Command, Guid.CreateVersion7()));

            var sharingTask = Guid.CreateVersion7();
            var assigned = AssignActionItem.Decide(AssignActionItem.Parse(new AssignActionItemRequest(BriefingId, sharing, null,
                "Báo cáo danh sách trạm BTS có thể dùng chung", "enterprise", telecoms[0].Id, null, new DateOnly(2009, 9, 30))).Command,
                sharingTask, meeting, null, telecoms[0], BriefingDate);
            Append<ActionItem>(session, sharingTask, null, ActionItem.When, assigned);
            meeting = Append(session, BriefingId, meeting, Meeting.When, assigned);

            meeting = EscalateDemo(session, meeting, PeoplesCommitteeEscalationId, "peoples-committee", bts,
                "Đề nghị UBND tỉnh chỉ đạo các huyện rút ngắn thời gian cấp phép xây dựng trạm BTS và phê duyệt quy hoạch vị trí trạm.",
                "Trình UBND tỉnh ban hành quy định về thủ tục cấp phép trạm BTS", new DateOnly(2009, 12, 31));
            meeting = EscalateDemo(session, meeting, MinistryEscalationId, "ministry", prepaid,
                "Đề nghị Bộ Thông tin và Truyền thông tăng cường quản lý việc đăng ký thông tin thuê bao di động trả trước.", null, null);
        }
        Append(session, BriefingId, meeting, Meeting.When, MeetingRecord.PublishMinutes(meeting, MeetingRecord.Parse(new PublishMinutesRequest(
            "Hội nghị thống nhất các nội dung trên; Sở theo dõi, đôn đốc thực hiện.")).Command, BriefingDate.AddDays(3)));
        var unitTask = Guid.CreateVersion7();
        Append<ActionItem>(session, unitTask, null, ActionItem.When, AssignActionItem.Decide(AssignActionItem.Parse(new AssignActionItemRequest(BriefingId, null, null,
            "Tổng hợp kết quả 8 tháng, gửi các doanh nghiệp", "department-unit", null, "Phòng Bưu chính, Viễn thông", new DateOnly(2009, 10, 15))).Command,
            unitTask, meeting, null, null, BriefingDate));

        if (telecoms.Count > 0) LoadAgreement(session, [.. telecoms, .. postal], byId);
        await session.SaveChangesAsync(ct);
        LogLoaded(logger, telecoms.Count + postal.Count);
    }

    private static Meeting EscalateDemo(IDocumentSession session, Meeting meeting, Guid id, string to, Guid difficultyId, string summary, string? task, DateOnly? deadline)
    {
        var decision = EscalateDifficulties.Decide(EscalateDifficulties.Parse(new EscalateRequest(to, summary, [new DifficultyReference(meeting.Id, difficultyId)], BriefingDate.AddDays(7))).Command,
            id, new Dictionary<Guid, Meeting> { [meeting.Id] = meeting }, BriefingDate.AddDays(7));
        var escalation = Append<Escalation>(session, id, null, Escalation.When, decision);
        meeting = Append(session, meeting.Id, meeting, Meeting.When, decision);
        if (task is null) return meeting;
        var itemId = Guid.CreateVersion7();
        Append<ActionItem>(session, itemId, null, ActionItem.When, AssignActionItem.Decide(AssignActionItem.Parse(new AssignActionItemRequest(null, null, id, task,
            to, null, null, deadline)).Command, itemId, null, escalation, null, BriefingDate.AddDays(7)));
        return meeting;
    }

    private static void LoadAgreement(IDocumentSession session, List<KnownEnterprise> parties, Dictionary<Guid, KnownEnterprise> byId)
    {
        var agreement = Append<CooperationAgreement>(session, AgreementId, null, CooperationAgreement.When, DraftAgreement.Decide(DraftAgreement.Parse(new DraftAgreementRequest(2010,
            "Chương trình phối hợp năm 2010 giữa Sở Thông tin và Truyền thông tỉnh Hải Dương và các doanh nghiệp bưu chính, viễn thông",
            parties.Select(p => p.Id).ToArray(),
            [
                new CommitmentInput("Tổ chức giao ban 6 tháng một lần giữa Sở và các doanh nghiệp", "briefing", "both", "six-monthly"),
                new CommitmentInput("Công bố chỉ tiêu chất lượng dịch vụ hằng quý", "service-quality", "enterprises", "quarterly"),
                new CommitmentInput("Thực hiện đầy đủ chế độ báo cáo định kỳ", "reporting", "enterprises", "none"),
                new CommitmentInput("Dùng chung cơ sở hạ tầng kỹ thuật viễn thông", "infrastructure-sharing", "both", "none"),
            ])).Command, AgreementId, byId, false, Guid.CreateVersion7));
        var signedOn = new DateOnly(2010, 2, 5);
        foreach (var party in agreement.Parties.ToList())
            agreement = Append(session, AgreementId, agreement, CooperationAgreement.When, SignAgreement.Decide(agreement,
                SignAgreement.Parse(new SignRequest(party.EnterpriseId, party.EnterpriseId is null ? "Giám đốc Sở Thông tin và Truyền thông" : $"Giám đốc {party.Name}", signedOn)).Command, signedOn));
    }

    /// <summary>Applies an accepted demo decision to the state and appends its events (the demo's decisions are valid by construction).</summary>
    private static T Append<T>(IDocumentSession session, Guid id, T? state, Func<T?, object, T?> when, Decision decision) where T : class
    {
        if (decision.Rejection is { } r) throw new InvalidOperationException($"Demo data refused: {r.Code}: {r.Detail}");
        var events = decision.EventsFor(id).ToArray(); // a decision across streams is appended once per stream
        if (state is null) session.Events.StartStream<T>(id, events);
        else session.Events.Append(id, events);
        return events.Aggregate(state, when)!;
    }

    [LoggerMessage(LogLevel.Information, "Demo data: loaded the 2009 Trà Vinh briefing and the 2010 Hải Dương programme with {Enterprises} known enterprises")]
    private static partial void LogLoaded(ILogger logger, int enterprises);

    [LoggerMessage(LogLevel.Information, "Demo data: {Why}")]
    private static partial void LogSkipped(ILogger logger, string why);
}
