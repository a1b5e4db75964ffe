using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Domain;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

public class LicenceApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private static DateOnly Today => DepartmentClock.Today(TimeProvider.System);

    private async Task<(Guid Enterprise, Guid Licence)> GrantAsync(DateOnly expiresOn, string number = "1/GP-BTTTT")
    {
        var id = await host.RegisterAsync(_client);
        var response = await _client.PostAsJsonAsync($"/api/registry/enterprises/{id}/licences",
            new { number, type = "telecom-network", issuingAuthority = "ministry", issuedOn = Today.AddYears(-3), expiresOn });
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        return (id, created.GetProperty("licenceId").GetGuid());
    }

    [Fact]
    public async Task Grant_renew_and_revoke_show_on_the_enterprise()
    {
        var (id, licenceId) = await GrantAsync(Today.AddYears(2));
        var url = $"/api/registry/enterprises/{id}/licences/{licenceId}";
        await (await _client.PostAsJsonAsync($"{url}/renewal", new { expiresOn = Today.AddYears(7) })).ExpectAsync(HttpStatusCode.OK);
        var licence = (await (await _client.GetAsync($"/api/registry/enterprises/{id}")).Json()).GetProperty("licences")[0];
        Assert.Equal(Today.AddYears(7).ToString("yyyy-MM-dd"), licence.GetProperty("expiresOn").GetString());

        await (await _client.PostAsJsonAsync($"{url}/revocation", new { reason = "Vi phạm nghiêm trọng" })).ExpectAsync(HttpStatusCode.OK);
        licence = (await (await _client.GetAsync($"/api/registry/enterprises/{id}")).Json()).GetProperty("licences")[0];
        Assert.Equal("revoked", licence.GetProperty("status").GetString());
        Assert.Equal("Vi phạm nghiêm trọng", licence.GetProperty("revocationReason").GetString());
    }

    [Fact]
    public async Task Licence_errors_are_problems_and_append_nothing()
    {
        var (id, licenceId) = await GrantAsync(Today.AddYears(2));
        var before = await host.EventCountAsync();
        var url = $"/api/registry/enterprises/{id}/licences";

        var invalid = await (await _client.PostAsJsonAsync(url, new { number = "", type = "x", issuingAuthority = "ministry", issuedOn = "2025-01-01", expiresOn = "2024-01-01" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["expiresOn", "number", "type"], invalid.FieldErrors());

        var notLater = await (await _client.PostAsJsonAsync($"{url}/{licenceId}/renewal", new { expiresOn = Today })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("renewal-not-later", notLater.GetProperty("code").GetString());

        await (await _client.PostAsJsonAsync($"{url}/{Guid.NewGuid()}/renewal", new { expiresOn = Today.AddYears(9) })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsJsonAsync($"{url}/{Guid.NewGuid()}/revocation", new { reason = "x" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Expiring_list_shows_licences_within_the_window_with_their_holder()
    {
        var (soonHolder, soon) = await GrantAsync(Today.AddDays(20), "SOON/GP");
        var (_, later) = await GrantAsync(Today.AddDays(400), "LATER/GP");

        var list = await (await _client.GetAsync("/api/registry/licences/expiring?withinDays=30")).ExpectAsync(HttpStatusCode.OK);
        var entries = list.EnumerateArray().ToList();
        var entry = entries.Single(e => e.GetProperty("licenceId").GetGuid() == soon);
        Assert.Equal(20, entry.GetProperty("daysLeft").GetInt32());
        Assert.Equal(soonHolder, entry.GetProperty("enterpriseId").GetGuid());
        Assert.Equal("MobiFone", entry.GetProperty("enterpriseName").GetString());
        Assert.DoesNotContain(entries, e => e.GetProperty("licenceId").GetGuid() == later);

        var problem = await (await _client.GetAsync("/api/registry/licences/expiring?withinDays=-1")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["withinDays"], problem.FieldErrors());
    }

    [Fact]
    public async Task The_background_job_records_the_expiry_once_the_date_has_passed()
    {
        var (id, licenceId) = await GrantAsync(Today.AddDays(-1), "PAST/GP");
        var (_, current) = await GrantAsync(Today, "TODAY/GP");

        var licences = await Eventually.Until(
            async () => (await (await _client.GetAsync($"/api/registry/enterprises/{id}")).Json()).GetProperty("licences"),
            l => l[0].GetProperty("status").GetString() == "expired", what: "licence expiry");
        Assert.Equal("expired", licences[0].GetProperty("status").GetString());
        var history = (await (await _client.GetAsync($"/api/registry/enterprises/{id}")).Json()).GetProperty("history");
        Assert.Equal(1, history.EnumerateArray().Count(h => h.GetProperty("event").GetString() == "licence_expired"));

        // A licence whose last valid day is today is still valid.
        var expiring = await (await _client.GetAsync("/api/registry/licences/expiring?withinDays=0")).Json();
        Assert.Contains(expiring.EnumerateArray(), e => e.GetProperty("licenceId").GetGuid() == current);
        Assert.DoesNotContain(expiring.EnumerateArray(), e => e.GetProperty("licenceId").GetGuid() == licenceId);
    }
}
