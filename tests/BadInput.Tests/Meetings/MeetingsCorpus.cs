using System.Text;
using System.Text.Json.Nodes;
using BadInput.Tests.Corpus;
using Marten;
using Platform.Meetings.Meetings;
using Xunit;
using static BadInput.Tests.Corpus.Corpus;

namespace BadInput.Tests.Meetings;

public static class MeetingsCorpus
{
    private const string S = "meetings";
    private const string Api = "/api/meetings";

    public const string ScheduleBody = """
        {"kind":"quarterly-briefing","title":"Giao ban quý IV","date":"{FUTURE}","place":"Hội trường Sở","chair":"Phó Giám đốc Sở",
         "agenda":["Kết quả chín tháng"],"invitedEnterpriseIds":["{K}"],
         "invitedOfficials":[{"name":"Nguyễn Văn Bình","title":"Trưởng phòng","organisation":"Sở Thông tin và Truyền thông"}]}
        """;
    public const string HoldingBody = """{"attendance":[{"inviteeId":"{K}","presence":"present"}]}""";
    public const string DifficultyBody = """{"enterpriseId":"{K}","topic":"land-and-permits","text":"Chậm cấp phép xây dựng trạm"}""";
    public const string ActionItemBody = """
        {"title":"Rà soát trạm BTS chưa có giấy phép","assigneeKind":"department-unit","assigneeName":"Phòng Bưu chính Viễn thông","deadline":"{FUTURE}"}
        """;
    public const string EscalationBody = """
        {"to":"peoples-committee","summary":"Đề nghị UBND tỉnh chỉ đạo cấp phép","difficulties":[{"meetingId":"{MH}","difficultyId":"{D1}"}]}
        """;
    public const string AgreementBody = """
        {"year":2031,"title":"Chương trình phối hợp năm 2031","enterpriseIds":["{K}"],
         "commitments":[{"text":"Giao ban hằng quý","category":"briefing","party":"both","cadence":"quarterly"}]}
        """;

    public static readonly WriteEndpoint Schedule = new("POST", $"{Api}/meetings", ScheduleBody);
    public static readonly WriteEndpoint Reschedule = new("POST", $"{Api}/meetings/{{MS}}/rescheduling", """{"date":"{FUTURE}","place":"Phòng họp số 2","reason":"Trùng lịch"}""", IfMatch: true);
    public static readonly WriteEndpoint Cancel = new("POST", $"{Api}/meetings/{{MS}}/cancellation", """{"reason":"Lãnh đạo đi công tác"}""", IfMatch: true);
    public static readonly WriteEndpoint Hold = new("POST", $"{Api}/meetings/{{MS}}/holding", HoldingBody, IfMatch: true);
    public static readonly WriteEndpoint RaiseDifficulty = new("POST", $"{Api}/meetings/{{MH}}/difficulties", DifficultyBody, IfMatch: true);
    public static readonly WriteEndpoint Resolve = new("POST", $"{Api}/meetings/{{MH}}/difficulties/{{D1}}/resolution", """{"resolution":"Sở làm việc với UBND huyện"}""", IfMatch: true);
    public static readonly WriteEndpoint Conclude = new("POST", $"{Api}/meetings/{{MH}}/conclusions", """{"text":"Các doanh nghiệp chia sẻ hạ tầng"}""", IfMatch: true);
    public static readonly WriteEndpoint Minutes = new("POST", $"{Api}/meetings/{{MH}}/minutes", """{"summary":"Biên bản giao ban quý"}""", IfMatch: true);
    public static readonly WriteEndpoint Amend = new("POST", $"{Api}/meetings/{{MP}}/amendments", """{"reason":"Sửa tên đại biểu","change":"Ông Nguyễn Văn Bình"}""", IfMatch: true);
    public static readonly WriteEndpoint Assign = new("POST", $"{Api}/action-items", ActionItemBody);
    public static readonly WriteEndpoint Progress = new("POST", $"{Api}/action-items/{{A}}/progress", """{"note":"Đã rà soát một nửa","percent":50}""", IfMatch: true);
    public static readonly WriteEndpoint Complete = new("POST", $"{Api}/action-items/{{A}}/completion", """{"evidence":"Báo cáo số 12/BC","completedOn":"{TODAY}"}""", IfMatch: true);
    public static readonly WriteEndpoint CancelItem = new("POST", $"{Api}/action-items/{{A}}/cancellation", """{"reason":"Không còn cần thiết"}""", IfMatch: true);
    public static readonly WriteEndpoint Escalate = new("POST", $"{Api}/escalations", EscalationBody);
    public static readonly WriteEndpoint Answer = new("POST", $"{Api}/escalations/{{X}}/response", """{"response":"UBND tỉnh đã chỉ đạo","respondedOn":"{TODAY}"}""", IfMatch: true);
    public static readonly WriteEndpoint Draft = new("POST", $"{Api}/agreements", AgreementBody);
    public static readonly WriteEndpoint Sign = new("POST", $"{Api}/agreements/{{G}}/signatures", """{"enterpriseId":"{K}","signedBy":"Nguyễn Văn An","signedOn":"{TODAY}"}""", IfMatch: true);
    public static readonly WriteEndpoint Renew = new("POST", $"{Api}/agreements/{{G}}/renewal");

