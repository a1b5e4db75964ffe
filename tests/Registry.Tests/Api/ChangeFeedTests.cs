using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.EventStore;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

public class ChangeFeedTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();

    private async Task<System.Text.Json.JsonElement> ReadAsync(long after, int limit = 100) =>
        await (await _client.GetAsync($"/api/registry/feed?after={after}&limit={limit}")).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Feed_serves_integration_events_in_order_and_resumes_from_any_position()
    {
        var id = await host.RegisterAsync(_client);
        await (await _client.PostAsJsonAsync($"/api/registry/enterprises/{id}/suspension", new { reason = "Tạm dừng" })).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsJsonAsync($"/api/registry/enterprises/{id}/reinstatement", new { })).ExpectAsync(HttpStatusCode.OK);

        // Read everything, two at a time, following nextAfter, until caught up with this stream's three events.
        var seen = new List<System.Text.Json.JsonElement>();
        long after = 0;
        await Eventually.Until(async () =>
        {
            var page = await ReadAsync(after, 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("nextAfter").GetInt64();
            return seen.Count(e => e.GetProperty("data").GetProperty("enterpriseId").GetGuid() == id);
        }, n => n == 3, what: "three events of the stream in the feed");

        var positions = seen.Select(e => e.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions.Distinct().Count(), positions.Count);
        var mine = seen.Where(e => e.GetProperty("data").GetProperty("enterpriseId").GetGuid() == id).ToList();
        Assert.Equal(["enterprise-registered.v1", "enterprise-suspended.v1", "enterprise-reinstated.v1"], mine.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L, 3L], mine.Select(e => e.GetProperty("data").GetProperty("streamVersion").GetInt64()));
        Assert.Equal("Tạm dừng", mine[1].GetProperty("data").GetProperty("reason").GetString());

        // Resuming after the registration gives exactly what followed it.
        var resumed = await ReadAsync(mine[0].GetProperty("position").GetInt64());
        var resumedMine = resumed.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("data").GetProperty("enterpriseId").GetGuid() == id);
        Assert.Equal(["enterprise-suspended.v1", "enterprise-reinstated.v1"], resumedMine.Select(e => e.GetProperty("type").GetString()));

        // The event id is stable: the same event read twice has the same id.
        var again = (await ReadAsync(mine[0].GetProperty("position").GetInt64() - 1, 1)).GetProperty("items")[0];
        Assert.Equal(mine[0].GetProperty("data").GetProperty("eventId").GetGuid(), again.GetProperty("data").GetProperty("eventId").GetGuid());
    }

    [Fact]
    public async Task Bad_positions_and_limits_are_400()
    {
        var problem = await (await _client.GetAsync("/api/registry/feed?after=-1&limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["after", "limit"], problem.FieldErrors());
        await (await _client.GetAsync("/api/registry/feed?limit=5000")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_position_older_than_what_is_kept_is_410_gone()
    {
        await using var separate = new RegistryHost(host.Servers);
        await separate.InitializeAsync();
        var client = separate.CreateClient();
        await using (var session = separate.Store.LightweightSession())
        {
            session.Store(new ChangeFeedRetention(ChangeFeedRetention.SingletonId, 100));
            await session.SaveChangesAsync();
        }
        var gone = await (await client.GetAsync("/api/registry/feed?after=99")).ExpectProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("feed-position-gone", gone.GetProperty("code").GetString());
        Assert.Equal(100, gone.GetProperty("oldestAvailableAfter").GetInt64());
        await (await client.GetAsync("/api/registry/feed?after=100")).ExpectAsync(HttpStatusCode.OK);
    }
}
