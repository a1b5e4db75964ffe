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

    /// <summary>The signing certificates, in order; tests of rotation set them before the host starts.</summary>
    public List<X509Certificate2> SigningCertificates { get; init; } = [TestCertificates.Create("signing", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30))];
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
        var tokens = await new CodeFlow(this).SignInAsync(account.UserName!, password);
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

/// <summary>What the token endpoint answered: tokens, or the OAuth error.</summary>
public sealed record TokenResponse(HttpStatusCode Status, string? AccessToken, string? RefreshToken, string? IdToken, string? Error, JsonElement Body)
{
    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        string? Get(string name) => body.TryGetProperty(name, out var v) ? v.GetString() : null;
        return new(response.StatusCode, Get("access_token"), Get("refresh_token"), Get("id_token"), Get("error"), body);
    }
}

/// <summary>
/// The authorization code flow with PKCE as the console runs it, step by step over HTTP: authorize, the sign-in
/// page (with its antiforgery token), back to authorize, the code at the redirect address, the token endpoint.
/// </summary>
public sealed class CodeFlow(IdentityHost host)
{
    public HttpClient Browser { get; } = host.Browser();
    private readonly string _verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

    public string AuthorizeUrl => "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
    {
        ["client_id"] = IdentityHost.WebClient, ["response_type"] = "code", ["redirect_uri"] = IdentityHost.RedirectUri,
        ["scope"] = "openid profile offline_access platform", ["state"] = "trang-thai", ["nonce"] = "so-dung-mot-lan",
        ["code_challenge"] = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(_verifier))), ["code_challenge_method"] = "S256",
    }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>Signs in and exchanges the code; fails the test if any step does not go as the protocol says.</summary>
    public async Task<TokenResponse> SignInAsync(string userName, string password)
    {
        var attempt = await TryPasswordAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        var back = await Browser.GetAsync(attempt.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(IdentityHost.RedirectUri, callback.ToString());
        var code = Regex.Match(callback.Query, "[?&]code=([^&]+)").Groups[1].Value;
        Assert.NotEmpty(code);
        return await ExchangeAsync(Uri.UnescapeDataString(code));
    }

    /// <summary>Starts at authorize, lands on the sign-in page and posts the password; the sign-in page's answer.</summary>
    public async Task<HttpResponseMessage> TryPasswordAsync(string userName, string password)
    {
        var authorize = await Browser.GetAsync(AuthorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var signInPage = authorize.Headers.Location!;
        Assert.Contains("/dang-nhap", signInPage.ToString());
        var html = await Browser.GetStringAsync(signInPage);
        return await Browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["UserName"] = userName, ["Password"] = password,
            ["ReturnUrl"] = System.Net.WebUtility.HtmlDecode(Regex.Match(html, "name=\"ReturnUrl\" value=\"([^\"]+)\"").Groups[1].Value),
        }));
    }

    public async Task<TokenResponse> ExchangeAsync(string code) =>
        await TokenResponse.ReadAsync(await Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = IdentityHost.RedirectUri,
            ["client_id"] = IdentityHost.WebClient, ["client_secret"] = IdentityHost.WebSecret, ["code_verifier"] = _verifier,
        })));

    public async Task<TokenResponse> RefreshAsync(string refreshToken) =>
        await TokenResponse.ReadAsync(await Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
            ["client_id"] = IdentityHost.WebClient, ["client_secret"] = IdentityHost.WebSecret,
        })));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
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
