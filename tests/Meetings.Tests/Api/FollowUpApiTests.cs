using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Contracts.Meetings;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

public class FollowUpApiTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private const string Items = "/api/meetings/action-items";

    [Fact]
    public async Task A_difficulty_is_escalated_an_escalated_action_item_assigned_and_the_answer_recorded()
    {
        await using var outside = await OutsideConsumer.StartAsync(host.MessagingUri,
            IntegrationEventNames.ExchangeFor<IssueEscalatedV1>(), IntegrationEventNames.ExchangeFor<ActionItemAssignedV1>(), IntegrationEventNames.ExchangeFor<MeetingHeldV1>());
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var meeting = await host.HeldMeetingAsync(_client, viettel);
        var difficulty = await ItemIdOf(await _client.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/difficulties", new { enterpriseId = viettel, topic = "land-and-permits", text = "Cấp phép BTS chậm" }));

        var notEscalated = await (await _client.PostAsJsonAsync(Items, new { title = "Ban hành quy định", assigneeKind = "peoples-committee", deadline = Today })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-escalated", notEscalated.GetProperty("code").GetString());
        var invalid = await (await _client.PostAsJsonAsync("/api/meetings/escalations", new { to = "governor", difficulties = new[] { new { meetingId = meeting } } })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["difficulties[0].difficultyId", "summary", "to"], invalid.FieldErrors());

        var created = await _client.PostAsJsonAsync("/api/meetings/escalations", new
        {
            to = "peoples-committee", summary = "Đề nghị UBND tỉnh chỉ đạo rút ngắn thủ tục cấp phép BTS", difficulties = new[] { new { meetingId = meeting, difficultyId = difficulty } },
        });
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var escalation = await IdOf(created);
        var again = await (await _client.PostAsJsonAsync("/api/meetings/escalations", new { to = "ministry", summary = "x", difficulties = new[] { new { meetingId = meeting, difficultyId = difficulty } } }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("difficulty-already-answered", again.GetProperty("code").GetString());

        var item = await IdOf(await _client.PostAsJsonAsync(Items, new { meetingId = meeting, escalationId = escalation, title = "Ban hành quy định cấp phép BTS", assigneeKind = "peoples-committee", deadline = Today }));
        var tracker = (await (await _client.GetAsync($"{Items}?assigneeKind=peoples-committee")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal("Ủy ban nhân dân tỉnh", tracker.EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == item).GetProperty("assignee").GetProperty("name").GetString());
        // The escalation's tasks (its page lists them): this one, and none of another escalation's or of no escalation.
        var unit = await IdOf(await _client.PostAsJsonAsync(Items, new { escalationId = escalation, title = "Hướng dẫn doanh nghiệp", assigneeKind = "department-unit", assigneeName = "Phòng Bưu chính Viễn thông", deadline = Today }));
        var fromEscalation = (await (await _client.GetAsync($"{Items}?escalationId={escalation}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(new[] { item, unit }.Order(), fromEscalation.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.Equal(0, (await (await _client.GetAsync($"{Items}?escalationId={Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        var register = (await (await _client.GetAsync("/api/meetings/escalations?answered=false")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(0, register.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == escalation).GetProperty("ageDays").GetInt32());
        await (await _client.GetAsync("/api/meetings/escalations?to=x")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PostAsJsonAsync($"/api/meetings/escalations/{escalation}/response", new { response = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.SendAsync(HttpMethod.Post, $"/api/meetings/escalations/{escalation}/response", new { response = "UBND tỉnh giao Sở Xây dựng hướng dẫn" }, "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        var twice = await (await _client.PostAsJsonAsync($"/api/meetings/escalations/{escalation}/response", new { response = "lại" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-answered", twice.GetProperty("code").GetString());
        var answered = await (await _client.GetAsync($"/api/meetings/escalations/{escalation}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(answered.GetProperty("answered").GetBoolean());
        await (await _client.GetAsync($"/api/meetings/escalations/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        var detail = await (await _client.GetAsync($"/api/meetings/meetings/{meeting}")).Json();
        Assert.Equal("escalated", detail.GetProperty("meeting").GetProperty("difficulties")[0].GetProperty("response").GetString());

        var messages = await Eventually.Until(() => Task.FromResult(outside.Received.ToList()), m =>
            m.Any(x => x.Body.TryGetProperty("escalationId", out var e) && e.GetGuid() == escalation && x.Body.TryGetProperty("summary", out _))
            && m.Any(x => x.Body.TryGetProperty("actionItemId", out var a) && a.GetGuid() == item)
            && m.Any(x => x.Body.TryGetProperty("attendingEnterpriseIds", out _)), what: "held, escalated, assigned published");
        var escalated = messages.Single(m => m.Body.TryGetProperty("escalationId", out var e) && e.GetGuid() == escalation && m.Body.TryGetProperty("summary", out _)).Body;
        Assert.Equal("peoples-committee", escalated.GetProperty("to").GetString());
        Assert.Equal(1, escalated.GetProperty("difficultyCount").GetInt32());
        Assert.Contains(messages, m => m.Body.TryGetProperty("actionItemId", out var a) && a.GetGuid() == item);
        Assert.Contains(messages, m => m.Body.TryGetProperty("attendingEnterpriseIds", out var a) && a.EnumerateArray().Any(x => x.GetGuid() == viettel));
    }

    [Fact]
    public async Task Action_items_progress_complete_and_cancel_with_a_timeline_and_statistics()
    {
        var invalid = await (await _client.PostAsJsonAsync(Items, new { assigneeKind = "robot" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["assigneeKind", "deadline", "title"], invalid.FieldErrors());
        var unknownMeeting = await (await _client.PostAsJsonAsync(Items, new { meetingId = Guid.NewGuid(), title = "x", assigneeKind = "department-unit", assigneeName = "Phòng", deadline = Today }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-meeting", unknownMeeting.GetProperty("code").GetString());
        var unit = "Phòng Bưu chính Viễn thông " + Guid.NewGuid().ToString("N")[..6];
        var id = await IdOf(await _client.PostAsJsonAsync(Items, new { title = "Tổng hợp kết quả 8 tháng", assigneeKind = "department-unit", assigneeName = unit, deadline = DateOnly.Parse(Today).AddDays(5) }));
        await (await _client.PostAsJsonAsync($"{Items}/{id}/progress", new { note = "Đã nhận 3/5 báo cáo", percent = 60 })).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsJsonAsync($"{Items}/{id}/progress", new { note = "x", percent = 101 })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PostAsJsonAsync($"{Items}/{id}/completion", new { })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var done = await _client.SendAsync(HttpMethod.Post, $"{Items}/{id}/completion", new { evidence = "Công văn số 123/STTTT-BCVT" }, "\"2\"");
        await done.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"3\"", done.Headers.ETag?.Tag);
        var closed = await (await _client.PostAsJsonAsync($"{Items}/{id}/cancellation", new { reason = "x" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("action-item-done", closed.GetProperty("code").GetString());

        var item = await (await _client.GetAsync($"{Items}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("done", true, 100), (item.GetProperty("item").GetProperty("status").GetString(), item.GetProperty("item").GetProperty("completedOnTime").GetBoolean(),
            item.GetProperty("item").GetProperty("percent").GetInt32()));
        Assert.Equal(3, item.GetProperty("timeline").GetArrayLength());
        await (await _client.GetAsync($"{Items}/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsJsonAsync($"{Items}/{Guid.NewGuid()}/progress", new { note = "x" })).ExpectProblemAsync(HttpStatusCode.NotFound);

        var other = await IdOf(await _client.PostAsJsonAsync(Items, new { title = "Việc bỏ", assigneeKind = "department-unit", assigneeName = unit, deadline = Today }));
        await (await _client.PostAsJsonAsync($"{Items}/{other}/cancellation", new { reason = "Không còn cần thiết" })).ExpectAsync(HttpStatusCode.OK);
        var stats = await (await _client.GetAsync($"{Items}/statistics?by=assignee")).ExpectAsync(HttpStatusCode.OK);
        var row = stats.EnumerateArray().Single(r => r.GetProperty("name").GetString() == unit);
        Assert.Equal((2, 1, 1, 100.0m), (row.GetProperty("total").GetInt32(), row.GetProperty("completedOnTime").GetInt32(), row.GetProperty("cancelled").GetInt32(), row.GetProperty("completedPercent").GetDecimal()));
        await (await _client.GetAsync($"{Items}/statistics?by=colour")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync($"{Items}/statistics?by=meeting")).ExpectAsync(HttpStatusCode.OK);
        await (await _client.GetAsync($"{Items}?status=late")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var byAssignee = await (await _client.GetAsync($"{Items}?assignee={Uri.EscapeDataString(row.GetProperty("key").GetString()!)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, byAssignee.GetProperty("items").GetArrayLength());
        Assert.Equal(2, byAssignee.GetProperty("total").GetInt32());
        // Paged: one a page, the second page holds the other task; a page size over 200 is refused.
        var second = await (await _client.GetAsync($"{Items}?assignee={Uri.EscapeDataString(row.GetProperty("key").GetString()!)}&page=2&pageSize=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((2, 2, 1), (second.GetProperty("total").GetInt32(), second.GetProperty("page").GetInt32(), second.GetProperty("items").GetArrayLength()));
        Assert.NotEqual(byAssignee.GetProperty("items")[0].GetProperty("id").GetGuid(), second.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(["pageSize"], (await (await _client.GetAsync($"{Items}?pageSize=201")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
        Assert.Equal(["page"], (await (await _client.GetAsync("/api/meetings/escalations?page=0")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
    }
}
