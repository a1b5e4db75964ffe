using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Infrastructure;
using Platform.Meetings;
using Platform.Registry;
using Platform.Reporting;
using Platform.Testing;
using Xunit;

namespace Identity.Tests;

/// <summary>
/// The four APIs configured as outside Development: they trust the identity service by its authority (discovery
/// document and JWKS over HTTP) and nothing else: not the shared development key, not another issuer, not another
/// audience. Their own feed readers get tokens by client credentials from it.
/// </summary>
public sealed class TrustTests(TestServers servers) : IAsyncLifetime
{
    private readonly IdentityHost _identity = new(servers);
    private IdentityHost? _otherProvider;
    private readonly List<(string Name, IAsyncDisposable Host, Func<HttpClient> Client)> _apis = [];

    public static readonly TheoryData<string> Apis = new("registry", "infrastructure", "meetings", "reporting");

    public async ValueTask InitializeAsync()
    {
        await _identity.InitializeAsync();
        await Task.WhenAll(
            Start(new ServiceHost<RegistryApi>(servers, "registrydb"), "registry"),
            Start(new ServiceHost<InfrastructureApi>(servers, "infrastructuredb"), "infrastructure"),
            Start(new ServiceHost<MeetingsApi>(servers, "meetingsdb"), "meetings"),
            Start(new ServiceHost<ReportingApi>(servers, "reportingdb"), "reporting"));
    }

    private async Task Start<T>(ServiceHost<T> host, string name) where T : class
    {
        foreach (var (key, value) in AuthoritySettings(_identity)) host.ExtraSettings[key] = value;
        lock (_apis) _apis.Add((name, host, () => host.CreateClient()));
        await host.InitializeAsync();
    }

    /// <summary>What an operator sets outside Development (README, "Calling the APIs: tokens").</summary>
    public static Dictionary<string, string?> AuthoritySettings(IdentityHost identity) => new()
    {
        ["Authentication:Schemes:Bearer:Authority"] = identity.Address.ToString(),
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "platform",
        ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false", // loopback in tests; https in production
        ["Authentication:ServiceClient:TokenEndpoint"] = new Uri(identity.Address, "/connect/token").ToString(),
        ["Authentication:ServiceClient:ClientId"] = IdentityHost.FeedClient,
        ["Authentication:ServiceClient:ClientSecret"] = IdentityHost.FeedSecret,
    };

    private async Task<HttpStatusCode> FeedStatusAsync(string api, string? token)
    {
        using var client = _apis.Single(a => a.Name == api).Client();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync($"/api/{api}/feed")).StatusCode;
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Every_API_accepts_the_identity_service_tokens(string api)
    {
        var token = await _identity.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret);
        Assert.Equal(HttpStatusCode.OK, await FeedStatusAsync(api, token.AccessToken));
        // A person's token from the code flow too (an auditor may read feeds).
        using var auditor = await _identity.ClientWithTokenAsync(PlatformRoles.Auditor);
        Assert.Equal(HttpStatusCode.OK, await FeedStatusAsync(api, auditor.DefaultRequestHeaders.Authorization!.Parameter));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Every_API_refuses_a_wrong_audience_a_wrong_issuer_and_the_development_key(string api)
    {
        var key = new X509SecurityKey(_identity.CurrentSigningKey);
        // Signed with the provider's own key, so only the audience or the issuer is wrong.
        Assert.Equal(HttpStatusCode.OK, await FeedStatusAsync(api, Mint(key, _identity.Address.ToString(), "platform")));
        Assert.Equal(HttpStatusCode.Unauthorized, await FeedStatusAsync(api, Mint(key, _identity.Address.ToString(), "another-system")));
        Assert.Equal(HttpStatusCode.Unauthorized, await FeedStatusAsync(api, Mint(key, "http://another-provider.invalid/", "platform")));
        // The shared development key is not trusted once an authority is configured.
        Assert.Equal(HttpStatusCode.Unauthorized, await FeedStatusAsync(api, DevelopmentTokens.Issue(PlatformRoles.Manager)));
        Assert.Equal(HttpStatusCode.Unauthorized, await FeedStatusAsync(api, null));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Every_API_refuses_a_token_from_another_provider(string api)
    {
        _otherProvider ??= await StartOtherProviderAsync();
        var foreign = await _otherProvider.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret);
        Assert.Equal(HttpStatusCode.OK, foreign.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await FeedStatusAsync(api, foreign.AccessToken));
    }

    private async Task<IdentityHost> StartOtherProviderAsync()
    {
        var other = new IdentityHost(servers);
        await other.InitializeAsync();
        return other;
    }

    public static string Mint(SecurityKey key, string issuer, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer, Audience = audience, Expires = DateTime.UtcNow.AddMinutes(5),
        Subject = new ClaimsIdentity([new Claim("sub", "forged"), new Claim("role", PlatformRoles.Manager)]),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, host, _) in _apis) await host.DisposeAsync();
        if (_otherProvider is not null) await _otherProvider.DisposeAsync();
        await _identity.DisposeAsync();
    }
}