    public static readonly WriteEndpoint[] Endpoints =
    [
        Schedule, Reschedule, Cancel, Hold, RaiseDifficulty, Resolve, Conclude, Minutes, Amend,
        Assign, Progress, Complete, CancelItem, Escalate, Answer, Draft, Sign, Renew,
    ];

    /// <summary>An action item's id where a meeting's goes, an escalation's where a meeting's goes, and so on.</summary>
    private static readonly Dictionary<string, string> WrongKind = new()
    {
        ["MS"] = "A", ["MH"] = "X", ["MP"] = "G", ["D1"] = "A", ["A"] = "MS", ["X"] = "MH", ["G"] = "K",
    };

    public static IEnumerable<CorpusCase> Cases() =>
        Endpoints.SelectMany(e => Generic(S, e, WrongKind)).Concat(Specific()).Concat(Accepted())
            .Concat(Paging(S, $"{Api}/agreements?year=2030")).Concat(Paging(S, $"{Api}/meetings?from=2030-01-01&to=2030-01-31&kind=dialogue"));

    private static CorpusCase Case(WriteEndpoint e, string name, Func<ICorpusHost, Task<Probe>> build, params int[] statuses) =>
        new(S, e.Key, name, build, statuses.Length == 0 ? BadRequest : statuses);

    private static string Days(int days) => CorpusServiceHost<object>.Today.AddDays(days).ToString("yyyy-MM-dd");

