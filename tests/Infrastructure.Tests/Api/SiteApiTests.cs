using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

public class SiteApiTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Register_then_read_with_etag_history_and_a_logged_restricted_read()
    {
        var owner = await host.KnownEnterpriseAsync();
        var response = await _client.PostAsJsonAsync("/api/infrastructure/sites", InfrastructureHost.Tower(owner, district: "thanh pho lao cai", commune: "PHƯỜNG CỐC LẾU"));
        var id = (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);

        var read = await _client.GetAsync($"/api/infrastructure/sites/{id}");
        var detail = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        var site = detail.GetProperty("site");
        Assert.Equal("Thành phố Lào Cai", site.GetProperty("location").GetProperty("district").GetString());
        Assert.Equal("Phường Cốc Lếu", site.GetProperty("location").GetProperty("commune").GetString());
        Assert.Equal(22.4856, site.GetProperty("location").GetProperty("latitude").GetDouble());
        Assert.Equal("planned", site.GetProperty("status").GetString());
        Assert.Equal("Viettel", site.GetProperty("ownerName").GetString());
        Assert.Equal("site_registered", detail.GetProperty("history")[0].GetProperty("event").GetString());

        var log = await (await _client.GetAsync($"/api/infrastructure/access-log?siteId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("site detail (exact location)", log[0].GetProperty("what").GetString());
        Assert.Equal("test-manager", log[0].GetProperty("who").GetString());
    }

    [Fact]
    public async Task Invalid_site_is_400_with_fields_and_appends_nothing()
    {
        var before = await host.EventCountAsync();
        var problem = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", new { name = "", kind = "tower", latitude = 10.0, longitude = 106.0, tenantCapacity = 0 }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["address", "commune", "kind", "latitude", "name", "ownerId", "tenantCapacity", "zone"], problem.FieldErrors());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Unknown_or_inactive_owners_cannot_register_sites()
    {
        var unknown = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", InfrastructureHost.Tower(Guid.NewGuid()))).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-enterprise", unknown.GetProperty("code").GetString());
        var owner = await host.KnownEnterpriseAsync("S-Fone");
        await host.SetStatusAsync(owner, 2, "ceased");
        var before = await host.EventCountAsync();
        var ceased = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", InfrastructureHost.Tower(owner))).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("enterprise-not-active", ceased.GetProperty("code").GetString());
        Assert.Contains("ceased", ceased.GetProperty("detail").GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Site_details_edit_requires_the_version_read_and_refuses_a_stale_one_without_writing()
    {
        var owner = await host.KnownEnterpriseAsync();
        var id = await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(owner));
        var url = $"/api/infrastructure/sites/{id}/details";
        var details = new { name = "Trạm BTS Cốc Lếu 2", address = "Số 5 Hoàng Liên", heightMetres = (decimal?)45m, tenantCapacity = 4, zone = "conditional", plannedUndergroundingYear = (int?)null };
        await using var query = host.Store.QuerySession();
        var before = (await query.Events.FetchStreamAsync(id)).Count;

        var missing = await (await _client.SendAsync(HttpMethod.Put, url, details)).ExpectProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal("if-match-required", missing.GetProperty("code").GetString());
        var stale = await (await _client.SendAsync(HttpMethod.Put, url, details, "\"7\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("concurrency-conflict", stale.GetProperty("code").GetString());
        var invalid = await (await _client.SendAsync(HttpMethod.Put, url, details with { heightMetres = (decimal?)null }, "\"1\"")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["heightMetres"], invalid.FieldErrors());
        var stranger = host.CreateClientAs("enterprise-representative", Guid.NewGuid());
        await (await stranger.SendAsync(HttpMethod.Put, url, details, "\"1\"")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await _client.SendAsync(HttpMethod.Put, $"/api/infrastructure/sites/{Guid.NewGuid()}/details", details)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, (await query.Events.FetchStreamAsync(id)).Count);

        var changed = await _client.SendAsync(HttpMethod.Put, url, details, "\"1\"");
        Assert.Equal(2, (await changed.ExpectAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", changed.Headers.ETag!.Tag);
        var site = (await (await _client.GetAsync($"/api/infrastructure/sites/{id}")).Json()).GetProperty("site");
        Assert.Equal(("Trạm BTS Cốc Lếu 2", "Số 5 Hoàng Liên", 45m, 4, "conditional"), (site.GetProperty("name").GetString(),
            site.GetProperty("location").GetProperty("address").GetString(), site.GetProperty("heightMetres").GetDecimal(),
            site.GetProperty("tenantCapacity").GetInt32(), site.GetProperty("zone").GetString()));
        await (await _client.SendAsync(HttpMethod.Put, url, details, "\"1\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Lifecycle_with_if_match_conflicts_and_invalid_transitions()
    {
        var owner = await host.KnownEnterpriseAsync();
        var id = await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(owner));
        var url = $"/api/infrastructure/sites/{id}";
        await (await _client.SendAsync(HttpMethod.Post, $"{url}/permit-request", new { on = "2024-01-10" }, "\"1\"")).ExpectAsync(HttpStatusCode.OK);
        var stale = await (await _client.SendAsync(HttpMethod.Post, $"{url}/permit-approval", new { on = "2024-02-10" }, "\"1\"")).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("concurrency-conflict", stale.GetProperty("code").GetString());
        var invalid = await (await _client.PostAsJsonAsync($"{url}/operation", new { on = "2024-02-10" })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("invalid-site-transition", invalid.GetProperty("code").GetString());
        await (await _client.PostAsJsonAsync($"{url}/permit-refusal", new { on = "2024-02-10", reason = "Ngoài quy hoạch" })).ExpectAsync(HttpStatusCode.OK);
        var site = (await (await _client.GetAsync(url)).Json()).GetProperty("site");
        Assert.Equal(("refused", "Ngoài quy hoạch"), (site.GetProperty("status").GetString(), site.GetProperty("statusReason").GetString()));
        await (await _client.PostAsJsonAsync($"/api/infrastructure/sites/{Guid.NewGuid()}/operation", new { on = "2024-02-10" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/api/infrastructure/sites/{Guid.NewGuid()}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Public_register_shows_no_coordinates_and_the_department_register_filters()
    {
        var owner = await host.KnownEnterpriseAsync("Vinaphone");
        var tower = await host.OperationalTowerAsync(_client, owner, district: "Huyện Bắc Hà", commune: "Thị trấn Bắc Hà");
        var publicPage = await (await _client.GetAsync("/api/infrastructure/public/sites?district=huyen%20bac%20ha&status=operational")).ExpectAsync(HttpStatusCode.OK);
        var row = publicPage.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == tower);
        Assert.False(row.TryGetProperty("latitude", out _));
        Assert.False(row.TryGetProperty("location", out _));
        Assert.Equal("Thị trấn Bắc Hà", row.GetProperty("commune").GetString());

        var department = await (await _client.GetAsync($"/api/infrastructure/sites?ownerId={owner}&kind=greenfield-tower")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([tower], department.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var bad = await (await _client.GetAsync("/api/infrastructure/sites?kind=x&status=y&zone=z&district=Hà%20Nội&pageSize=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["district", "kind", "pageSize", "status", "zone"], bad.FieldErrors());
    }

    [Fact]
    public async Task A_page_of_the_site_register_past_the_end_keeps_the_registers_total()
    {
        var owner = await host.KnownEnterpriseAsync($"Chủ trạm {Guid.NewGuid():N}"[..20]);
        foreach (var name in new[] { "Trạm A", "Trạm B", "Trạm C" }) await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(owner, name));

        async Task<string> PageAsync(int page)
        {
            var read = await (await _client.GetAsync($"/api/infrastructure/sites?ownerId={owner}&page={page}&pageSize=2")).ExpectAsync(HttpStatusCode.OK);
            return $"{read.GetProperty("total").GetInt64()}: {string.Join(", ", read.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()))}";
        }
        Assert.Equal("3: Trạm A, Trạm B", await PageAsync(1));
        Assert.Equal("3: Trạm C", await PageAsync(2));
        // Past the end: no rows, and still the register's (filtered) total, as the other lists answer.
        Assert.Equal("3: ", await PageAsync(3));
        Assert.Equal(3L, (await (await _client.GetAsync($"/api/infrastructure/public/sites?ownerId={owner}&page=9&pageSize=2")).ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task GeoJson_export_parses_as_a_feature_collection_of_points_in_the_province()
    {
        var owner = await host.KnownEnterpriseAsync("HT Mobile");
        var tower = await host.OperationalTowerAsync(_client, owner);
        var response = await _client.GetAsync($"/api/infrastructure/sites.geojson?ownerId={owner}");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        using var geo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());
        var feature = geo.RootElement.GetProperty("features").EnumerateArray().Single();
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.Equal(tower.ToString(), feature.GetProperty("id").GetString());
        var geometry = feature.GetProperty("geometry");
        Assert.Equal("Point", geometry.GetProperty("type").GetString());
        var (lon, lat) = (geometry.GetProperty("coordinates")[0].GetDouble(), geometry.GetProperty("coordinates")[1].GetDouble());
        Assert.Equal((103.9707, 22.4856), (lon, lat)); // RFC 7946: longitude first
        Assert.Equal("greenfield-tower", feature.GetProperty("properties").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Import_stores_nothing_when_a_row_is_refused_lists_each_refused_row_and_stores_the_corrected_file_whole()
    {
        var owner = await host.KnownEnterpriseAsync("EVN Telecom");
        const string header = "name,kind,ownerId,district,commune,latitude,longitude,address,heightMetres,tenantCapacity,zone,plannedUndergroundingYear\n";
        var good = $"Trạm A,greenfield-tower,{owner},Huyện Văn Bàn,Thị trấn Khánh Yên,22.09,104.24,Thôn 1,35,2,in-plan,\n" +
                   $"Tuyến D,aerial-cable-route,{owner},Huyện Văn Bàn,Xã Nậm Chày,22.05,104.20,Đường 279,,4,in-plan,2027\n";
        var csv = header + good +
                  $"Trạm B,greenfield-tower,{owner},Huyện Văn Bàn,Thị trấn Khánh Yên,10.0,104.24,Thôn 2,35,2,in-plan,\n" +
                  $"Cột C,electricity-pole,{Guid.NewGuid()},Huyện Văn Bàn,Xã Nậm Chày,22.05,104.20,Thôn 3,,1,conditional,\n";
        var refused = await (await _client.PostAsync("/api/infrastructure/sites/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("import-rows-refused", refused.GetProperty("code").GetString());
        var rejected = refused.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([3, 4], rejected.Select(r => r.GetProperty("row").GetInt32()));
        Assert.True(rejected[0].GetProperty("errors").TryGetProperty("latitude", out _));
        Assert.Contains("no enterprise", rejected[1].GetProperty("detail").GetString());

        // All or nothing: the two good rows of the refused file are not stored either.
        var site = $"/api/infrastructure/public/sites?ownerId={owner}&district=Huyện%20Văn%20Bàn";
        Assert.Equal(0, (await (await _client.GetAsync(site)).Json()).GetProperty("total").GetInt64());

        var result = await (await _client.PostAsync("/api/infrastructure/sites/import", new StringContent(header + good, Encoding.UTF8, "text/csv"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Empty(result.GetProperty("rejected").EnumerateArray());
        Assert.Equal(2, (await (await _client.GetAsync(site)).Json()).GetProperty("total").GetInt64());

        var geo = $$"""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[104.29,22.53]},"properties":{"name":"Trạm E","kind":"rooftop-tower","ownerId":"{{owner}}","district":"Huyện Bắc Hà","commune":"Thị trấn Bắc Hà","address":"Số 2","heightMetres":9,"tenantCapacity":2,"zone":"in-plan"} } ]}""";
        var geoResult = await (await _client.PostAsync("/api/infrastructure/sites/import", new StringContent(geo, Encoding.UTF8, "application/geo+json"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, geoResult.GetProperty("accepted").GetInt32());

        var bad = await (await _client.PostAsync("/api/infrastructure/sites/import", new StringContent("{oops", Encoding.UTF8, "application/geo+json"))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["file"], bad.FieldErrors());
    }

    [Fact]
    public async Task Undergrounding_roadmap_progress_is_reported_by_district_and_year()
    {
        var owner = await host.KnownEnterpriseAsync("Bưu điện");
        var route = await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(owner, name: "Tuyến cáp", kind: "aerial-cable-route", height: null, undergroundingYear: 2031,
            district: "Huyện Si Ma Cai", commune: "Xã Sán Chải"));
        await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(owner, name: "Tuyến cáp 2", kind: "aerial-cable-route", height: null, undergroundingYear: 2031,
            district: "Huyện Si Ma Cai", commune: "Xã Sán Chải"));
        await (await _client.PostAsJsonAsync($"/api/infrastructure/sites/{route}/undergrounding", new { on = "2025-06-01" })).ExpectAsync(HttpStatusCode.OK);
        var progress = await (await _client.GetAsync("/api/infrastructure/undergrounding")).ExpectAsync(HttpStatusCode.OK);
        var row = progress.EnumerateArray().Single(p => p.GetProperty("district").GetString() == "Huyện Si Ma Cai" && p.GetProperty("year").GetInt32() == 2031);
        Assert.Equal((2, 1, 50.0m), (row.GetProperty("planned").GetInt32(), row.GetProperty("done").GetInt32(), row.GetProperty("percentDone").GetDecimal()));
    }
}
