using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Registry;
using Platform.Testing;
using Xunit;

namespace Identity.Tests;

/// <summary>
/// Key rotation while the provider runs: the next key is published before it signs anything, signs once its time
/// comes, and the replaced key stays published so the tokens it signed are still accepted, by the APIs and by the
/// provider's own API; no restart anywhere.
/// </summary>
public sealed class KeyRotationTests(TestServers servers)
{
    [Fact]
    public async Task Keys_rotated_without_refusing_valid_tokens()
    {
        // A rotation every 30 s, the next key published 15 s ahead (in production: 30 days and a day).
        await using var identity = new IdentityHost(servers);
        foreach (var (key, value) in Ring(rotateEvery: "00:00:30", publishAhead: "00:00:15", retainFor: "00:05:00")) identity.ExtraSettings[key] = value;
        identity.ExtraSettings["Identity:AccessTokenLifetime"] = "00:05:00";
        await identity.InitializeAsync();

        var first = await KidAsync(identity);
        var before = await identity.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret);
        Assert.Equal(first, new JsonWebToken(before.AccessToken).Kid);

        // The next key appears in the JWKS while the first one still signs.
        var published = await Eventually.Until(() => PublishedKeysAsync(identity), keys => keys.Length >= 2, TimeSpan.FromSeconds(60), "next key published");
        Assert.Contains(first, published);
        var next = published.First(k => k != first);
        Assert.Equal(first, await KidAsync(identity));
        // An API reads the JWKS in that window (in production it refreshes it every 12 h, the key is published a day ahead).
        // It starts only now: its start-up already reads the JWKS (the health poll carries a token).
        await using var registry = RegistryTrusting(identity);
        await registry.InitializeAsync();
        Assert.Equal((HttpStatusCode.OK, "first key's token"), (await FeedStatusAsync(registry, before.AccessToken), "first key's token"));

        // Its time comes: it signs, without a restart, and the API accepts its tokens with the keys it holds.
        await Eventually.Until(() => KidAsync(identity), kid => kid == next, TimeSpan.FromSeconds(60), "next key signs");
        var after = await identity.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret);
        Assert.Equal(next, new JsonWebToken(after.AccessToken).Kid);
        Assert.Equal((HttpStatusCode.OK, "next key's token"), (await FeedStatusAsync(registry, after.AccessToken), "next key's token"));
        // The first key's token has not expired: still accepted, by the API and by the provider's own API.
        Assert.Contains(first, await PublishedKeysAsync(identity));
        Assert.Equal((HttpStatusCode.OK, "first key's token after the rotation"), (await FeedStatusAsync(registry, before.AccessToken), "first key's token after the rotation"));
        using var manager = await identity.ClientAsManagerAsync();
        Assert.Equal((HttpStatusCode.OK, "the provider's own API"), ((await manager.GetAsync("/api/identity/accounts")).StatusCode, "the provider's own API"));
    }

    [Fact]
    public async Task A_replaced_key_leaves_the_JWKS_once_its_tokens_have_expired()
    {
        await using var identity = new IdentityHost(servers);
        foreach (var (key, value) in Ring(rotateEvery: "00:00:06", publishAhead: "00:00:03", retainFor: "00:00:05")) identity.ExtraSettings[key] = value;
        identity.ExtraSettings["Identity:AccessTokenLifetime"] = "00:00:05";
        await identity.InitializeAsync();
        var first = await KidAsync(identity);

        var published = await Eventually.Until(() => PublishedKeysAsync(identity), keys => !keys.Contains(first), TimeSpan.FromSeconds(90), "first key retired");
        // What signs now is published; the ring holds the signing key and at most the one it replaced and the next.
        Assert.Contains(await KidAsync(identity), published);
        Assert.InRange(published.Length, 1, 3);
    }

    [Fact]
    public async Task Certificates_an_operator_manages_rotate_at_the_next_ones_NotBefore_without_a_restart()
    {
        var now = DateTimeOffset.UtcNow;
        var old = TestCertificates.Create("signing-old", now.AddDays(-10), now.AddDays(20));
        // Published ahead of use: in production a day or more (longer than the APIs keep the JWKS); here 45 s (a loaded
        // machine takes a while to start the two hosts, so they start side by side).
        var next = TestCertificates.Create("signing-next", now.AddSeconds(45), now.AddDays(60));
        await using var identity = new IdentityHost(servers) { SigningCertificates = [old, next] };
        identity.ExtraSettings["Identity:SigningKeys:CheckInterval"] = "00:00:01";
        await using var registry = RegistryTrusting(identity);
        var registryStarted = registry.InitializeAsync().AsTask();
        await identity.InitializeAsync();

        Assert.True(DateTimeOffset.UtcNow < next.NotBefore, "the host took too long to start for this test's timing");
        var before = await identity.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret);
        Assert.Equal(KeyId(old), new JsonWebToken(before.AccessToken).Kid);
        Assert.Equal(new[] { KeyId(old), KeyId(next) }.Order(), (await PublishedKeysAsync(identity)).Order());
        await registryStarted;
        Assert.Equal(HttpStatusCode.OK, await FeedStatusAsync(registry, before.AccessToken));
        // The Registry holds the provider's keys from before the next one signs (its start-up may have asked before the
        // provider listened; then it asked again at the request above).
        Assert.True(DateTimeOffset.UtcNow < next.NotBefore, "the hosts took too long to start for this test's timing");

        await Eventually.Until(() => KidAsync(identity), kid => kid == KeyId(next), TimeSpan.FromSeconds(90), "next certificate signs");
        var after = await identity.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret);
        Assert.Equal(HttpStatusCode.OK, await FeedStatusAsync(registry, after.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await FeedStatusAsync(registry, before.AccessToken));
    }

    private static Dictionary<string, string?> Ring(string rotateEvery, string publishAhead, string retainFor) => new()
    {
        ["Identity:SigningKeys:RotateEvery"] = rotateEvery,
        ["Identity:SigningKeys:PublishAhead"] = publishAhead,
        ["Identity:SigningKeys:RetainFor"] = retainFor,
        ["Identity:SigningKeys:CheckInterval"] = "00:00:01",
    };

    /// <summary>A Registry that trusts the provider, not started yet. It reads the provider's JWKS at the first request
    /// with a token: already at its start, whose health poll carries one.</summary>
    private static ServiceHost<RegistryApi> RegistryTrusting(IdentityHost identity)
    {
        var registry = new ServiceHost<RegistryApi>(identity.Servers, "registrydb");
        foreach (var (key, value) in TrustTests.AuthoritySettings(identity)) registry.ExtraSettings[key] = value;
        return registry;
    }

    /// <summary>The key id of a token issued now.</summary>
    private static async Task<string> KidAsync(IdentityHost identity) =>
        new JsonWebToken((await identity.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret)).AccessToken).Kid;

    private static string KeyId(X509Certificate2 certificate) => new X509SecurityKey(certificate).KeyId;

    private static async Task<string[]> PublishedKeysAsync(IdentityHost identity)
    {
        using var http = new HttpClient { BaseAddress = identity.Address };
        var jwks = await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
        return jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }

    private static async Task<HttpStatusCode> FeedStatusAsync(ServiceHost<RegistryApi> registry, string? token)
    {
        using var client = registry.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/registry/feed")).StatusCode;
    }
}
