using Platform.Testing;
using System.Net;
using System.Text;
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
    public async Task Bad_filters_are_400_naming_each_field()
    {
        var problem = await (await _client.GetAsync("/api/registry/enterprises?sector=banking&kind=x&status=gone&page=0&pageSize=1000"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "page", "pageSize", "sector", "status"], problem.FieldErrors());
    }

    [Fact]
    public async Task Export_serves_the_whole_directory_as_json_and_csv_with_a_feed_position()
    {
        var tag = $"Xuất {Guid.NewGuid():N}"[..16];
        var id = await host.RegisterAsync(_client, TestData.Enterprise(legalName: $"Công ty \"Trích\" {tag}", shortName: tag));

        var json = await _client.GetAsync("/api/registry/enterprises/export");
        var all = await json.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        // Only its form here: that snapshot + the feed from this position is the whole directory is SnapshotFeedPropertyTests' property.
        Assert.True(long.Parse(json.Headers.GetValues("X-Feed-Position").Single()) >= 0);

        var csv = await _client.GetAsync("/api/registry/enterprises/export?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("id,taxCode,legalName", lines[0]);
        var row = lines.Single(l => l.StartsWith(id.ToString()));
        Assert.Contains($"\"Công ty \"\"Trích\"\" {tag}\"", row);

        await (await _client.GetAsync("/api/registry/enterprises/export?format=xml")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
