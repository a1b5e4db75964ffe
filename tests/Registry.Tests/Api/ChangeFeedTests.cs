using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Retention acts by itself: a host keeping one day of feed, its clock moved two days on, stops serving the
    /// positions that aged out, answers 410 with the snapshot to start over from, and that snapshot's position is served.</summary>
    [Fact]
    public async Task A_position_older_than_the_retention_window_is_410_gone_with_the_snapshot_to_start_over()
    {
        var clock = new AdjustableClock();
        await using var separate = new RegistryHost(host.Servers) { ExtraServices = s => s.AddSingleton<TimeProvider>(clock) };
        separate.ExtraSettings["EventStore:FeedRetention:KeepDays"] = "1";
        separate.ExtraSettings["EventStore:FeedRetention:CheckInterval"] = "00:00:01";
        await separate.InitializeAsync();
        var client = separate.CreateClient();
        for (var i = 0; i < 3; i++) await separate.RegisterAsync(client, TestData.Enterprise(TestData.NewTaxCode()));
        var caughtUp = await Eventually.Until(async () => await (await client.GetAsync("/api/registry/feed?after=0")).Json(),
            p => p.GetProperty("items").GetArrayLength() == 3, what: "three registrations in the feed");
        var retention = separate.Services.GetRequiredService<ChangeFeedRetentionJob>();
        Assert.Equal(0, await retention.ApplyAsync(default)); // within the day: everything still served
        await (await client.GetAsync("/api/registry/feed?after=0")).ExpectAsync(HttpStatusCode.OK);

        clock.Shift = TimeSpan.FromDays(2);
        var gone = await Eventually.Until(async () => (await client.GetAsync("/api/registry/feed?after=0")).StatusCode,
            s => s == HttpStatusCode.Gone, what: "the background round moved the retention mark");
        var problem = await (await client.GetAsync("/api/registry/feed?after=0")).ExpectProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("feed-position-gone", problem.GetProperty("code").GetString());
        var oldest = problem.GetProperty("oldestAvailableAfter").GetInt64();
        Assert.Equal(caughtUp.GetProperty("items")[2].GetProperty("position").GetInt64(), oldest); // the last aged-out event
        Assert.Equal("/api/registry/enterprises/export", problem.GetProperty("snapshot").GetString());
        await (await client.GetAsync($"/api/registry/feed?after={oldest - 1}")).ExpectProblemAsync(HttpStatusCode.Gone);
        await (await client.GetAsync($"/api/registry/feed?after={oldest}")).ExpectAsync(HttpStatusCode.OK);

        // Starting over: the snapshot holds all three and its position is still served.
        var snapshot = await client.GetAsync("/api/registry/enterprises/export");
        Assert.Equal(3, (await snapshot.ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        var position = long.Parse(snapshot.Headers.GetValues("X-Feed-Position").Single());
        Assert.True(position >= oldest, $"snapshot position {position} is before the oldest served {oldest}");
        await (await client.GetAsync($"/api/registry/feed?after={position}")).ExpectAsync(HttpStatusCode.OK);
    }
}
