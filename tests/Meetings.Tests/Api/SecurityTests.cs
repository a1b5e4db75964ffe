using System.Net;
using System.Net.Http.Json;
using Marten;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts.Meetings;
using Platform.Meetings.Meetings;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Meetings.Tests.Api;

public class SecurityTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private readonly HttpClient _manager = host.CreateClient();
    private const string RepresentativeUser = "test-enterprise-representative";
    private static int _year = 2060; // one agreement per year: every agreement of this class gets its own

    private static int NextYear() => Interlocked.Increment(ref _year);

    private async Task<Guid> DifficultyAsync(Guid meeting, Guid enterprise) =>
        await ItemIdOf(await _manager.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/difficulties", new { enterpriseId = enterprise, topic = "licensing", text = "Thủ tục cấp phép chậm" }));

    private async Task<Guid> ActionItemAsync(Guid enterprise, Guid? meeting = null) =>
        await IdOf(await _manager.PostAsJsonAsync("/api/meetings/action-items", new
        {
            meetingId = meeting, title = "Báo cáo số trạm BTS dùng chung", assigneeKind = "enterprise", assigneeEnterpriseId = enterprise,
            deadline = DateOnly.Parse(Today).AddDays(30),
        }));

    private async Task<Guid> AgreementAsync(int year, params Guid[] enterprises) =>
        await IdOf(await _manager.PostAsJsonAsync("/api/meetings/agreements", new
        {
            year, title = $"Chương trình phối hợp năm {year}", enterpriseIds = enterprises,
            commitments = new[] { new { text = "Giao ban 6 tháng một lần", category = "briefing", party = "both", cadence = "six-monthly" } },
        }));

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_policy_says_and_a_representative_never_touches_another_enterprise()
    {
        var startedAt = DateTimeOffset.UtcNow; // other tests of this class share the host and its representative user
        var (a, b) = (await host.KnownEnterpriseAsync("A"), await host.KnownEnterpriseAsync("B"));
        // For each enterprise: a meeting it was invited to (held), two difficulties it raised there, a task assigned to it, an agreement it is party to.
        var (meetingA, meetingB) = (await host.HeldMeetingAsync(_manager, a), await host.HeldMeetingAsync(_manager, b));
        var (difficultyA, difficultyB) = (await DifficultyAsync(meetingA, a), await DifficultyAsync(meetingB, b));
        var (pendingA, pendingB) = (await DifficultyAsync(meetingA, a), await DifficultyAsync(meetingB, b));
        var (itemA, itemB) = (await ActionItemAsync(a, meetingA), await ActionItemAsync(b, meetingB));
        var (agreementA, agreementB) = (await AgreementAsync(NextYear(), a), await AgreementAsync(NextYear(), b));
        var otherDifficulty = await DifficultyAsync(meetingA, a);
        var escalation = await IdOf(await _manager.PostAsJsonAsync("/api/meetings/escalations", new
        {
            to = "peoples-committee", summary = "Đề nghị UBND tỉnh chỉ đạo", difficulties = new[] { new { meetingId = meetingA, difficultyId = otherDifficulty } },
        }));
        var c = await host.KnownEnterpriseAsync("C");

        const string M = "/api/meetings/meetings", I = "/api/meetings/action-items", E = "/api/meetings/escalations", G = "/api/meetings/agreements";
        string[] departmentRead = [Officer, Manager, Auditor];
        string[] enterpriseRead = [Officer, Manager, Auditor, Representative];
        string[] enterpriseAct = [Officer, Manager, Representative];
        Guarded[] endpoints =
        [
            // Meetings: Department officers run them, a manager cancels; the parties read them.
            new("POST", M, Briefing([c]), Officer, Manager),
            new("POST", $"{M}/{{MEETING}}/rescheduling", new { date = Today, reason = "Trùng lịch" }, Officer, Manager),
            new("POST", $"{M}/{{MEETING}}/cancellation", new { reason = "Hoãn" }, Manager),
            new("POST", $"{M}/{{MEETING}}/holding", new { attendance = Array.Empty<object>() }, Officer, Manager),
            new("POST", $"{M}/{{MEETING}}/difficulties", new { enterpriseId = "{A}", topic = "other", text = "Khó khăn" }, Officer, Manager),
            new("POST", $"{M}/{{MEETING}}/difficulties/{{DIFFICULTY}}/resolution", new { resolution = "Đã giải đáp" }, Officer, Manager),
            new("POST", $"{M}/{{MEETING}}/conclusions", new { text = "Kết luận" }, Officer, Manager),
            new("POST", $"{M}/{{MEETING}}/minutes", new { summary = "Biên bản" }, Officer, Manager),
            new("POST", $"{M}/{{MEETING}}/amendments", new { reason = "Sai chính tả", change = "Sửa tên" }, Officer, Manager),
            new("GET", M, null, enterpriseRead),
            new("GET", $"{M}/{{MEETING}}", null, enterpriseRead),
            new("GET", $"{M}/{{MEETING}}/minutes", null, enterpriseRead),
            // Action items: officers assign; the assignee's representative reports progress and completion; a manager cancels.
            new("POST", I, new { title = "Việc", assigneeKind = "enterprise", assigneeEnterpriseId = "{A}", deadline = Today }, Officer, Manager),
            new("POST", $"{I}/{{ITEM}}/progress", new { note = "Đã làm 50%", percent = 50 }, enterpriseAct),
            new("POST", $"{I}/{{ITEM}}/completion", new { evidence = "Công văn 12/BC" }, enterpriseAct),
            new("POST", $"{I}/{{ITEM}}/cancellation", new { reason = "Không cần nữa" }, Manager),
            new("GET", I, null, enterpriseRead),
            new("GET", $"{I}/{{ITEM}}", null, enterpriseRead),
            new("GET", $"{I}/statistics", null, departmentRead),
            // Escalations: managers only; the Department and auditors read them.
            new("POST", E, new { to = "ministry", summary = "Kiến nghị Bộ", difficulties = new[] { new { meetingId = "{MEETING}", difficultyId = "{PENDING}" } } }, Manager),
            new("POST", $"{E}/{escalation}/response", new { response = "UBND tỉnh đã chỉ đạo" }, Manager),
            new("GET", E, null, departmentRead),
            new("GET", $"{E}/{escalation}", null, departmentRead),
            // Agreements: officers draft and renew; each party signs for itself; the parties read them.
            new("POST", G, new { year = NextYear(), title = "Chương trình phối hợp", enterpriseIds = new[] { c },
                commitments = new[] { new { text = "Báo cáo", category = "reporting", party = "enterprises" } } }, Officer, Manager),
            new("POST", $"{G}/{{AGREEMENT}}/signatures", new { enterpriseId = "{A}", signedBy = "Giám đốc", signedOn = Today }, enterpriseAct),
            new("POST", $"{G}/{{AGREEMENT}}/renewal", null, Officer, Manager),
            new("GET", G, null, enterpriseRead),
            new("GET", $"{G}/{{AGREEMENT}}", null, enterpriseRead),
            // The change feed: the Department, auditors and outside systems.
            new("GET", "/api/meetings/feed", null, Officer, Manager, Auditor, ExternalSystem),
        ];

        Func<string, string> Ids(Guid enterprise, Guid meeting, Guid difficulty, Guid pending, Guid item, Guid agreement) => text => text
            .Replace("{A}", enterprise.ToString()).Replace("{MEETING}", meeting.ToString()).Replace("{DIFFICULTY}", difficulty.ToString())
            .Replace("{PENDING}", pending.ToString()).Replace("{ITEM}", item.ToString()).Replace("{AGREEMENT}", agreement.ToString());
        var before = await host.EventCountAsync();
        var (cells, failures) = await AuthorizationMatrix.RunAsync(host, endpoints, a,
            Ids(a, meetingA, difficultyA, pendingA, itemA, agreementA), Ids(b, meetingB, difficultyB, pendingB, itemB, agreementB));
        Assert.Empty(failures);
        Assert.Equal(29, endpoints.Length);
        Assert.Equal(endpoints.Length * 6 + endpoints.Count(e => e.Scoped), cells);
        Assert.Equal(29 * 6 + 19, cells); // 29 endpoints × 6 callers, and 19 enterprise-scoped endpoints tried with B's ids
        Assert.True(await host.EventCountAsync() > before); // the allowed calls did write

        await using var session = host.Store.QuerySession();
        // B's meeting, task and agreement hold nothing written by A's representative.
        foreach (var stream in new[] { meetingB, itemB, agreementB })
            Assert.DoesNotContain(await session.Events.FetchStreamAsync(stream), e => e.UserName == RepresentativeUser);
        Assert.Empty((await session.LoadAsync<Platform.Meetings.Actions.ActionItem>(itemB))!.Notes);
        Assert.Empty((await session.LoadAsync<Platform.Meetings.Agreements.CooperationAgreement>(agreementB))!.Signatures);
        // What the representative wrote (progress on its own task) is recorded as acting for A.
        var byRepresentative = (await session.Events.QueryAllRawEvents().ToListAsync()).Where(e => e.Timestamp >= startedAt && e.UserName == RepresentativeUser).ToList();
        Assert.Contains(byRepresentative, e => e.StreamId == itemA && e.Data is Platform.Meetings.Actions.ActionItemProgressNoted);
        Assert.All(byRepresentative, e => Assert.Equal(a.ToString(), e.GetHeader(AuditedSessionFactory.ActingForHeader)?.ToString()));
    }

    [Fact]
    public async Task A_representatives_calendar_pages_every_meeting_its_enterprise_is_a_party_to_and_no_other()
    {
        var (a, b) = (await host.KnownEnterpriseAsync("A"), await host.KnownEnterpriseAsync("B"));
        var day = new DateOnly(2071, 1, 1).AddDays(Interlocked.Increment(ref _calendarDay)); // this test's own day on the shared host's calendar
        MeetingScheduled Scheduled(Guid id, params Guid[] invited) => new(id, MeetingKind.QuarterlyBriefing, "Giao ban quý", day, "Sở TT&TT", "Giám đốc Sở", [],
            invited.Select(e => new InvitedEnterprise(e, e == a ? "A" : "B")).ToList(), []);
        var (invited, withdrawn, raised, notConcerned) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var session = host.Store.LightweightSession())
        {
            session.Events.StartStream<Meeting>(invited, Scheduled(invited, a, b));
            session.Events.StartStream<Meeting>(withdrawn, Scheduled(withdrawn, a, b), new InvitationWithdrawn(withdrawn, a, "A", "Doanh nghiệp đã chấm dứt hoạt động"));
            session.Events.StartStream<Meeting>(raised, Scheduled(raised, b), new DifficultyRaised(raised, Guid.NewGuid(), a, "A", DifficultyTopic.Licensing, "Thủ tục chậm"));
            session.Events.StartStream<Meeting>(notConcerned, Scheduled(notConcerned, b));
            await session.SaveChangesAsync();
        }
        Guid[] parties = [invited, withdrawn, raised];
        await using (var query = host.Store.QuerySession()) // the rule the query must say: Meeting.Concerns
            Assert.Equal(parties.Order(), (await query.LoadManyAsync<Meeting>(parties.Append(notConcerned))).Where(m => m.Concerns(a)).Select(m => m.Id).Order());

        var representative = host.CreateClientAs(Representative, a);
        var calendar = $"/api/meetings/meetings?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        var first = await (await representative.GetAsync(calendar + "&pageSize=2")).ExpectAsync(HttpStatusCode.OK);
        var second = await (await representative.GetAsync(calendar + "&pageSize=2&page=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(parties.Order(), first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(m => m.GetProperty("id").GetGuid()).Order());
        var department = await (await _manager.GetAsync(calendar)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(4, department.GetProperty("total").GetInt32());
        var rows = await (await representative.GetAsync(calendar + "&format=csv")).CsvAsync(); // the download says the same
        Assert.Equal(parties.Select(id => id.ToString()).Order(), rows.Skip(1).Select(r => r[9]).Order());
    }

    private static int _calendarDay;

    [Fact]
    public async Task A_representative_acts_for_its_own_enterprise_only_and_sees_only_its_own_in_lists()
    {
        var (a, b) = (await host.KnownEnterpriseAsync("A"), await host.KnownEnterpriseAsync("B"));
        var shared = await host.HeldMeetingAsync(_manager, a, b);
        var onlyB = await host.HeldMeetingAsync(_manager, b);
        var (itemA, itemB, itemBAlone) = (await ActionItemAsync(a, shared), await ActionItemAsync(b, shared), await ActionItemAsync(b, onlyB));
        var unitTask = await IdOf(await _manager.PostAsJsonAsync("/api/meetings/action-items", new
        {
            meetingId = shared, title = "Tổng hợp kết quả", assigneeKind = "department-unit", assigneeName = "Phòng Bưu chính, Viễn thông", deadline = Today,
        }));
        var (agreementBoth, agreementB) = (await AgreementAsync(NextYear(), a, b), await AgreementAsync(NextYear(), b));
        var representative = host.CreateClientAs(Representative, a);

        // Signatures: its own enterprise's only; never the Department's, never B's.
        var before = await host.EventCountAsync();
        await (await representative.PostAsJsonAsync($"/api/meetings/agreements/{agreementBoth}/signatures", new { signedBy = "Giám đốc Sở", signedOn = Today }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await representative.PostAsJsonAsync($"/api/meetings/agreements/{agreementBoth}/signatures", new { enterpriseId = b, signedBy = "Giám đốc B", signedOn = Today }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        // Tasks: not B's, not a Department unit's.
        await (await representative.PostAsJsonAsync($"/api/meetings/action-items/{itemB}/completion", new { evidence = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await representative.PostAsJsonAsync($"/api/meetings/action-items/{unitTask}/progress", new { note = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await host.EventCountAsync());
        await (await representative.PostAsJsonAsync($"/api/meetings/agreements/{agreementBoth}/signatures", new { enterpriseId = a, signedBy = "Giám đốc A", signedOn = Today }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await representative.PostAsJsonAsync($"/api/meetings/action-items/{itemA}/completion", new { evidence = "Công văn 5/A" })).ExpectAsync(HttpStatusCode.OK);

        // The tracker: its own tasks, whatever filter it sends.
        var tracker = (await (await representative.GetAsync($"/api/meetings/action-items?assignee={Uri.EscapeDataString($"enterprise:{b}")}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Empty(tracker.EnumerateArray());
        tracker = (await (await representative.GetAsync("/api/meetings/action-items")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal([itemA], tracker.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        await (await representative.GetAsync($"/api/meetings/action-items/{itemBAlone}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await representative.GetAsync($"/api/meetings/action-items/{unitTask}")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // The calendar: the meetings it was invited to; a shared meeting shows only its own tasks.
        var calendar = await (await representative.GetAsync("/api/meetings/meetings")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([shared], calendar.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        var detail = await (await representative.GetAsync($"/api/meetings/meetings/{shared}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([itemA], detail.GetProperty("actionItems").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var departmentView = await (await _manager.GetAsync($"/api/meetings/meetings/{shared}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, departmentView.GetProperty("actionItems").GetArrayLength());
        await (await representative.GetAsync($"/api/meetings/meetings/{onlyB}")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        // Agreements: those it is party to.
        var agreements = (await (await representative.GetAsync("/api/meetings/agreements")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal([agreementBoth], agreements.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        await (await representative.GetAsync($"/api/meetings/agreements/{agreementB}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var signed = await (await representative.GetAsync($"/api/meetings/agreements/{agreementBoth}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([false, true, false], signed.GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("signed").GetBoolean()));
    }

    [Fact]
    public async Task Health_and_documents_are_anonymous_and_the_document_declares_the_bearer_scheme()
    {
        var anonymous = host.CreateClientAs(null);
        foreach (var path in new[] { "/health", "/alive", "/openapi/v1.json", "/scalar/v1", "/asyncapi.json" })
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        var openapi = await (await anonymous.GetAsync("/openapi/v1.json")).Json();
        Assert.Equal("bearer", openapi.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Without_a_token_nothing_is_written_and_the_answer_is_a_401_problem()
    {
        var enterprise = await host.KnownEnterpriseAsync();
        var item = await ActionItemAsync(enterprise);
        var agreement = await AgreementAsync(NextYear(), enterprise);
        var before = await host.EventCountAsync();

        var anonymous = host.CreateClientAs(null);
        await (await anonymous.PostAsJsonAsync("/api/meetings/meetings", Briefing([enterprise]))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync($"/api/meetings/action-items/{item}/progress", new { note = "x" })).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync($"/api/meetings/agreements/{agreement}/signatures", new { enterpriseId = enterprise, signedBy = "x", signedOn = Today }))
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var forged = host.CreateClientAs(null);
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiZGVwYXJ0bWVudC1tYW5hZ2VyIn0.c2lnbmF0dXJl");
        await (await forged.PostAsJsonAsync("/api/meetings/meetings", Briefing([enterprise]))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        // Signed in but not allowed: 403, nothing written either.
        await (await host.CreateClientAs(Auditor).PostAsJsonAsync($"/api/meetings/action-items/{item}/progress", new { note = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Every_event_records_who_in_which_role_for_whom_and_the_correlation_id_and_the_timeline_shows_it()
    {
        var enterprise = await host.KnownEnterpriseAsync();
        var item = await IdOf(await host.CreateClientAs(Officer).PostAsJsonAsync("/api/meetings/action-items", new
        {
            title = "Báo cáo chất lượng dịch vụ", assigneeKind = "enterprise", assigneeEnterpriseId = enterprise, deadline = Today,
        }));
        var representative = host.CreateClientAs(Representative, enterprise);
        await (await representative.PostAsJsonAsync($"/api/meetings/action-items/{item}/progress", new { note = "Đã gửi 2/3 chỉ tiêu", percent = 60 })).ExpectAsync(HttpStatusCode.OK);
        await (await _manager.PostAsJsonAsync($"/api/meetings/action-items/{item}/completion", new { evidence = "Công văn 7/BC" })).ExpectAsync(HttpStatusCode.OK);

        // Stored with the events…
        await using var session = host.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(item);
        Assert.Equal(["test-department-officer", RepresentativeUser, "test-manager"], events.Select(e => e.UserName));
        Assert.Equal(["department-officer", "enterprise-representative", "department-manager"],
            events.Select(e => e.GetHeader(AuditedSessionFactory.RoleHeader)?.ToString()));
        Assert.Equal(["department", enterprise.ToString(), "department"], events.Select(e => e.GetHeader(AuditedSessionFactory.ActingForHeader)?.ToString()));
        Assert.All(events, e => Assert.Matches("^[0-9a-f]{32}$", e.CorrelationId));

        // …and shown in the timeline, to the representative too.
        var timeline = (await (await representative.GetAsync($"/api/meetings/action-items/{item}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(3, timeline.Count);
        Assert.Equal(("test-department-officer", "department-officer", "department"),
            (timeline[0].GetProperty("userName").GetString(), timeline[0].GetProperty("role").GetString(), timeline[0].GetProperty("actingFor").GetString()));
        Assert.Equal((RepresentativeUser, "enterprise-representative", enterprise.ToString()),
            (timeline[1].GetProperty("userName").GetString(), timeline[1].GetProperty("role").GetString(), timeline[1].GetProperty("actingFor").GetString()));
        Assert.Equal(("test-manager", "department-manager"), (timeline[2].GetProperty("userName").GetString(), timeline[2].GetProperty("role").GetString()));
        Assert.Equal(events.Select(e => e.CorrelationId), timeline.Select(t => t.GetProperty("correlationId").GetString()));
        Assert.Equal(3, timeline.Select(t => t.GetProperty("correlationId").GetString()).Distinct().Count()); // one trace per request
    }

    [Fact]
    public async Task Writes_are_rate_limited_per_client_with_a_429_problem()
    {
        await using var limited = new MeetingsHost(host.Servers);
        limited.ExtraSettings["RateLimiting:WritesPerMinute"] = "3";
        await limited.InitializeAsync();
        var officer = limited.CreateClientAs(Officer);
        var task = new { title = "Tổng hợp", assigneeKind = "department-unit", assigneeName = "Phòng Bưu chính, Viễn thông", deadline = Today };
        for (var i = 0; i < 3; i++) await (await officer.PostAsJsonAsync("/api/meetings/action-items", task)).ExpectAsync(HttpStatusCode.Created);
        var before = await limited.EventCountAsync();
        var problem = await (await officer.PostAsJsonAsync("/api/meetings/action-items", task)).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("3 changes a minute", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await limited.EventCountAsync());
        // Another client is not affected, and reads are not limited.
        await (await limited.CreateClientAs(Manager).PostAsJsonAsync("/api/meetings/action-items", task)).ExpectAsync(HttpStatusCode.Created);
        await (await officer.GetAsync("/api/meetings/action-items")).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Every operation of the document a client is generated from declares its success body.</summary>
    [Fact]
    public Task Every_operation_declares_the_schema_of_its_success_answer() => OpenApiContract.VerifyAsync(host.CreateClient(), "meetings");
}
