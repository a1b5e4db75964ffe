using Platform.BuildingBlocks.Geography;
using Platform.Contracts.Infrastructure;
using Platform.Contracts;
using System.Text.Json;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Geography;
using Platform.Infrastructure.Sites;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>Sites against the reference data, through the API on the real PostgreSQL and RabbitMQ.</summary>
public class GeographyApiTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private const double SaPaLat = 22.3356, SaPaLon = 103.8434;

    private static object CurrentTower(Guid owner, string commune, double lat, double lon) => new
    {
        name = "Trạm BTS", kind = "greenfield-tower", ownerId = owner, commune, latitude = lat, longitude = lon, address = "Tổ 1",
        heightMetres = 30m, tenantCapacity = 2, zone = "in-plan",
    };

    [Fact]
    public async Task An_unknown_commune_is_400_naming_the_field_with_suggestions_and_appends_nothing()
    {
        var owner = await host.KnownEnterpriseAsync();
        var before = await host.EventCountAsync();
        var problem = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", CurrentTower(owner, "Phuong Sa Pha", SaPaLat, SaPaLon)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["commune"], problem.FieldErrors());
        Assert.Contains("Phường Sa Pa (03006)", problem.GetProperty("errors").GetProperty("commune")[0].GetString());
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task A_current_commune_is_kept_with_its_code_and_a_point_outside_it_is_warned_about()
    {
        var owner = await host.KnownEnterpriseAsync();
        var inside = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", CurrentTower(owner, "sa pa", SaPaLat, SaPaLon))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(0, inside.GetProperty("warnings").GetArrayLength());

        // Declared in Sa Pa, but the point is in Lào Cai city.
        var outside = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", CurrentTower(owner, "03006", 22.4856, 103.9707))).ExpectAsync(HttpStatusCode.Created);
        var warning = outside.GetProperty("warnings")[0].GetString()!;
        Assert.StartsWith("site-outside-commune:", warning);
        Assert.Contains("Phường Lào Cai (02647)", warning);

        var site = (await (await _client.GetAsync($"/api/infrastructure/sites/{outside.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("site");
        Assert.Equal(("03006", "two-tier", "Phường Sa Pa", ""), (site.GetProperty("location").GetProperty("communeCode").GetString(),
            site.GetProperty("location").GetProperty("generation").GetString(), site.GetProperty("location").GetProperty("commune").GetString(),
            site.GetProperty("location").GetProperty("district").GetString()));
        Assert.Equal(warning, site.GetProperty("warnings")[0].GetString());
        Assert.Equal("03006", site.GetProperty("currentCommune").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_old_commune_counts_in_its_current_commune_and_filters_find_it_either_way()
    {
        var owner = await host.KnownEnterpriseAsync();
        var id = await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(owner, district: "Thành phố Lào Cai", commune: "Phường Kim Tân"));
        var site = (await (await _client.GetAsync($"/api/infrastructure/sites/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("site");
        Assert.Equal(("02647", "three-tier"), (site.GetProperty("location").GetProperty("communeCode").GetString(), site.GetProperty("location").GetProperty("generation").GetString()));
        Assert.Equal("Phường Lào Cai", site.GetProperty("currentCommune").GetProperty("name").GetString()); // old Kim Tân 02647 → new Lào Cai 02647

        var byCurrent = await (await _client.GetAsync("/api/infrastructure/sites?commune=phuong%20lao%20cai&pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byCurrent.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        var byOld = await (await _client.GetAsync("/api/infrastructure/sites?district=thanh%20pho%20lao%20cai&commune=kim%20tan&pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byOld.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        var bySaPa = await (await _client.GetAsync("/api/infrastructure/sites?commune=03006&pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(bySaPa.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        var unknown = await (await _client.GetAsync("/api/infrastructure/sites?commune=xyz")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["commune"], unknown.FieldErrors());
    }

    [Fact]
    public async Task Coverage_counts_covered_and_uncovered_communes_against_the_full_list()
    {
        var owner = await host.KnownEnterpriseAsync();
        await host.OperationalTowerAsync(_client, owner, district: "Huyện Bát Xát", commune: "Xã Y Tý");
        var current = await (await _client.GetAsync("/api/infrastructure/coverage")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("current", 99), (current.GetProperty("units").GetString(), current.GetProperty("communes").GetInt32()));
        Assert.Equal(99, current.GetProperty("communesCovered").GetInt32() + current.GetProperty("communesWithoutBts").GetInt32());
        var yTy = current.GetProperty("byCommune").EnumerateArray().Single(c => c.GetProperty("commune").GetString() == "Xã Y Tý");
        Assert.True(yTy.GetProperty("operationalBtsSites").GetInt32() >= 1);

        var entered = await (await _client.GetAsync("/api/infrastructure/coverage?units=entered")).ExpectAsync(HttpStatusCode.OK);
        var oldYTy = entered.GetProperty("byCommune").EnumerateArray().Single(c => c.GetProperty("commune").GetString() == "Xã Y Tý" && c.GetProperty("generation").GetString() == "three-tier");
        Assert.Equal("Huyện Bát Xát", oldYTy.GetProperty("district").GetString());
        Assert.True(oldYTy.GetProperty("operationalBtsSites").GetInt32() >= 1);

        var bad = await (await _client.GetAsync("/api/infrastructure/coverage?units=districts")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["units"], bad.FieldErrors());
    }

    [Fact]
    public async Task A_cable_route_is_a_linestring_with_km_in_the_export_and_on_the_roadmap()
    {
        var owner = await host.KnownEnterpriseAsync();
        double[][] route = [[103.9650, 22.4900], [103.9707, 22.4856], [103.9807, 22.4856]];
        var created = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = "Tuyến cáp treo Hoàng Liên", kind = "aerial-cable-route", ownerId = owner, commune = "Phường Lào Cai", address = "Đường Hoàng Liên",
            tenantCapacity = 4, zone = "in-plan", plannedUndergroundingYear = 2031, route,
        })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var expectedKm = Math.Round(Geodesy.LengthKm([new(103.9650, 22.4900), new(103.9707, 22.4856), new(103.9807, 22.4856)]), 3);

        var site = (await (await _client.GetAsync($"/api/infrastructure/sites/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("site");
        Assert.Equal(expectedKm, site.GetProperty("lengthKm").GetDouble());
        Assert.Equal(3, site.GetProperty("route").GetArrayLength());

        var geo = await (await _client.GetAsync("/api/infrastructure/sites.geojson?kind=aerial-cable-route")).ExpectAsync(HttpStatusCode.OK);
        var feature = geo.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == id.ToString());
        Assert.Equal("LineString", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(103.9807, feature.GetProperty("geometry").GetProperty("coordinates")[2][0].GetDouble());
        Assert.Equal(expectedKm, feature.GetProperty("properties").GetProperty("lengthKm").GetDouble());
        Assert.Equal("02647", feature.GetProperty("properties").GetProperty("currentCommuneCode").GetString());

        var roadmap = await (await _client.GetAsync("/api/infrastructure/undergrounding")).ExpectAsync(HttpStatusCode.OK);
        var year = roadmap.EnumerateArray().Single(p => p.GetProperty("year").GetInt32() == 2031);
        Assert.Equal((decimal)expectedKm, year.GetProperty("kmPlanned").GetDecimal());
        Assert.Equal(0m, year.GetProperty("kmDone").GetDecimal());

        var tower = await (await _client.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = "Trạm", kind = "greenfield-tower", ownerId = owner, commune = "02647", latitude = 22.4856, longitude = 103.9707, address = "Tổ 1",
            heightMetres = 30m, tenantCapacity = 2, zone = "in-plan", route,
        })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["route"], tower.FieldErrors());
    }

    [Fact]
    public async Task The_roadmap_and_sharing_ratio_show_the_units_as_entered_or_the_current_communes_and_SiteRegisteredV1_carries_the_codes()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri, IntegrationEventNames.ExchangeFor<SiteRegisteredV1>());
        var owner = await host.KnownEnterpriseAsync();
        double[][] line = [[103.9650, 22.4900], [103.9707, 22.4856]];
        // Cốc Lếu (before 1 July 2025, Thành phố Lào Cai) lies in Phường Lào Cai (02647) since.
        var old = (await (await _client.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = "Tuyến cáp cũ", kind = "aerial-cable-route", ownerId = owner, district = "thanh pho lao cai", commune = "coc leu", address = "Phố Cốc Lếu",
            tenantCapacity = 2, zone = "in-plan", plannedUndergroundingYear = 2034, route = line,
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await _client.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = "Tuyến cáp mới", kind = "aerial-cable-route", ownerId = owner, commune = "02647", address = "Đường Hoàng Liên",
            tenantCapacity = 2, zone = "in-plan", plannedUndergroundingYear = 2034, route = line,
        })).ExpectAsync(HttpStatusCode.Created);
        var km = Math.Round(Geodesy.LengthKm([new(103.9650, 22.4900), new(103.9707, 22.4856)]), 3);

        var registered = await Eventually.Until(
            () => Task.FromResult(consumer.Received.Select(m => m.Body).FirstOrDefault(b => b.GetProperty("siteId").GetGuid() == old)),
            b => b.ValueKind != JsonValueKind.Undefined, what: "SiteRegisteredV1 on the outside queue");
        Assert.Equal(("02644", "three-tier", "02647", km),
            (registered.GetProperty("communeCode").GetString(), registered.GetProperty("unitGeneration").GetString(),
             registered.GetProperty("currentCommuneCode").GetString(), registered.GetProperty("lengthKm").GetDouble()));


        async Task<List<(string District, string? Code, decimal Km)>> RoadmapAsync(string units) =>
            (await (await _client.GetAsync($"/api/infrastructure/undergrounding?units={units}")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
                .Where(p => p.GetProperty("year").GetInt32() == 2034)
                .Select(p => (p.GetProperty("district").GetString()!, p.TryGetProperty("communeCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                    p.GetProperty("kmPlanned").GetDecimal())).ToList();
        Assert.Equal([("", "02647", (decimal)km), ("Thành phố Lào Cai", null, (decimal)km)], await RoadmapAsync("entered"));
        Assert.Equal([("", "02647", (decimal)(2 * km))], await RoadmapAsync("current"));
        await (await _client.GetAsync("/api/infrastructure/undergrounding?units=old")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await (await _client.GetAsync("/api/infrastructure/sharing-ratio?units=current")).ExpectAsync(HttpStatusCode.OK);
        await (await _client.GetAsync("/api/infrastructure/sharing-ratio?units=old")).ExpectProblemAsync(HttpStatusCode.BadRequest);

    }

    [Fact]
    public async Task Import_takes_linestrings_refuses_a_file_with_an_unknown_commune_whole_and_lists_warnings()
    {
        var owner = await host.KnownEnterpriseAsync();
        const string duct = """{"type":"Feature","geometry":{"type":"LineString","coordinates":[[103.9650,22.4900],[103.9707,22.4856]]},"properties":{"name":"Tuyến cống bể","kind":"duct-route","ownerId":"OWNER","commune":"Phường Lào Cai","address":"Phố Cốc Lếu","tenantCapacity":6,"zone":"in-plan"}}""";
        const string outside = """{"type":"Feature","geometry":{"type":"Point","coordinates":[103.9707,22.4856]},"properties":{"name":"Trạm lệch xã","kind":"rooftop-tower","ownerId":"OWNER","commune":"Phường Sa Pa","address":"Tổ 2","heightMetres":12,"tenantCapacity":2,"zone":"in-plan"}}""";
        const string unknown = """{"type":"Feature","geometry":{"type":"Point","coordinates":[103.9707,22.4856]},"properties":{"name":"Trạm xã lạ","kind":"rooftop-tower","ownerId":"OWNER","commune":"Xã Không Có","address":"Tổ 3","heightMetres":12,"tenantCapacity":2,"zone":"in-plan"}}""";
        StringContent File(params string[] features) =>
            new("""{"type":"FeatureCollection","features":[""" + string.Join(",", features).Replace("OWNER", owner.ToString()) + "]}", Encoding.UTF8, "application/geo+json");

        var refused = await (await _client.PostAsync("/api/infrastructure/sites/import", File(duct, outside, unknown))).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        var rejected = refused.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal(3, rejected.GetProperty("row").GetInt32());
        Assert.True(rejected.GetProperty("errors").TryGetProperty("commune", out _));
        // The refusal also says what the other rows would have been stored with.
        Assert.Equal(2, refused.GetProperty("warnings").EnumerateArray().Single().GetProperty("row").GetInt32());

        // Without the refused row the file is stored whole, the site outside its commune with its warning.
        var result = await (await _client.PostAsync("/api/infrastructure/sites/import", File(duct, outside))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var warning = result.GetProperty("warnings").EnumerateArray().Single();
        Assert.Equal(2, warning.GetProperty("row").GetInt32());
        Assert.StartsWith("site-outside-commune:", warning.GetProperty("warning").GetString());
        Assert.Equal(result.GetProperty("siteIds")[1].GetGuid(), warning.GetProperty("siteId").GetGuid());

        var stored = (await (await _client.GetAsync($"/api/infrastructure/sites/{result.GetProperty("siteIds")[0].GetGuid()}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("site");
        Assert.InRange(stored.GetProperty("lengthKm").GetDouble(), 0.7, 0.8); // about 0.76 km
    }

    [Fact]
    public async Task Sites_entered_by_names_before_the_reference_data_are_coded_by_the_migration_and_outside_systems_hear_the_code()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri, IntegrationEventNames.ExchangeFor<SiteLocationCodedV1>());
        var owner = await host.KnownEnterpriseAsync();
        var legacy = Guid.NewGuid();
        await using (var session = host.Store.LightweightSession())
        {
            // As the register stored it before: district and commune names, no code.
            session.Events.StartStream<Site>(legacy, new SiteRegistered(legacy, "Trạm cũ", SiteKind.GreenfieldTower, owner,
                new Location("Huyện Văn Bàn", "Thị trấn Khánh Yên", 22.0950, 104.2480, "Tổ 5"), 30m, 2, PlanZone.InPlan, null, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        var geography = host.Services.GetRequiredService<ProvinceGeography>();
        var sessions = host.Services.GetRequiredService<ISessionFactory>();
        var (coded, _) = await UnitCoding.RunAsync(host.Store, sessions, LocationCoding.Job(geography), CancellationToken.None);
        Assert.True(coded >= 1);

        await using var query = host.Store.QuerySession();
        var site = await query.LoadAsync<Site>(legacy);
        var khanhYen = geography.OldCommunes.Single(c => c.Name == "Thị trấn Khánh Yên");
        Assert.Equal((khanhYen.Code, UnitGeneration.ThreeTier, 2L), (site!.Location.CommuneCode, site.Location.Generation!.Value, site.Version));
        var coding = (await query.Events.FetchStreamAsync(legacy))[1];
        Assert.IsType<SiteLocationCoded>(coding.Data);
        Assert.Equal(LocationCoding.Actor, coding.UserName); // the audit trail names the job
        Assert.Equal(0, (await UnitCoding.RunAsync(host.Store, sessions, LocationCoding.Job(geography), CancellationToken.None)).Coded); // once only

        // Outside systems learn the code over RabbitMQ (SiteRegisteredV1 had none), with the current commune the point lies in.
        var published = await Eventually.Until(
            () => Task.FromResult(consumer.Received.Select(m => m.Body).FirstOrDefault(b => b.GetProperty("siteId").GetGuid() == legacy)),
            b => b.ValueKind != JsonValueKind.Undefined, what: "SiteLocationCodedV1 on the outside queue");
        var current = geography.CurrentCommune(UnitGeneration.ThreeTier, khanhYen.Code, 22.0950, 104.2480)!;
        Assert.Equal((khanhYen.Code, "three-tier", "Thị trấn Khánh Yên", "Huyện Văn Bàn", current.Code, 2L),
            (published.GetProperty("communeCode").GetString(), published.GetProperty("unitGeneration").GetString(), published.GetProperty("commune").GetString(),
                published.GetProperty("district").GetString(), published.GetProperty("currentCommuneCode").GetString(), published.GetProperty("streamVersion").GetInt64()));
    }
}
