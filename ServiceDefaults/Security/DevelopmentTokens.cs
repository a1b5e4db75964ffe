using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Development and test tokens only. In the Development environment, when no identity provider is
/// configured, every service trusts this well-known key (like `dotnet user-jwts`, but one key shared
/// by all services, so one token works across them). Never used elsewhere: outside Development the
/// services require an OpenID Connect authority or signing keys from configuration.
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "platform-dev";
    public const string Audience = "platform";
    // A 304-bit key, public on purpose: it only ever signs development tokens.
    private const string KeyBase64 = "cGxhdGZvcm0tZGV2ZWxvcG1lbnQtb25seS1rZXktMjU2Yml0cyE=";

    public static IEnumerable<KeyValuePair<string, string?>> Configuration => ConfigurationFor("Bearer");

    /// <summary>The JWT bearer settings that trust the development key, for the named authentication scheme.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ConfigurationFor(string scheme) =>
    [
        new($"Authentication:Schemes:{scheme}:ValidIssuer", Issuer),
        new($"Authentication:Schemes:{scheme}:ValidAudiences:0", Audience),
        new($"Authentication:Schemes:{scheme}:SigningKeys:0:Issuer", Issuer),
        new($"Authentication:Schemes:{scheme}:SigningKeys:0:Value", KeyBase64),
    ];

    /// <summary>A signed token for a user with one role (and, for a representative, the enterprise).</summary>
    public static string Issue(string role, Guid? enterpriseId = null, string? userId = null, TimeSpan? validFor = null)
    {
        var claims = new List<Claim> { new("sub", userId ?? $"dev-{role}"), new("name", userId ?? $"Dev {role}"), new("role", role) };
        if (enterpriseId is { } id) claims.Add(new Claim(PlatformRoles.EnterpriseIdClaim, id.ToString()));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow + (validFor ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(KeyBase64)), SecurityAlgorithms.HmacSha256),
        });
    }
}
