using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>Every read of restricted data lands in the access log, with who read it, before the data is returned: one
/// test per endpoint that returns exact locations, sharing terms or disputes (the site detail's is in SiteApiTests).</summary>
public class RestrictedReadTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private const string Requests = "/api/infrastructure/sharing-requests";
    private readonly HttpClient _client = host.CreateClient();
    private readonly HttpClient _auditor = host.CreateClientAs("auditor");

    /// <summary>The newest access-log entry after the read, by the auditor (the manager's client writes the data).</summary>
    private async Task<JsonElement> LoggedAsync(string url, string? filter = null)
    {
        (await _auditor.GetAsync(url)).EnsureSuccessStatusCode();
        var log = await (await _client.GetAsync($"/api/infrastructure/access-log?limit=1{filter}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("test-auditor", log[0].GetProperty("who").GetString());
        return log[0];
    }

    private async Task<(Guid Site, Guid Request)> DisputedRequestAsync()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var requester = await host.KnownEnterpriseAsync("MobiFone");
        var tower = await host.OperationalTowerAsync(_client, owner);
        var id = (await (await _client.PostAsJsonAsync(Requests, new { siteId = tower, requesterId = requester, purpose = "Lắp 3 anten 4G" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await _client.PostAsJsonAsync($"{Requests}/{id}/refusal", new { reason = "technical" })).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsJsonAsync($"{Requests}/{id}/dispute", new { raisedBy = requester, grounds = "Cột còn chỗ" })).ExpectAsync(HttpStatusCode.OK);
        return (tower, id);
    }

    [Fact]
    public async Task The_site_register_with_exact_locations_is_logged()
    {
        await host.OperationalTowerAsync(_client, await host.KnownEnterpriseAsync("Viettel"));
        Assert.StartsWith("site register page 1", (await LoggedAsync("/api/infrastructure/sites")).GetProperty("what").GetString());
    }

    [Fact]
    public async Task The_geojson_export_is_logged()
    {
        await host.OperationalTowerAsync(_client, await host.KnownEnterpriseAsync("Viettel"));
        Assert.StartsWith("GeoJSON export of", (await LoggedAsync("/api/infrastructure/sites.geojson")).GetProperty("what").GetString());
    }

    [Fact]
    public async Task The_sharing_request_list_with_fees_and_conditions_is_logged()
    {
        await DisputedRequestAsync();
        Assert.StartsWith("sharing request list of", (await LoggedAsync(Requests)).GetProperty("what").GetString());
    }

    [Fact]
    public async Task A_sharing_request_detail_is_logged_against_the_request_and_its_site()
    {
        var (site, request) = await DisputedRequestAsync();
        var entry = await LoggedAsync($"{Requests}/{request}", $"&requestId={request}");
        Assert.Equal(("sharing request detail (terms)", site), (entry.GetProperty("what").GetString(), entry.GetProperty("siteId").GetGuid()));
    }

    [Fact]
    public async Task The_disputes_list_is_logged()
    {
        await DisputedRequestAsync();
        Assert.StartsWith("disputes list of", (await LoggedAsync("/api/infrastructure/disputes")).GetProperty("what").GetString());
    }
}
