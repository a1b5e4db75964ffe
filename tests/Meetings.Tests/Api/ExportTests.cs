using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

/// <summary>The meeting calendar, the action-item tracker and the escalation register as CSV/XLSX downloads: Vietnamese
/// headers, known rows, the list's filters, and the list's access rules (a representative gets its own enterprise's only).</summary>
public class ExportTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private const string Items = "/api/meetings/action-items";
    private readonly HttpClient _client = host.CreateClient();

    private static string Dmy(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static object Meeting(string title, string kind, DateOnly date, Guid enterprise) => new
    {
        kind, title, date = date.ToString("yyyy-MM-dd"), place = "Hội trường Sở", chair = "Phó Giám đốc Sở", agenda = new[] { "Kết quả 8 tháng" },
        invitedEnterpriseIds = new[] { enterprise },
        invitedOfficials = new[] { new { name = "Nguyễn Văn Demo", title = "Trưởng phòng", organisation = "Sở TT&TT" } },
    };

    [Fact]
    public async Task The_meeting_calendar_downloads_with_its_filters_and_a_representative_gets_its_own_meetings()
    {
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var mobifone = await host.KnownEnterpriseAsync("MobiFone");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var date = DateOnly.Parse(Today, CultureInfo.InvariantCulture).AddDays(10);
        var briefing = await IdOf(await _client.PostAsJsonAsync("/api/meetings/meetings", Meeting($"Giao ban quý {tag}", "quarterly-briefing", date, viettel)));
        var dialogue = await IdOf(await _client.PostAsJsonAsync("/api/meetings/meetings", Meeting($"Đối thoại {tag}", "dialogue", date.AddDays(1), mobifone)));

        var rows = await (await _client.GetAsync($"/api/meetings/meetings?q={tag}&format=csv")).CsvAsync();
        Assert.Equal(["Ngày", "Loại hội nghị", "Tên hội nghị", "Địa điểm", "Chủ trì", "Trạng thái", "Số doanh nghiệp mời", "Số khó khăn, kiến nghị", "Số kết luận", "Mã định danh"], rows[0]);
        Assert.Equal([Dmy(date), "quarterly-briefing", $"Giao ban quý {tag}", "Hội trường Sở", "Phó Giám đốc Sở", "scheduled", "1", "0", "0", briefing.ToString()], rows[1]);
        Assert.Equal([briefing.ToString(), dialogue.ToString()], rows.Skip(1).Select(r => r[9]));
        Assert.Equal([dialogue.ToString()], (await (await _client.GetAsync($"/api/meetings/meetings?q={tag}&kind=dialogue&format=csv")).CsvAsync()).Skip(1).Select(r => r[9]));

        var sheet = await (await _client.GetAsync($"/api/meetings/meetings?q={tag}", Downloads.Xlsx)).XlsxAsync();
        Assert.Equal(rows[0], sheet.HeaderRow());
        Assert.Equal((XLDataType.DateTime, date.ToDateTime(TimeOnly.MinValue)), (sheet.Row(2).Cell(1).DataType, sheet.Row(2).Cell(1).GetDateTime()));
        Assert.Equal((XLDataType.Number, 1d), (sheet.Row(2).Cell(7).DataType, sheet.Row(2).Cell(7).GetDouble()));

        var own = await (await host.CreateClientAs("enterprise-representative", viettel).GetAsync($"/api/meetings/meetings?q={tag}&format=csv")).CsvAsync();
        Assert.Equal([briefing.ToString()], own.Skip(1).Select(r => r[9]));
        var english = await (await _client.GetAsync($"/api/meetings/meetings?q={tag}", "text/csv", "en")).CsvAsync();
        Assert.Equal(["Date", "Kind", "Title"], english[0][..3]);
        Assert.Equal(["format"], (await (await _client.GetAsync("/api/meetings/meetings?format=ods")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
    }

    [Fact]
    public async Task The_action_item_tracker_downloads_with_its_filters_and_a_representative_gets_its_own_tasks()
    {
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var mobifone = await host.KnownEnterpriseAsync("MobiFone");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.Parse(Today, CultureInfo.InvariantCulture);
        var unitTask = await IdOf(await _client.PostAsJsonAsync(Items, new { title = $"Tổng hợp {tag}", assigneeKind = "department-unit", assigneeName = "Phòng Bưu chính Viễn thông", deadline = today.AddDays(5) }));
        var viettelTask = await IdOf(await _client.PostAsJsonAsync(Items, new { title = $"Báo cáo trạm BTS {tag}", assigneeKind = "enterprise", assigneeEnterpriseId = viettel, deadline = today.AddDays(3) }));
        var mobifoneTask = await IdOf(await _client.PostAsJsonAsync(Items, new { title = $"Ngầm hóa cáp {tag}", assigneeKind = "enterprise", assigneeEnterpriseId = mobifone, deadline = today.AddDays(4) }));
        await (await _client.PostAsJsonAsync($"{Items}/{unitTask}/progress", new { note = "Đã nhận 3/5 báo cáo", percent = 60 })).ExpectAsync(HttpStatusCode.OK);
        var viettelName = (await (await _client.GetAsync($"{Items}/{viettelTask}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("item").GetProperty("assignee").GetProperty("name").GetString();

        var rows = await (await _client.GetAsync($"{Items}?q={tag}&format=csv")).CsvAsync();
        Assert.Equal(["Nhiệm vụ", "Đơn vị thực hiện", "Loại đơn vị", "Ngày giao", "Hạn hoàn thành", "Trạng thái", "Số ngày quá hạn", "Tiến độ (%)", "Ngày hoàn thành",
            "Hoàn thành đúng hạn", "Mã hội nghị", "Mã định danh"], rows[0]);
        // The tracker's order: open ones by deadline.
        Assert.Equal([viettelTask.ToString(), mobifoneTask.ToString(), unitTask.ToString()], rows.Skip(1).Select(r => r[11]));
        Assert.Equal([$"Báo cáo trạm BTS {tag}", viettelName!, "enterprise", Dmy(today), Dmy(today.AddDays(3)), "open", "0", "0", "", "", ""], rows[1][..11]);
        Assert.Equal(new[] { "Phòng Bưu chính Viễn thông", "60" }, new[] { rows[3][1], rows[3][7] });
        Assert.Equal([unitTask.ToString()], (await (await _client.GetAsync($"{Items}?q={tag}&assigneeKind=department-unit&format=csv")).CsvAsync()).Skip(1).Select(r => r[11]));

        var sheet = await (await _client.GetAsync($"{Items}?q={tag}", Downloads.Xlsx)).XlsxAsync();
        Assert.Equal(rows[0], sheet.HeaderRow());
        var unitRow = sheet.RowsWhere(12, unitTask.ToString()).Single();
        Assert.Equal((XLDataType.DateTime, today.AddDays(5).ToDateTime(TimeOnly.MinValue)), (unitRow.Cell(5).DataType, unitRow.Cell(5).GetDateTime()));
        Assert.Equal((XLDataType.Number, 60d), (unitRow.Cell(8).DataType, unitRow.Cell(8).GetDouble()));

        // Viettel's representative: its own task only, whatever it filters by; another enterprise's progress never shows.
        var own = await (await host.CreateClientAs("enterprise-representative", viettel).GetAsync($"{Items}?q={tag}&assigneeKind=department-unit&format=csv")).CsvAsync();
        Assert.Empty(own.Skip(1));
        own = await (await host.CreateClientAs("enterprise-representative", viettel).GetAsync($"{Items}?q={tag}&format=csv")).CsvAsync();
        Assert.Equal([viettelTask.ToString()], own.Skip(1).Select(r => r[11]));
    }

    [Fact]
    public async Task The_escalation_register_downloads_for_the_department_only_with_its_filters()
    {
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var meeting = await host.HeldMeetingAsync(_client, viettel);
        var tag = Guid.NewGuid().ToString("N")[..8];
        async Task<Guid> EscalateAsync(string to, string text)
        {
            var difficulty = await ItemIdOf(await _client.PostAsJsonAsync($"/api/meetings/meetings/{meeting}/difficulties", new { enterpriseId = viettel, topic = "land-and-permits", text }));
            return await IdOf(await _client.PostAsJsonAsync("/api/meetings/escalations", new { to, summary = $"{text} {tag}", difficulties = new[] { new { meetingId = meeting, difficultyId = difficulty } } }));
        }
        var toMinistry = await EscalateAsync("ministry", "Đề nghị Bộ hướng dẫn dùng chung cột điện");
        var toCommittee = await EscalateAsync("peoples-committee", "Đề nghị UBND tỉnh rút ngắn thủ tục cấp phép");

        var rows = await (await _client.GetAsync("/api/meetings/escalations?to=ministry&format=csv")).CsvAsync();
        Assert.Equal(["Ngày chuyển", "Cơ quan nhận", "Nội dung", "Số khó khăn, kiến nghị", "Doanh nghiệp nêu", "Số ngày", "Đã trả lời", "Ngày trả lời",
            "Nội dung trả lời", "Mã định danh"], rows[0]);
        Assert.DoesNotContain(rows, r => r[9] == toCommittee.ToString());
        Assert.Equal([Dmy(DateOnly.Parse(Today, CultureInfo.InvariantCulture)), "ministry", $"Đề nghị Bộ hướng dẫn dùng chung cột điện {tag}", "1", "Viettel", "0", "không", "", ""],
            rows.Single(r => r[9] == toMinistry.ToString())[..9]);

        var sheet = await (await _client.GetAsync("/api/meetings/escalations?answered=false", Downloads.Xlsx)).XlsxAsync();
        Assert.Equal(rows[0], sheet.HeaderRow());
        var cells = sheet.RowsWhere(10, toCommittee.ToString()).Single();
        Assert.Equal((XLDataType.DateTime, XLDataType.Number, "peoples-committee"), (cells.Cell(1).DataType, cells.Cell(4).DataType, cells.Cell(2).GetString()));

        // The register names the enterprises' difficulties: the Department's, not a representative's.
        await (await host.CreateClientAs("enterprise-representative", viettel).GetAsync("/api/meetings/escalations?format=csv")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }
}