    private static IEnumerable<CorpusCase> Specific()
    {
        yield return Case(Schedule, "date 30 February", Field(Schedule, "date", "2027-02-30"));
        yield return Case(Schedule, "date missing", Field(Schedule, "date", Remove));
        yield return Case(Schedule, "unknown kind of meeting", Field(Schedule, "kind", "party"));
        yield return Case(Schedule, "empty agenda", Field(Schedule, "agenda", new JsonArray()));
        yield return Case(Schedule, "blank agenda item", Field(Schedule, "agenda", new JsonArray("Kết quả", "  ")));
        yield return Case(Schedule, "agenda item of 501 characters", Field(Schedule, "agenda", new JsonArray(new string('e', 501))));
        yield return Case(Schedule, "an enterprise invited twice", h => Field(Schedule, "invitedEnterpriseIds", new JsonArray(h.Values["K"], h.Values["K"]))(h));
        yield return Case(Schedule, "invited enterprise unknown to the Registry", Field(Schedule, "invitedEnterpriseIds", new JsonArray(Guid.NewGuid().ToString())), 422);
        yield return Case(Schedule, "invited id of a meeting (wrong kind)", h => Field(Schedule, "invitedEnterpriseIds", new JsonArray(h.Values["MS"]))(h), 422);
        yield return Case(Schedule, "invited id not a GUID", Field(Schedule, "invitedEnterpriseIds", new JsonArray("viettel")));
        yield return Case(Schedule, "official without a name", Field(Schedule, "invitedOfficials[0].name", Remove));
        yield return Case(Schedule, "title missing", Field(Schedule, "title", Remove));

        yield return Case(Reschedule, "date missing", Field(Reschedule, "date", Remove));
        yield return Case(Reschedule, "place of 301 characters", Field(Reschedule, "place", new string('p', 301)));
        yield return Case(Reschedule, "reason missing", Field(Reschedule, "reason", Remove));
        yield return Case(Reschedule, "a held meeting cannot be rescheduled", At(Reschedule, $"{Api}/meetings/{{MH}}/rescheduling"), 409);
        yield return Case(Cancel, "reason only spaces", Field(Cancel, "reason", " "));

        yield return Case(Hold, "unknown presence", Field(Hold, "attendance[0].presence", "online"));
        yield return Case(Hold, "a delegate without a name", Field(Hold, "attendance[0].presence", "delegate"));
        yield return Case(Hold, "invitee missing", Field(Hold, "attendance[0].inviteeId", Remove));
        yield return Case(Hold, "an invitee listed twice", h => Field(Hold, "attendance", JsonNode.Parse(Fill(h, """[{"inviteeId":"{K}","presence":"present"},{"inviteeId":"{K}","presence":"absent"}]""")))(h));
        yield return Case(Hold, "attendance of someone not invited", h => Field(Hold, "attendance[0].inviteeId", h.Values["K2"])(h), 422);
        yield return Case(Hold, "a held meeting cannot be held again", At(Hold, $"{Api}/meetings/{{MH}}/holding"), 409);
        yield return Case(Hold, "a meeting in the future cannot be held", async h =>
        {
            var future = await ((MeetingsCorpusHost)h).PostAsync($"{Api}/meetings", ScheduleBody);
            return await At(Hold, $"{Api}/meetings/{future}/holding")(h);
        }, 422);

        yield return Case(RaiseDifficulty, "unknown topic", Field(RaiseDifficulty, "topic", "weather"));
        yield return Case(RaiseDifficulty, "raised by an enterprise not invited", h => Field(RaiseDifficulty, "enterpriseId", h.Values["K2"])(h), 422);
        yield return Case(RaiseDifficulty, "text missing", Field(RaiseDifficulty, "text", Remove));
        yield return Case(RaiseDifficulty, "at a meeting not yet held", At(RaiseDifficulty, $"{Api}/meetings/{{MS}}/difficulties"), 409);
        yield return Case(Resolve, "resolution missing", Raw(Resolve, "{}"));
        yield return Case(Resolve, "an escalated difficulty", At(Resolve, $"{Api}/meetings/{{MH}}/difficulties/{{D2}}/resolution"), 409);
        yield return Case(Conclude, "text missing", Raw(Conclude, "{}"));
        yield return Case(Minutes, "summary of 4001 characters", Field(Minutes, "summary", new string('s', 4001)));
        yield return Case(Minutes, "minutes already published", At(Minutes, $"{Api}/meetings/{{MP}}/minutes"), 409);
        yield return Case(Amend, "minutes not yet published", At(Amend, $"{Api}/meetings/{{MH}}/amendments"), 409);
        yield return Case(Amend, "reason missing", Field(Amend, "reason", Remove));

        yield return Case(Assign, "deadline in the past", Field(Assign, "deadline", "2020-01-01"), 422);
        yield return Case(Assign, "deadline in month 13", Field(Assign, "deadline", "2027-13-01"));
        yield return Case(Assign, "unknown kind of assignee", Field(Assign, "assigneeKind", "contractor"));
        yield return Case(Assign, "an enterprise assignee without its id", Field(Assign, "assigneeKind", "enterprise"));
        yield return Case(Assign, "the Ministry without an escalation", Field(Assign, "assigneeKind", "ministry"), 422);
        yield return Case(Assign, "a difficulty without its meeting", h => Field(Assign, "difficultyId", h.Values["D1"])(h));
        yield return Case(Assign, "meeting unknown", Field(Assign, "meetingId", Guid.NewGuid().ToString()), 422);
        yield return Case(Assign, "meeting id of an agreement (wrong kind)", h => Field(Assign, "meetingId", h.Values["G"])(h), 422);
        yield return Case(Assign, "escalation id of a meeting (wrong kind)", h => Fields(Assign, ("assigneeKind", "peoples-committee"), ("escalationId", h.Values["MH"]))(h), 422);
        yield return Case(Assign, "escalation unknown (a task from an answer to a unit)", Field(Assign, "escalationId", Guid.NewGuid().ToString()), 422);
        yield return Case(Assign, "escalation id not a GUID", Field(Assign, "escalationId", "kien-nghi-1"));
        yield return Case(Assign, "title missing", Field(Assign, "title", Remove));
        yield return Case(Progress, "negative percent", Field(Progress, "percent", -1));
        yield return Case(Progress, "percent 101", Field(Progress, "percent", 101));
        yield return Case(Progress, "percent 2147483648 (over int)", Json(Progress, b => Set(b, "percent", JsonNode.Parse("2147483648"))));
        yield return Case(Progress, "note missing", Field(Progress, "note", Remove));
        yield return Case(Complete, "completed in the future", h => Field(Complete, "completedOn", Days(5))(h), 422);
        yield return Case(Complete, "completed before it was assigned", Field(Complete, "completedOn", "2020-01-01"), 422);
        yield return Case(Complete, "evidence missing", Field(Complete, "evidence", Remove));
        yield return Case(CancelItem, "reason missing", Raw(CancelItem, "{}"));

        yield return Case(Escalate, "to an unknown body", Field(Escalate, "to", "president"));
        yield return Case(Escalate, "no difficulties", Field(Escalate, "difficulties", new JsonArray()));
        yield return Case(Escalate, "the same difficulty twice", h => Field(Escalate, "difficulties", JsonNode.Parse(Fill(h, """[{"meetingId":"{MH}","difficultyId":"{D1}"},{"meetingId":"{MH}","difficultyId":"{D1}"}]""")))(h));
        yield return Case(Escalate, "meeting unknown", Field(Escalate, "difficulties[0].meetingId", Guid.NewGuid().ToString()), 422);
        yield return Case(Escalate, "meeting id of an action item (wrong kind)", h => Field(Escalate, "difficulties[0].meetingId", h.Values["A"])(h), 422);
        yield return Case(Escalate, "difficulty already escalated", h => Field(Escalate, "difficulties[0].difficultyId", h.Values["D2"])(h), 409);
        yield return Case(Escalate, "escalated in the future", h => Field(Escalate, "escalatedOn", Days(3))(h), 422);
        yield return Case(Escalate, "difficulty id missing", Field(Escalate, "difficulties[0].difficultyId", Remove));
        yield return Case(Answer, "answered in the future", h => Field(Answer, "respondedOn", Days(3))(h), 422);
        yield return Case(Answer, "answered before the escalation", Field(Answer, "respondedOn", "2020-01-01"), 422);
        yield return Case(Answer, "response missing", Field(Answer, "response", Remove));

        yield return Case(Draft, "year 1999", Field(Draft, "year", 1999));
        yield return Case(Draft, "year 2101", Field(Draft, "year", 2101));
        yield return Case(Draft, "negative year", Field(Draft, "year", -2031));
        yield return Case(Draft, "year as text", Field(Draft, "year", "năm 2031"));
        yield return Case(Draft, "no enterprises", Field(Draft, "enterpriseIds", new JsonArray()));
        yield return Case(Draft, "no commitments", Field(Draft, "commitments", new JsonArray()));
        yield return Case(Draft, "unknown commitment category", Field(Draft, "commitments[0].category", "sports"));
        yield return Case(Draft, "unknown cadence", Field(Draft, "commitments[0].cadence", "hourly"));
        yield return Case(Draft, "a year that already has an agreement", Field(Draft, "year", 2030), 409);
        yield return Case(Draft, "enterprise unknown to the Registry", Field(Draft, "enterpriseIds", new JsonArray(Guid.NewGuid().ToString())), 422);
        yield return Case(Sign, "signed in the future", h => Field(Sign, "signedOn", Days(3))(h), 422);
        yield return Case(Sign, "signed on 29 February of a common year", Field(Sign, "signedOn", "2027-02-29"));
        yield return Case(Sign, "an enterprise not a party", h => Field(Sign, "enterpriseId", h.Values["K2"])(h), 422);
        yield return Case(Sign, "signer missing", Field(Sign, "signedBy", Remove));
        yield return Case(Renew, "a draft agreement cannot be renewed", At(Renew, Renew.Path), 409);
    }

