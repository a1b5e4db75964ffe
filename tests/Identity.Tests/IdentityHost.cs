using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity;
using Platform.Identity.Accounts;
using Platform.Testing;
using Microsoft.Extensions.Hosting;
using Xunit;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace Identity.Tests;

/// <summary>
/// The identity service on a loopback port (the APIs fetch its discovery document and keys from there), on its own
/// fresh database and vhost, with test certificates, two clients (the console's code flow, a feed reader's client
/// credentials) and a lockout after three failures.
/// </summary>
public sealed class IdentityHost(TestServers servers, int? port = null) : KestrelServiceHost<IdentityApi>(servers, "identitydb", port)
{
    public const string WebClient = "test-web";
    public const string WebSecret = "test-web-secret";
    public const string RedirectUri = "http://127.0.0.1:1/signin-oidc";
    public const string FeedClient = "test-feeds";
    public const string FeedSecret = "test-feeds-secret";
    public const string NoRoleClient = "test-no-role";

    /// <summary>Signing certificates an operator manages, in order; empty (the default): the service's own key ring.</summary>
    public List<X509Certificate2> SigningCertificates { get; init; } = [];

    /// <summary>The key that signs the provider's tokens now (the first of the published ones).</summary>
    public X509Certificate2 CurrentSigningKey => Services.GetRequiredService<Platform.Identity.Server.SigningKeyRing>().Current[0];
    public X509Certificate2 EncryptionCertificate { get; init; } = Shared.Encryption;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                [$"Identity:Clients:{WebClient}:Secret"] = WebSecret,
                [$"Identity:Clients:{WebClient}:RedirectUris:0"] = RedirectUri,
                [$"Identity:Clients:{WebClient}:PostLogoutRedirectUris:0"] = "http://127.0.0.1:1/signout-callback-oidc",
                [$"Identity:Clients:{FeedClient}:Secret"] = FeedSecret,
                [$"Identity:Clients:{FeedClient}:Role"] = "external-system",
                [$"Identity:Clients:{NoRoleClient}:Secret"] = "no-role-secret",
                ["Identity:Policy:Lockout:MaxFailedAccessAttempts"] = "3",
                ["Identity:EncryptionCertificates:0:Base64"] = TestCertificates.Export(EncryptionCertificate),
            };
            for (var i = 0; i < SigningCertificates.Count; i++)
                settings[$"Identity:SigningCertificates:{i}:Base64"] = TestCertificates.Export(SigningCertificates[i]);
            return settings;
        }
    }

    /// <summary>A browser-like client: its own cookies, redirects not followed (the tests look at each).</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Address };

    /// <summary>The console's code flow, in a fresh browser.</summary>
    public OidcCodeFlow NewCodeFlow() => new(Browser(), new OidcClient(WebClient, WebSecret, RedirectUri));

    /// <summary>Creates an account straight in the store (the API's own tests go through the API).</summary>
    public async Task<Account> CreateAccountAsync(string role, string password, Guid? enterprise = null, string? userName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account
        {
            UserName = userName ?? $"u{Guid.NewGuid():N}"[..12], FullName = "Người Thử Nghiệm", Role = role, EnterpriseId = enterprise,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(account, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return account;
    }

    /// <summary>A manager's access token, through the code flow.</summary>
    public async Task<HttpClient> ClientAsManagerAsync() => await ClientWithTokenAsync(PlatformRoles.Manager);

    public async Task<HttpClient> ClientWithTokenAsync(string role)
    {
        const string password = "Mat-khau-2026";
        var account = await CreateAccountAsync(role, password);
        var tokens = await NewCodeFlow().SignInAsync(account.UserName!, password);
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        return client;
    }

    public async Task<TokenResponse> ClientCredentialsAsync(string clientId, string secret)
    {
        using var http = new HttpClient { BaseAddress = Address };
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "platform",
        }));
        return await TokenResponse.ReadAsync(response);
    }

    private static class Shared
    {
        public static readonly X509Certificate2 Encryption = TestCertificates.Create("encryption", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));
    }
}

public static class TestCertificates
{
    public static X509Certificate2 Create(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Platform test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            name == "encryption" ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature, critical: true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static string Export(X509Certificate2 certificate) => Convert.ToBase64String(certificate.Export(X509ContentType.Pfx));
}
