using System.Net;
using System.Net.Http.Json;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

public class MeetingApiTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private const string Meetings = "/api/meetings/meetings";

    [Fact]
    public async Task A_meeting_is_scheduled_held_concluded_and_its_minutes_published_then_only_amended()
    {
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var vnpt = await host.KnownEnterpriseAsync("VNPT");
        var created = await _client.PostAsJsonAsync(Meetings, Briefing([viettel, vnpt]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var id = await IdOf(created);
        Assert.Equal($"/api/meetings/meetings/{id}", created.Headers.Location?.OriginalString);
        var detail = await (await _client.GetAsync($"{Meetings}/{id}")).ExpectAsync(HttpStatusCode.OK);
        var official = detail.GetProperty("meeting").GetProperty("officials")[0].GetProperty("id").GetGuid();

        var before = await host.EventCountAsync();
        var stranger = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/holding", new { attendance = new[] { new { inviteeId = Guid.NewGuid(), presence = "present" } } }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-invited", stranger.GetProperty("code").GetString());
        var invalid = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/holding", new { attendance = new object[] { new { inviteeId = viettel, presence = "delegate" }, new { inviteeId = vnpt, presence = "asleep" } } }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["attendance[0].delegateName", "attendance[1].presence"], invalid.FieldErrors());
        var stale = await (await _client.SendAsync(HttpMethod.Post, $"{Meetings}/{id}/holding", new { attendance = Array.Empty<object>() }, "\"7\"")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("concurrency-conflict", stale.GetProperty("code").GetString());
        Assert.Equal(before, await host.EventCountAsync());

        var held = await _client.SendAsync(HttpMethod.Post, $"{Meetings}/{id}/holding", new
        {
            attendance = new object[] { new { inviteeId = viettel, presence = "present" }, new { inviteeId = vnpt, presence = "delegate", delegateName = "Lê Văn Cường" }, new { inviteeId = official, presence = "present" } },
        }, "\"1\"");
        await held.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", held.Headers.ETag?.Tag);

        var difficulty = await ItemIdOf(await _client.PostAsJsonAsync($"{Meetings}/{id}/difficulties", new { enterpriseId = viettel, topic = "land-and-permits", text = "Cấp phép trạm BTS <chậm>" }));
        var notInvited = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/difficulties", new { enterpriseId = Guid.NewGuid(), topic = "other", text = "x" })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("not-invited", notInvited.GetProperty("code").GetString());
        var other = await ItemIdOf(await _client.PostAsJsonAsync($"{Meetings}/{id}/difficulties", new { enterpriseId = vnpt, topic = "reporting", text = "Mẫu báo cáo phức tạp" }));
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/difficulties/{other}/resolution", new { resolution = "Sở hướng dẫn tại hội nghị" })).ExpectAsync(HttpStatusCode.OK);
        var twice = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/difficulties/{other}/resolution", new { resolution = "lại" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("difficulty-already-answered", twice.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/difficulties/{Guid.NewGuid()}/resolution", new { resolution = "x" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/conclusions", new { text = "Doanh nghiệp báo cáo số trạm BTS dùng chung" })).ExpectAsync(HttpStatusCode.Created);
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/conclusions", new { text = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PostAsJsonAsync("/api/meetings/action-items", new
        {
            meetingId = id, difficultyId = difficulty, title = "Báo cáo trạm BTS", assigneeKind = "enterprise", assigneeEnterpriseId = viettel, deadline = Today,
        })).ExpectAsync(HttpStatusCode.Created);

        var notYet = await (await _client.GetAsync($"{Meetings}/{id}/minutes")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("minutes-not-published", notYet.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/minutes", new { summary = "Thống nhất" })).ExpectAsync(HttpStatusCode.OK);
        var closed = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/conclusions", new { text = "Thêm sau" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("minutes-published", closed.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/amendments", new { change = "x" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/amendments", new { reason = "Ghi nhầm tên đại biểu", change = "Đại biểu VNPT là ông Lê Văn Cường" })).ExpectAsync(HttpStatusCode.OK);

        var page = await _client.GetAsync($"{Meetings}/{id}/minutes");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("BIÊN BẢN", html);
        Assert.Contains("Cấp phép trạm BTS &lt;chậm&gt;", html);
        Assert.Contains("Cử đại diện: Lê Văn Cường", html);
        Assert.Contains("Ghi nhầm tên đại biểu", html);

        detail = await (await _client.GetAsync($"{Meetings}/{id}")).ExpectAsync(HttpStatusCode.OK);
        var meeting = detail.GetProperty("meeting");
        Assert.Equal("minutes-published", meeting.GetProperty("status").GetString());
        Assert.Equal("action-item", meeting.GetProperty("difficulties").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == difficulty).GetProperty("response").GetString());
        Assert.Single(detail.GetProperty("actionItems").EnumerateArray());
        Assert.Equal(["delegate", "present", "present"], meeting.GetProperty("attendance").EnumerateArray().Select(a => a.GetProperty("presence").GetString()).Order());
    }

    [Fact]
    public async Task The_calendar_is_paged_with_its_filters_kept_and_a_page_past_the_end_keeps_the_total()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var day = DateOnly.Parse(Today).AddDays(30);
        var ids = new List<Guid>();
        foreach (var (kind, offset) in new[] { ("dialogue", 0), ("dialogue", 1), ("dialogue", 2), ("annual-review-conference", 3) })
            ids.Add(await IdOf(await _client.PostAsJsonAsync(Meetings, new
            {
                kind, title = $"Đối thoại {tag}", date = day.AddDays(offset).ToString("yyyy-MM-dd"), place = "Hội trường", chair = "Giám đốc Sở",
                agenda = new[] { "Tháo gỡ khó khăn" },
            })));

        async Task<string> PageAsync(string filters)
        {
            var read = await (await _client.GetAsync($"{Meetings}?q={tag}&{filters}")).ExpectAsync(HttpStatusCode.OK);
            var items = read.GetProperty("items").EnumerateArray().Select(m => ids.IndexOf(m.GetProperty("id").GetGuid()));
            return $"{read.GetProperty("total").GetInt64()} ({read.GetProperty("page").GetInt32()}/{read.GetProperty("pageSize").GetInt32()}): {string.Join(" ", items)}";
        }
        Assert.Equal("4 (1/50): 0 1 2 3", await PageAsync("")); // 50 a page unless asked
        Assert.Equal("3 (1/2): 0 1", await PageAsync("kind=dialogue&pageSize=2"));
        Assert.Equal("3 (2/2): 2", await PageAsync("kind=dialogue&page=2&pageSize=2"));
        Assert.Equal("3 (3/2): ", await PageAsync("kind=dialogue&page=3&pageSize=2"));
        Assert.Equal($"2 (2/1): 2", await PageAsync($"from={day.AddDays(1):yyyy-MM-dd}&to={day.AddDays(2):yyyy-MM-dd}&page=2&pageSize=1"));
        Assert.Equal(["pageSize"], (await (await _client.GetAsync($"{Meetings}?pageSize=201")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
    }

    [Fact]
    public async Task Calendar_lists_by_date_and_searches_without_diacritics_and_lifecycle_errors_are_refused()
    {
        var future = DateOnly.Parse(Today).AddDays(20).ToString("yyyy-MM-dd");
        var id = await IdOf(await _client.PostAsJsonAsync(Meetings, new
        {
            kind = "dialogue", title = "Đối thoại doanh nghiệp Trà Vinh", date = future, place = "Hội trường", chair = "Giám đốc Sở",
            agenda = new[] { "Tháo gỡ khó khăn" },
        }));
        var calendar = await (await _client.GetAsync($"{Meetings}?q=%C4%90oi%20thoai%20doanh%20nghiep&from={Today}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(calendar.GetProperty("items").EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        await (await _client.GetAsync($"{Meetings}?kind=party")).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var early = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/holding", new { attendance = Array.Empty<object>() })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("meeting-not-yet-due", early.GetProperty("code").GetString());
        var minutes = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/minutes", new { })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("meeting-scheduled", minutes.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/rescheduling", new { date = future, place = "Phòng họp số 2", reason = "Trùng lịch" })).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/cancellation", new { })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.PostAsJsonAsync($"{Meetings}/{id}/cancellation", new { reason = "Bão số 5" })).ExpectAsync(HttpStatusCode.OK);
        var cancelled = await (await _client.PostAsJsonAsync($"{Meetings}/{id}/rescheduling", new { date = future, reason = "x" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("meeting-cancelled", cancelled.GetProperty("code").GetString());

        await (await _client.GetAsync($"{Meetings}/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsJsonAsync($"{Meetings}/{Guid.NewGuid()}/cancellation", new { reason = "x" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        var invalid = await (await _client.PostAsJsonAsync(Meetings, new { kind = "party" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["agenda", "chair", "date", "kind", "place", "title"], invalid.FieldErrors());
        var unknown = await (await _client.PostAsJsonAsync(Meetings, Briefing([Guid.NewGuid()]))).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-enterprise", unknown.GetProperty("code").GetString());
    }
}
