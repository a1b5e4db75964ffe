using System.Net;
using System.Text.Json;
using Platform.Testing;

namespace Registry.Tests.Api;

/// <summary>
/// A client that keeps the directory from the bulk snapshot and the change feed, as <c>X-Feed-Position</c> promises
/// it can: each enterprise's status, legal name and stream version. Shared by the tests that check that promise.
/// </summary>
public static class DirectoryFeed
{
    public sealed record Entry(string Status, string LegalName, long Version);

    /// <summary>The directory as a snapshot (<c>GET /enterprises/export</c>, JSON) holds it.</summary>
    public static Dictionary<Guid, Entry> Entries(JsonElement snapshot) => snapshot.EnumerateArray().ToDictionary(
        e => e.GetProperty("id").GetGuid(),
        e => new Entry(e.GetProperty("status").GetString()!, e.GetProperty("legalName").GetString()!, e.GetProperty("version").GetInt64()));

    /// <summary>Reads the feed from <paramref name="after"/> page by page (<paramref name="limit"/> a page), applying each
    /// event to <paramref name="state"/>, until a page brings nothing new; answers the position reached.</summary>
    public static async Task<long> ReadAsync(HttpClient client, Dictionary<Guid, Entry> state, long after, int limit)
    {
        while (true)
        {
            var page = await (await client.GetAsync($"/api/registry/feed?after={after}&limit={limit}")).ExpectAsync(HttpStatusCode.OK);
            foreach (var item in page.GetProperty("items").EnumerateArray()) Apply(state, item.GetProperty("type").GetString()!, item.GetProperty("data"));
            var next = page.GetProperty("nextAfter").GetInt64();
            if (next == after) return after;
            after = next;
        }
    }

    /// <summary>What a feed reader does with each event: applied when newer than what it holds (events it already has
    /// through the snapshot carry a stream version it has, and are skipped).</summary>
    public static void Apply(Dictionary<Guid, Entry> state, string type, JsonElement data)
    {
        var id = data.GetProperty("enterpriseId").GetGuid();
        var version = data.GetProperty("streamVersion").GetInt64();
        var held = state.GetValueOrDefault(id);
        if (held is not null && held.Version >= version) return;
        state[id] = type switch
        {
            "enterprise-registered.v1" => new Entry("active", data.GetProperty("legalName").GetString()!, version),
            "enterprise-details-amended.v1" => held! with { LegalName = data.GetProperty("legalName").GetString()!, Version = version },
            "enterprise-suspended.v1" => held! with { Status = "suspended", Version = version },
            "enterprise-reinstated.v1" => held! with { Status = "active", Version = version },
            "enterprise-ceased.v1" => held! with { Status = "ceased", Version = version },
            _ => held! with { Version = version }, // licence events move the stream's version too
        };
    }
}
