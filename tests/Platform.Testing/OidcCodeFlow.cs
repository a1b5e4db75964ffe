using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Platform.Testing;

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

/// <summary>A client of the identity service that uses the code flow.</summary>
public sealed record OidcClient(string ClientId, string Secret, string RedirectUri);

/// <summary>
/// The authorization code flow with PKCE as the console runs it, step by step over HTTP against the identity
/// service: authorize, its sign-in page (with the antiforgery token), back to authorize, the code at the redirect
/// address, the token endpoint. <paramref name="browser"/> keeps cookies and does not follow redirects.
/// </summary>
public sealed class OidcCodeFlow(HttpClient browser, OidcClient client)
{
    public HttpClient Browser { get; } = browser;
    private readonly string _verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

    public string AuthorizeUrl => "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
    {
        ["client_id"] = client.ClientId, ["response_type"] = "code", ["redirect_uri"] = client.RedirectUri,
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
        Assert.StartsWith(client.RedirectUri, callback.ToString());
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
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = client.RedirectUri,
            ["client_id"] = client.ClientId, ["client_secret"] = client.Secret, ["code_verifier"] = _verifier,
        })));

    public async Task<TokenResponse> RefreshAsync(string refreshToken) =>
        await TokenResponse.ReadAsync(await Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
            ["client_id"] = client.ClientId, ["client_secret"] = client.Secret,
        })));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
