using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>The site register and the sharing requests as CSV/XLSX downloads: Vietnamese headers, the list's filters,
/// its access rules (a representative never gets another enterprise's exact locations or terms) and its access log.</summary>
public class ExportTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private const string Requests = "/api/infrastructure/sharing-requests";
    private readonly HttpClient _client = host.CreateClient();

    private static readonly string[] SiteHeaders =
        ["Tên công trình", "Loại công trình", "Doanh nghiệp sở hữu", "Huyện (khi đăng ký)", "Xã (khi đăng ký)", "Xã hiện nay", "Địa chỉ", "Vĩ độ", "Kinh độ",
         "Chiều cao (m)", "Số doanh nghiệp thuê", "Số doanh nghiệp thuê tối đa", "Quy hoạch", "Trạng thái", "Năm dự kiến ngầm hóa", "Ngày ngầm hóa",
         "Chiều dài (km)", "Mã định danh"];

    private static readonly string[] RequestHeaders =
        ["Ngày đề nghị", "Doanh nghiệp đề nghị", "Doanh nghiệp sở hữu", "Loại công trình", "Huyện", "Mục đích", "Trạng thái", "Số ngày", "Quá hạn trả lời",
         "Giá thuê hằng tháng", "Thời hạn (tháng)", "Điều kiện kỹ thuật", "Giá lệch so với mặt bằng (%)", "Lý do từ chối", "Kết quả hòa giải",
         "Mã công trình", "Mã định danh"];

    private async Task<string> NewestLoggedReadAsync()
    {
        var log = await (await _client.GetAsync("/api/infrastructure/access-log?limit=1")).ExpectAsync(HttpStatusCode.OK);
        return $"{log[0].GetProperty("who").GetString()}: {log[0].GetProperty("what").GetString()}";
    }

    [Fact]
    public async Task The_site_register_downloads_with_exact_locations_for_those_who_may_see_them_and_logs_it()
    {
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var mobifone = await host.KnownEnterpriseAsync("MobiFone");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var tower = await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(viettel, name: $"Trạm {tag}", height: 42.5m));
        var rooftop = await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(mobifone, name: $"Mái {tag}", kind: "rooftop-tower"));

        var rows = await (await _client.GetAsync("/api/infrastructure/sites?kind=greenfield-tower&pageSize=1&format=csv")).CsvAsync();
        Assert.Equal("test-manager: site register csv export of " + (rows.Count - 1) + " sites (exact locations)", await NewestLoggedReadAsync());
        Assert.Equal(SiteHeaders, rows[0]);
        Assert.All(rows.Skip(1), r => Assert.Equal("greenfield-tower", r[1]));
        Assert.DoesNotContain(rows, r => r[17] == rooftop.ToString());
        var row = rows.Single(r => r[17] == tower.ToString());
        Assert.Equal([$"Trạm {tag}", "greenfield-tower", "Viettel", "Thành phố Lào Cai", "Phường Cốc Lếu"], row[..5]);
        Assert.Equal(["Thôn 1", "22.4856", "103.9707", "42.5", "0", "2", "in-plan", "planned"], row[6..14]);

        var sheet = await (await _client.GetAsync($"/api/infrastructure/sites?ownerId={viettel}", Downloads.Xlsx)).XlsxAsync();
        Assert.Equal(SiteHeaders, sheet.HeaderRow());
        var cells = sheet.RowsWhere(18, tower.ToString()).Single();
        Assert.Equal((XLDataType.Number, 22.4856, 103.9707), (cells.Cell(8).DataType, cells.Cell(8).GetDouble(), cells.Cell(9).GetDouble()));
        Assert.Equal(42.5, cells.Cell(10).GetDouble());
        Assert.Empty(sheet.RowsWhere(18, rooftop.ToString()));

        // MobiFone's representative: its own site with its location, never Viettel's, whatever it filters by.
        var representative = host.CreateClientAs("enterprise-representative", mobifone);
        var own = await (await representative.GetAsync($"/api/infrastructure/sites?ownerId={viettel}&format=csv")).CsvAsync();
        Assert.DoesNotContain(own, r => r.Contains(tower.ToString()) || r.Contains($"Trạm {tag}"));
        Assert.Contains(own, r => r[17] == rooftop.ToString() && r[7] == "22.4856");
        Assert.StartsWith("test-enterprise-representative: site register csv export of", await NewestLoggedReadAsync());

        var problem = await (await _client.GetAsync("/api/infrastructure/sites?format=docx")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["format"], problem.FieldErrors());
    }

    [Fact]
    public async Task Sharing_requests_download_with_fees_and_conditions_for_the_parties_only_and_log_it()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var requester = await host.KnownEnterpriseAsync("MobiFone");
        var outsider = await host.KnownEnterpriseAsync("Vietnamobile");
        var tower = await host.OperationalTowerAsync(_client, owner);
        var id = (await (await _client.PostAsJsonAsync(Requests, new { siteId = tower, requesterId = requester, purpose = "Lắp 3 anten 4G, băng tần 1800" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await _client.PostAsJsonAsync($"{Requests}/{id}/offer", new { monthlyFeeVnd = 5_250_000, termMonths = 60, technicalConditions = "-Độ cao 30 m, tải 200 kg" }))
            .ExpectAsync(HttpStatusCode.OK);
        var json = (await (await _client.GetAsync($"{Requests}/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("request");
        var submittedOn = DateOnly.Parse(json.GetProperty("submittedOn").GetString()!, CultureInfo.InvariantCulture);

        var rows = await (await _client.GetAsync($"{Requests}?status=offered&format=csv")).CsvAsync();
        Assert.Equal("test-manager: sharing request csv export of " + (rows.Count - 1) + " (terms)", await NewestLoggedReadAsync());
        Assert.Equal(RequestHeaders, rows[0]);
        var row = rows.Single(r => r[16] == id.ToString());
        Assert.Equal([submittedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), "MobiFone", "Viettel", "greenfield-tower", "Thành phố Lào Cai",
            "Lắp 3 anten 4G, băng tần 1800", "offered"], row[..7]);
        // The fee is a plain number; conditions starting with "-" are kept as text, not a formula.
        Assert.Equal(["5250000", "60", "'-Độ cao 30 m, tải 200 kg"], row[9..12]);
        Assert.Equal(tower.ToString(), row[15]);
        Assert.DoesNotContain(await (await _client.GetAsync($"{Requests}?status=submitted&format=csv")).CsvAsync(), r => r[16] == id.ToString());

        var sheet = await (await _client.GetAsync($"{Requests}?enterpriseId={requester}", Downloads.Xlsx)).XlsxAsync();
        Assert.Equal(RequestHeaders, sheet.HeaderRow());
        var cells = sheet.RowsWhere(17, id.ToString()).Single();
        Assert.Equal((XLDataType.Number, 5_250_000d), (cells.Cell(10).DataType, cells.Cell(10).GetDouble()));
        Assert.Contains("₫", cells.Cell(10).Style.NumberFormat.Format);
        Assert.Equal((XLDataType.DateTime, submittedOn.ToDateTime(TimeOnly.MinValue)), (cells.Cell(1).DataType, cells.Cell(1).GetDateTime()));
        Assert.Equal("-Độ cao 30 m, tải 200 kg", cells.Cell(12).GetString());

        // The requester sees its request with the terms; an enterprise that is no party sees neither, whatever it filters by.
        var party = await (await host.CreateClientAs("enterprise-representative", requester).GetAsync($"{Requests}?format=csv")).CsvAsync();
        Assert.Equal("5250000", party.Single(r => r[16] == id.ToString())[9]);
        var other = await (await host.CreateClientAs("enterprise-representative", outsider).GetAsync($"{Requests}?enterpriseId={owner}&format=csv")).CsvAsync();
        Assert.Equal(RequestHeaders, other[0]);
        Assert.DoesNotContain(other, r => r.Contains(id.ToString()) || r.Contains("5250000"));
        Assert.Equal("test-enterprise-representative: sharing request csv export of 0 (terms)", await NewestLoggedReadAsync());

        var english = await (await _client.GetAsync($"{Requests}?status=offered", "text/csv", "en-US")).CsvAsync();
        Assert.Equal(["Submitted on", "Requester", "Owner"], english[0][..3]);
    }
}
