using System.Net;
using System.Net.Http.Json;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

public class PopulationApiTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Figures_are_entered_per_unit_of_either_generation_and_density_uses_them()
    {
        // A current commune by name, an old district refused by the former list, the province by code.
        var commune = await (await _client.PutAsJsonAsync("/api/reporting/population/2031/phuong%20sa%20pa", new { inhabitants = 40_000 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("03006", "two-tier", "commune"), (commune.GetProperty("code").GetString(), commune.GetProperty("generation").GetString(), commune.GetProperty("level").GetString()));
        var district = await (await _client.PutAsJsonAsync("/api/reporting/population/2031/Huy%E1%BB%87n%20V%C4%83n%20B%C3%A0n", new { inhabitants = 85_000 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("three-tier", "district"), (district.GetProperty("generation").GetString(), district.GetProperty("level").GetString()));
        var before = await (await _client.GetAsync("/api/reporting/population/2031")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("districts-before-2025", before.GetProperty("basis").GetString());
        Assert.Equal(2, before.GetProperty("figures").GetArrayLength());

        await (await _client.PutAsJsonAsync("/api/reporting/population/2031/15?generation=two-tier", new { inhabitants = 1_750_000 })).ExpectAsync(HttpStatusCode.OK);
        var year = await (await _client.GetAsync("/api/reporting/population/2031")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1_750_000L, "province"), (year.GetProperty("inhabitants").GetInt64(), year.GetProperty("basis").GetString()));

        var indicators = await (await _client.GetAsync("/api/reporting/indicators/2031-01")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1_750_000L, indicators.GetProperty("population").GetInt64());
        Assert.Equal("province", indicators.GetProperty("populationBasis").GetString());
    }

    [Fact]
    public async Task A_figure_once_entered_is_corrected_only_at_the_version_read_428_without_it_412_when_stale()
    {
        const string url = "/api/reporting/population/2033/phuong%20sa%20pa";
        // The first entry overwrites nothing: no If-Match needed; the answer carries the figure's version as its ETag.
        var first = await _client.PutAsJsonAsync(url, new { inhabitants = 40_000 });
        Assert.Equal(1, (await first.ExpectAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64());
        Assert.Equal("\"1\"", first.Headers.ETag!.Tag);

        var before = await host.Store.DomainEventCountAsync();
        var blind = await (await _client.PutAsJsonAsync(url, new { inhabitants = 41_000 })).ExpectProblemAsync((HttpStatusCode)428);
        Assert.Equal("if-match-required", blind.GetProperty("code").GetString());

        var corrected = await _client.SendAsync(HttpMethod.Put, url, new { inhabitants = 42_000 }, "\"1\"");
        Assert.Equal(2, (await corrected.ExpectAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", corrected.Headers.ETag!.Tag);

        var stale = await (await _client.SendAsync(HttpMethod.Put, url, new { inhabitants = 43_000 }, "\"1\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("concurrency-conflict", stale.GetProperty("code").GetString());
        Assert.Equal(before + 1, await host.Store.DomainEventCountAsync()); // only the correction at the version read

        var year = await (await _client.GetAsync("/api/reporting/population/2033")).ExpectAsync(HttpStatusCode.OK);
        var figure = year.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "03006");
        Assert.Equal((42_000L, 2L), (figure.GetProperty("inhabitants").GetInt64(), figure.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task A_first_entry_sent_with_a_version_the_figure_never_had_is_412_and_stores_nothing()
    {
        var stale = await _client.SendAsync(HttpMethod.Put, "/api/reporting/population/2034/phuong%20sa%20pa", new { inhabitants = 40_000 }, "\"3\"");
        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed);
        var year = await (await _client.GetAsync("/api/reporting/population/2034")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, year.GetProperty("figures").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_unit_or_generation_is_400_with_suggestions_and_stores_nothing()
    {
        var unit = await (await _client.PutAsJsonAsync("/api/reporting/population/2032/Ph%C6%B0%E1%BB%9Dng%20Sa%20Pha", new { inhabitants = 1 })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["unit"], unit.FieldErrors());
        Assert.Contains("Phường Sa Pa (03006)", unit.GetProperty("errors").GetProperty("unit")[0].GetString());
        var generation = await (await _client.PutAsJsonAsync("/api/reporting/population/2032/15?generation=old", new { inhabitants = 1 })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["generation"], generation.FieldErrors());
        var year = await (await _client.GetAsync("/api/reporting/population/2032")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, year.GetProperty("figures").GetArrayLength());
    }
}
