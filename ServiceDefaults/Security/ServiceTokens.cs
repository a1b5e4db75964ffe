using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>A token this service presents when it calls another Platform service (e.g. to read a change feed).</summary>
public interface IServiceTokenSource
{
    ValueTask<string> GetTokenAsync(CancellationToken ct);
}

/// <summary>Adds the service's own bearer token to outgoing requests of the HttpClients it is attached to.</summary>
public sealed class ServiceTokenHandler(IServiceTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(ct));
        return await base.SendAsync(request, ct);
    }
}

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 §4.4) against the province's identity provider:
/// <c>Authentication:ServiceClient:TokenEndpoint</c>, <c>ClientId</c>, <c>ClientSecret</c>, optional <c>Scope</c>.
/// The provider decides the roles (external-system for feed readers). Tokens are cached until a minute before expiry.
/// </summary>
public sealed class ClientCredentialsTokenSource(HttpClient http, IConfiguration configuration, TimeProvider clock) : IServiceTokenSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _cached;

    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        if (_cached is { } c && c.Until > clock.GetUtcNow()) return c.Token;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && again.Until > clock.GetUtcNow()) return again.Token;
            var section = configuration.GetSection("Authentication:ServiceClient");
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = section["ClientId"]!, ["client_secret"] = section["ClientSecret"]!,
            };
            if (section["Scope"] is { Length: > 0 } scope) form["scope"] = scope;
            using var response = await http.PostAsync(section["TokenEndpoint"], new FormUrlEncodedContent(form), ct);
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct) ?? throw new InvalidOperationException("Empty token response");
            _cached = (token.AccessToken, clock.GetUtcNow().AddSeconds(Math.Max(0, token.ExpiresIn - 60)));
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>In Development with the shared development key: a development token in the external-system role.</summary>
public sealed class DevelopmentServiceTokenSource(IHostEnvironment environment) : IServiceTokenSource
{
    public ValueTask<string> GetTokenAsync(CancellationToken ct) =>
        ValueTask.FromResult(DevelopmentTokens.Issue(PlatformRoles.ExternalSystem, userId: $"service:{environment.ApplicationName}"));
}
