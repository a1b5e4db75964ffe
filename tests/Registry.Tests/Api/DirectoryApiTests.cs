using Platform.Testing;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>Directory queries; each test searches a unique name so tests sharing the host don't interfere.</summary>
public class DirectoryApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();

    private async Task<Guid[]> GetIdsAsync(string query)
    {
        var page = await (await _client.GetAsync($"/api/registry/enterprises?{query}")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();
    }

    [Fact]
    public async Task Search_finds_names_with_or_without_diacritics()
    {
        var tag = $"Hưng Thịnh {Guid.NewGuid():N}"[..20];
        var id = await host.RegisterAsync(_client, TestData.Enterprise(legalName: $"Công ty Điện tử {tag}", shortName: tag));
        var folded = Platform.BuildingBlocks.Domain.VietnameseText.Fold(tag);

        Assert.Equal([id], await GetIdsAsync($"q={Uri.EscapeDataString("điện tử " + tag)}"));
        Assert.Equal([id], await GetIdsAsync($"q={Uri.EscapeDataString("dien tu " + folded)}"));
        Assert.Equal([id], await GetIdsAsync($"q={Uri.EscapeDataString(("ĐIỆN TỬ " + tag).Normalize(NormalizationForm.FormD))}"));
    }

    [Fact]
    public async Task Filters_by_sector_kind_district_and_status_combine()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var postal = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"BC {tag}", sectors: ["postal"], kinds: ["postal-operator"], district: "Huyện Bát Xát"));
        var agent = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"DL {tag}", sectors: ["telecom", "it"], kinds: ["public-internet-agent"], district: "Thị xã Sa Pa"));
        var suspended = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"TS {tag}", sectors: ["telecom"], kinds: ["public-internet-agent"], district: "Thị xã Sa Pa"));
        await (await _client.SendAsync(HttpMethod.Post, $"/api/registry/enterprises/{suspended}/suspension", new { reason = "Tạm dừng" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([postal], await GetIdsAsync($"q={tag}&sector=postal"));
        Assert.Equal([agent], await GetIdsAsync($"q={tag}&sector=it"));
        Assert.Equal([agent, suspended], await GetIdsAsync($"q={tag}&kind=public-internet-agent"));
        Assert.Equal([agent, suspended], await GetIdsAsync($"q={tag}&district={Uri.EscapeDataString("thi xa sa pa")}"));
        Assert.Equal([suspended], await GetIdsAsync($"q={tag}&status=suspended"));
        Assert.Equal([agent], await GetIdsAsync($"q={tag}&status=active&kind=public-internet-agent"));
    }

    [Fact]
    public async Task Paging_returns_total_and_the_requested_slice()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 5; i++) await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"P{i} {tag}"));
        var page = await (await _client.GetAsync($"/api/registry/enterprises?q={tag}&page=2&pageSize=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        Assert.Equal([$"P2 {tag}", $"P3 {tag}"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("shortName").GetString()));
    }

    [Fact]
    public async Task Enterprises_of_the_same_short_name_keep_their_order_by_id_across_a_page_boundary()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var first = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"Trùng {tag}"));
        var second = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"Trùng {tag}"));
        // A change rewrites the first one's row, so the table no longer holds them in the order they were registered.
        await (await _client.SendAsync(HttpMethod.Post, $"/api/registry/enterprises/{first}/suspension", new { reason = "Tạm dừng" })).ExpectAsync(HttpStatusCode.OK);
        // PostgreSQL orders uuids by their bytes, as their text sorts.
        var byId = new[] { first, second }.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToArray();

        for (var round = 0; round < 3; round++)
            Assert.Equal(byId, (await GetIdsAsync($"q={tag}&page=1&pageSize=1")).Concat(await GetIdsAsync($"q={tag}&page=2&pageSize=1")).ToArray());
        Assert.Equal(byId, await GetIdsAsync($"q={tag}"));
    }

    [Fact]
    public async Task Bad_filters_are_400_naming_each_field()
    {
        var problem = await (await _client.GetAsync("/api/registry/enterprises?sector=banking&kind=x&status=gone&page=0&pageSize=1000"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "page", "pageSize", "sector", "status"], problem.FieldErrors());
    }

    private static readonly string[] VietnameseHeaders =
        ["Mã số thuế", "Tên doanh nghiệp", "Tên viết tắt", "Lĩnh vực", "Loại hình", "Huyện/thị xã/thành phố", "Xã/phường/thị trấn", "Trạng thái",
         "Ngày đăng ký (UTC)", "Mã định danh", "Phiên bản", "Mã xã/phường (như đã nhập)", "Thời kỳ đơn vị", "Mã xã/phường hiện nay", "Xã/phường hiện nay"];

    [Fact]
    public async Task Export_serves_the_whole_directory_as_json_csv_and_xlsx_with_a_feed_position()
    {
        var tag = $"Xuất {Guid.NewGuid():N}"[..16];
        var taxCode = TestData.NewTaxCode();
        var id = await host.RegisterAsync(_client, TestData.Enterprise(taxCode, legalName: $"Công ty \"Trích\", {tag}", shortName: tag));

        var json = await _client.GetAsync("/api/registry/enterprises/export");
        var all = await json.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        Assert.True(json.Headers.Contains("X-Feed-Position")); // what it promises: Snapshot_plus_the_feed_from_its_position_is_the_current_directory

        var csv = await _client.GetAsync("/api/registry/enterprises/export?format=csv");
        Assert.True(csv.Headers.Contains("X-Feed-Position"));
        var rows = await csv.CsvAsync();
        Assert.Equal(VietnameseHeaders, rows[0]);
        var row = rows.Single(r => r[9] == id.ToString());
        Assert.Equal([taxCode, $"Công ty \"Trích\", {tag}", tag, "telecom", "network-operator", "Thành phố Lào Cai", "Phường Cốc Lếu", "active"], row[..8]);
        Assert.Equal("1", row[10]);

        var sheet = await (await _client.GetAsync("/api/registry/enterprises/export", Downloads.Xlsx)).XlsxAsync();
        Assert.Equal(VietnameseHeaders, sheet.HeaderRow());
        var cells = sheet.RowsWhere(10, id.ToString()).Single();
        Assert.Equal((taxCode, $"Công ty \"Trích\", {tag}"), (cells.Cell(1).GetString(), cells.Cell(2).GetString()));
        Assert.Equal(ClosedXML.Excel.XLDataType.DateTime, cells.Cell(9).DataType);
        Assert.Equal(1, cells.Cell(11).GetDouble());

        await (await _client.GetAsync("/api/registry/enterprises/export?format=xml")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_directory_downloads_as_csv_and_xlsx_with_the_lists_filters()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var postalTax = TestData.NewTaxCode();
        var postal = await host.RegisterAsync(_client, TestData.Enterprise(postalTax, legalName: $"=Bưu chính {tag}", shortName: $"BC {tag}", sectors: ["postal"],
            kinds: ["postal-operator"], district: "Huyện Bát Xát"));
        await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"VT {tag}", sectors: ["telecom"]));
        var before = DateTimeOffset.UtcNow;

        // The same filters as the JSON list, and every matching row (not a page): pageSize=1 limits the JSON only.
        Assert.Equal([postal], await GetIdsAsync($"q={tag}&sector=postal&pageSize=1"));
        var rows = await (await _client.GetAsync($"/api/registry/enterprises?q={tag}&sector=postal&pageSize=1&format=csv")).CsvAsync();
        Assert.Equal(VietnameseHeaders, rows[0]);
        var row = Assert.Single(rows.Skip(1));
        // A legal name that starts like a formula is written so a spreadsheet shows it as text.
        Assert.Equal([postalTax, $"'=Bưu chính {tag}", $"BC {tag}", "postal", "postal-operator", "Huyện Bát Xát", "Thị trấn Bát Xát", "active"], row[..8]);
        var registeredAt = DateTime.ParseExact(row[8], "dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(registeredAt, before.UtcDateTime.AddMinutes(-5), before.UtcDateTime.AddMinutes(1));
        Assert.Equal(postal.ToString(), row[9]);
        Assert.Equal(2, (await (await _client.GetAsync($"/api/registry/enterprises?q={tag}&pageSize=1&format=csv")).CsvAsync()).Count - 1);

        var sheet = await (await _client.GetAsync($"/api/registry/enterprises?q={tag}&sector=postal", Downloads.Xlsx)).XlsxAsync();
        Assert.Equal(VietnameseHeaders, sheet.HeaderRow());
        Assert.Equal([postal.ToString()], sheet.RowsUsed().Skip(1).Select(r => r.Cell(10).GetString()));
        Assert.Equal($"=Bưu chính {tag}", sheet.Row(2).Cell(2).GetString());
        Assert.False(sheet.Row(2).Cell(2).HasFormula);
        Assert.Equal(ClosedXML.Excel.XLDataType.DateTime, sheet.Row(2).Cell(9).DataType);

        var english = await (await _client.GetAsync($"/api/registry/enterprises?q={tag}&format=csv", "text/csv", "en")).CsvAsync();
        Assert.Equal(["Tax code", "Legal name", "Short name", "Sectors", "Kinds", "District", "Commune", "Status", "Registered at (UTC)", "Id", "Version",
            "Commune code (as entered)", "Unit generation", "Current commune code", "Current commune"], english[0]);

        // The directory is public: no field of it is restricted, so every reader gets the same rows.
        var external = await (await host.CreateClientAs("external-system").GetAsync($"/api/registry/enterprises?q={tag}&sector=postal&format=csv")).CsvAsync();
        Assert.Equal(rows, external);

        var problem = await (await _client.GetAsync($"/api/registry/enterprises?format=pdf&sector=x")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["format", "sector"], problem.FieldErrors());
    }

    /// <summary>What <c>X-Feed-Position</c> promises: a snapshot plus the change feed read from its position is the directory as
    /// it is now (events the snapshot already holds carry a stream version it has, and are skipped).</summary>
    [Fact]
    public async Task Snapshot_plus_the_feed_from_its_position_is_the_current_directory()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var early = await host.RegisterAsync(_client, TestData.Enterprise(legalName: $"Công ty trước {tag}", shortName: $"T {tag}"));
        var snapshot = await _client.GetAsync("/api/registry/enterprises/export");
        var state = DirectoryFeed.Entries(await snapshot.ExpectAsync(HttpStatusCode.OK));
        var position = long.Parse(snapshot.Headers.GetValues("X-Feed-Position").Single());
        Assert.Equal("active", state[early].Status);

        // After the snapshot: a new enterprise, a rename and a suspension of the one the snapshot has.
        var late = await host.RegisterAsync(_client, TestData.Enterprise(legalName: $"Công ty sau {tag}", shortName: $"S {tag}"));
        var amended = TestData.Enterprise(legalName: $"Công ty đổi tên {tag}", shortName: $"T {tag}");
        amended.Remove("taxCode");
        amended["reason"] = "Đổi tên";
        await (await _client.SendAsync(HttpMethod.Put, $"/api/registry/enterprises/{early}/details", amended, "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        await (await _client.SendAsync(HttpMethod.Post, $"/api/registry/enterprises/{early}/suspension", new { reason = "Kiểm tra" })).ExpectAsync(HttpStatusCode.OK);

        var current = await _client.GetAsync("/api/registry/enterprises/export");
        var expected = DirectoryFeed.Entries(await current.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("suspended", expected[early].Status);

        // Follow the feed from the snapshot's position. It serves events up to the daemon's high-water mark, which may
        // trail the (inline) snapshot for a moment, so read on until the reader holds the current directory or time runs out.
        var after = position;
        await Eventually.Until(async () =>
        {
            after = await DirectoryFeed.ReadAsync(_client, state, after, limit: 2);
            return state.OrderBy(e => e.Key).SequenceEqual(expected.OrderBy(e => e.Key));
        }, same => same, TimeSpan.FromSeconds(30), "the snapshot plus the feed reached the current directory");

        Assert.Equal(("suspended", $"Công ty đổi tên {tag}"), (state[early].Status, state[early].LegalName));
        Assert.Equal(("active", $"Công ty sau {tag}"), (state[late].Status, state[late].LegalName));
        Assert.Equal(expected.OrderBy(e => e.Key), state.OrderBy(e => e.Key));
    }
}
