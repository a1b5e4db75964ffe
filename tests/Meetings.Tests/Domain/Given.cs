using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Meetings.Actions;
using Platform.Meetings.Agreements;
using Platform.Meetings.Meetings;
using Xunit;

namespace Meetings.Tests.Domain;

/// <summary>Builds states by running the real decisions, so tests start from states the rules allow.</summary>
public static class Given
{
    public static readonly DateOnly Today = new(2026, 5, 20);

    public static KnownEnterprise Enterprise(string name = "Viettel", string status = "active") =>
        new(Guid.NewGuid(), "5399900014", $"Công ty {name}", name, ["telecom"], ["network-operator"], "Thành phố Trà Vinh", "Phường 1", status, status == "active" ? null : "Giải thể", 1, 1);

    public static Dictionary<Guid, KnownEnterprise> Known(params KnownEnterprise[] enterprises) => enterprises.ToDictionary(e => e.Id);

    public static T Apply<T>(T? state, Decision decision, Func<T?, object, T?> when) where T : class
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Detail + " " + string.Join("; ", decision.Rejection?.Errors?.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")) ?? []));
        // The state is that of the decision's first stream; events for other streams are not its own.
        var events = decision.Changes.Count == 0 ? [] : decision.EventsFor(decision.Changes[0].StreamId);
        return events.Aggregate(state, when)!;
    }

    public static ScheduleMeetingRequest Schedule(DateOnly date, params KnownEnterprise[] enterprises) => new(
        "six-monthly-briefing", "Giao ban 6 tháng", date, "Hội trường Sở", "Giám đốc Sở", ["Kết quả 6 tháng"],
        enterprises.Select(e => e.Id).ToArray(), [new OfficialInput("Trần Văn B", "Chánh Văn phòng", "UBND tỉnh")]);

    /// <summary>The plan <see cref="Schedule"/> parses into, built from domain values.</summary>
    public static MeetingPlan Plan(DateOnly date, params KnownEnterprise[] enterprises) => new(
        MeetingKind.SixMonthlyBriefing, "Giao ban 6 tháng", date, "Hội trường Sở", "Giám đốc Sở", ["Kết quả 6 tháng"],
        enterprises.Select(e => e.Id).ToArray(), [new OfficialInvitation("Trần Văn B", "Chánh Văn phòng", "UBND tỉnh")]);

    public static Meeting Scheduled(DateOnly? date = null, params KnownEnterprise[] enterprises) =>
        Apply<Meeting>(null, ScheduleMeeting.Decide(Plan(date ?? Today, enterprises), Guid.NewGuid(), Known(enterprises), Guid.NewGuid), Meeting.When);

    public static Meeting Held(params KnownEnterprise[] enterprises)
    {
        var m = Scheduled(Today, enterprises);
        return Apply(m, MeetingLifecycle.Hold(m, new MeetingAttendance([]), Today), Meeting.When);
    }

    public static (Meeting Meeting, Guid DifficultyId) WithDifficulty(KnownEnterprise enterprise)
    {
        var m = Held(enterprise);
        var id = Guid.NewGuid();
        return (Apply(m, MeetingRecord.RaiseDifficulty(m, new DifficultyRaising(enterprise.Id, DifficultyTopic.LandAndPermits, "Cấp phép BTS chậm"), id), Meeting.When), id);
    }

    public static ActionItem Item(DateOnly deadline, KnownEnterprise? enterprise = null)
    {
        var request = new ActionItemAssignment(null, null, null, "Rà soát trạm BTS", enterprise is null ? AssigneeKind.DepartmentUnit : AssigneeKind.Enterprise,
            enterprise?.Id, enterprise is null ? "Phòng Bưu chính, Viễn thông" : null, deadline);
        return Apply<ActionItem>(null, AssignActionItem.Decide(request, Guid.NewGuid(), null, null, enterprise, Today), ActionItem.When);
    }

    public static CooperationAgreement Draft(params KnownEnterprise[] enterprises) => Apply<CooperationAgreement>(null, DraftAgreement.Decide(
        new AgreementDraft(Today.Year, $"Chương trình phối hợp năm {Today.Year}", enterprises.Select(e => e.Id).ToArray(),
            [new CommitmentTerms("Giao ban 6 tháng một lần", CommitmentCategory.Briefing, CommitmentParty.Both, Cadence.SixMonthly)]),
        Guid.NewGuid(), Known(enterprises), false, Guid.NewGuid), CooperationAgreement.When);
}