    /// <summary>Accepted, and stored clean: title, place and agenda sent decomposed (NFD) are stored composed (NFC).</summary>
    private static IEnumerable<CorpusCase> Accepted()
    {
        yield return new CorpusCase(S, Schedule.Key, "accepted: decomposed title, place and agenda are stored NFC",
            Fields(Schedule, ("title", "Đối thoại doanh nghiệp Bưu chính".Normalize(NormalizationForm.FormD)),
                ("place", "Hội trường Ủy ban".Normalize(NormalizationForm.FormD)),
                ("agenda", new JsonArray("Tháo gỡ vướng mắc".Normalize(NormalizationForm.FormD)))),
            [201], Appended: 1, Verify: async (h, body) =>
            {
                await using var session = h.Store.QuerySession();
                var meeting = (await session.LoadAsync<Meeting>(body.GetProperty("id").GetGuid()))!;
                Assert.Equal(("Đối thoại doanh nghiệp Bưu chính", "Hội trường Ủy ban", "Tháo gỡ vướng mắc"), (meeting.Title, meeting.Place, meeting.Agenda[0]));
                Assert.True(meeting.Title.IsNormalized(NormalizationForm.FormC) && meeting.Agenda[0].IsNormalized(NormalizationForm.FormC));
            });
    }
}
