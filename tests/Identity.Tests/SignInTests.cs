using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Testing;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Identity.Tests;

/// <summary>The authorization code flow with PKCE, refresh tokens, lockout and client credentials, over HTTP.</summary>
public sealed class SignInTests(TestServers servers) : IAsyncLifetime
{
    private readonly IdentityHost _host = new(servers);
    private const string Password = "Mat-khau-2026";

    public ValueTask InitializeAsync() => _host.InitializeAsync();
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Code_flow_gives_a_representative_tokens_with_role_and_enterprise_for_the_platform_audience()
    {
        var enterprise = Guid.NewGuid();
        var account = await _host.CreateAccountAsync(PlatformRoles.Representative, Password, enterprise);

        var tokens = await _host.NewCodeFlow().SignInAsync(account.UserName!, Password);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
        var access = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(account.Id, access.Subject);
        Assert.Equal(PlatformRoles.Representative, access.GetClaim("role").Value);
        Assert.Equal(enterprise.ToString(), access.GetClaim("enterprise_id").Value);
        Assert.Contains("platform", access.Audiences);
        Assert.Equal(_host.Address.ToString(), access.Issuer);
        Assert.Equal("RS256", access.Alg); // signed, not encrypted: any JWT bearer handler reads it with the JWKS
    }

    [Fact]
    public async Task A_code_without_its_PKCE_verifier_is_refused()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, Password);
        var flow = _host.NewCodeFlow();
        var signedIn = await flow.TryPasswordAsync(account.UserName!, Password);
        var callback = (await flow.Browser.GetAsync(signedIn.Headers.Location)).Headers.Location!;
        var code = Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(callback.Query, "code=([^&]+)").Groups[1].Value);

        var response = await TokenResponse.ReadAsync(await flow.Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = IdentityHost.RedirectUri,
            ["client_id"] = IdentityHost.WebClient, ["client_secret"] = IdentityHost.WebSecret, ["code_verifier"] = new string('x', 43),
        })));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_grant", response.Error);
    }

    [Fact]
    public async Task Authorize_without_a_PKCE_challenge_is_refused()
    {
        using var browser = _host.Browser();
        var response = await browser.GetAsync($"/connect/authorize?client_id={IdentityHost.WebClient}&response_type=code&redirect_uri={Uri.EscapeDataString(IdentityHost.RedirectUri)}&scope=openid&state=s");
        // Refused by the server before anyone is asked for a password.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_recorded()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, Password);

        var response = await _host.NewCodeFlow().TryPasswordAsync(account.UserName!, "Sai-mat-khau-1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("không đúng", await response.Content.ReadAsStringAsync());
        var audit = await AuditAsync(account.Id);
        Assert.Contains(audit, e => e.GetProperty("kind").GetString() == "sign-in-failed");
    }

    [Fact]
    public async Task Three_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, Password);
        for (var i = 0; i < 3; i++) await _host.NewCodeFlow().TryPasswordAsync(account.UserName!, "Sai-mat-khau-1");

        var response = await _host.NewCodeFlow().TryPasswordAsync(account.UserName!, Password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("tạm bị khoá", await response.Content.ReadAsStringAsync());
        Assert.Contains(await AuditAsync(account.Id), e => e.GetProperty("kind").GetString() == "locked-out");
    }

    [Fact]
    public async Task Refresh_gives_new_tokens_until_the_account_is_disabled()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, Password);
        var flow = _host.NewCodeFlow();
        var tokens = await flow.SignInAsync(account.UserName!, Password);
        var refreshed = await flow.RefreshAsync(tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);

        using var manager = await _host.ClientAsManagerAsync();
        (await manager.PostAsJsonAsync($"/api/identity/accounts/{account.Id}/disable", new { reason = "Nghỉ việc" })).EnsureSuccessStatusCode();

        var refused = await flow.RefreshAsync(refreshed.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_grant", refused.Error);
        // And no new sign-in either.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.NewCodeFlow().TryPasswordAsync(account.UserName!, Password)).StatusCode);
    }

    [Fact]
    public async Task Client_credentials_give_a_client_with_a_role_a_token_in_that_role()
    {
        var tokens = await _host.ClientCredentialsAsync(IdentityHost.FeedClient, IdentityHost.FeedSecret);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        var access = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(PlatformRoles.ExternalSystem, access.GetClaim("role").Value);
        Assert.Equal($"client:{IdentityHost.FeedClient}", access.Subject);
        Assert.Contains("platform", access.Audiences);
    }

    [Fact]
    public async Task Client_credentials_are_refused_with_a_wrong_secret_or_to_a_client_without_a_role()
    {
        Assert.Equal("invalid_client", (await _host.ClientCredentialsAsync(IdentityHost.FeedClient, "wrong-secret")).Error);
        // The console's client may not use client credentials at all; a client without a role gets no token.
        Assert.Equal("unauthorized_client", (await _host.ClientCredentialsAsync(IdentityHost.WebClient, IdentityHost.WebSecret)).Error);
        Assert.NotNull((await _host.ClientCredentialsAsync(IdentityHost.NoRoleClient, "no-role-secret")).Error);
    }

    [Fact]
    public async Task Discovery_names_the_endpoints_PKCE_and_the_keys()
    {
        using var http = new HttpClient { BaseAddress = _host.Address };
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(_host.Address.ToString(), discovery.GetProperty("issuer").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        foreach (var grant in new[] { "authorization_code", "client_credentials", "refresh_token" })
            Assert.Contains(grant, discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.NotNull(discovery.GetProperty("end_session_endpoint").GetString());
        var jwks = await http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());
        Assert.Single(jwks.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task Sign_out_ends_the_session_at_the_provider()
    {
        var account = await _host.CreateAccountAsync(PlatformRoles.Officer, Password);
        var flow = _host.NewCodeFlow();
        var tokens = await flow.SignInAsync(account.UserName!, Password);

        var logout = await flow.Browser.GetAsync($"/connect/logout?id_token_hint={tokens.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString("http://127.0.0.1:1/signout-callback-oidc")}");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("http://127.0.0.1:1/signout-callback-oidc", logout.Headers.Location!.ToString());

        // The same browser is asked for its password again.
        var again = await flow.Browser.GetAsync(flow.AuthorizeUrl);
        Assert.Contains("/dang-nhap", again.Headers.Location!.ToString());
        Assert.Contains(await AuditAsync(account.Id), e => e.GetProperty("kind").GetString() == "signed-out");
    }

    private async Task<JsonElement[]> AuditAsync(string accountId)
    {
        using var auditor = await _host.ClientWithTokenAsync(PlatformRoles.Auditor);
        return (await auditor.GetFromJsonAsync<JsonElement[]>($"/api/identity/audit?accountId={accountId}"))!;
    }
}

/// <summary>A manager's optional second factor: enrolled with a first code, then asked for at every sign-in.</summary>
public sealed class SecondFactorTests(TestServers servers) : IAsyncLifetime
{
    private readonly IdentityHost _host = new(servers);

    public ValueTask InitializeAsync() => _host.InitializeAsync();
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_manager_with_an_authenticator_signs_in_with_password_and_code()
    {
        const string password = "Mat-khau-2026";
        var account = await _host.CreateAccountAsync(PlatformRoles.Manager, password);
        using var manager = new HttpClient { BaseAddress = _host.Address };
        manager.DefaultRequestHeaders.Authorization = new("Bearer", (await _host.NewCodeFlow().SignInAsync(account.UserName!, password)).AccessToken);
        var key = (await manager.GetFromJsonAsync<JsonElement>("/api/identity/me/second-factor")).GetProperty("sharedKey").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync("/api/identity/me/second-factor", new { code = "000000" == Totp.Code(key) ? "111111" : "000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync("/api/identity/me/second-factor", new { code = Totp.Code(key) })).StatusCode);

        // The password alone now leads to the code page, not back to the client.
        var flow = _host.NewCodeFlow();
        var afterPassword = await flow.TryPasswordAsync(account.UserName!, password);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith("/dang-nhap/ma-xac-thuc", afterPassword.Headers.Location!.ToString());
        var page = await flow.Browser.GetStringAsync(afterPassword.Headers.Location);
        string Hidden(string name) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, $"name=\"{name}\" value=\"([^\"]+)\"").Groups[1].Value);

        var wrong = await flow.Browser.PostAsync("/dang-nhap/ma-xac-thuc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"), ["Code"] = "12345", ["ReturnUrl"] = Hidden("ReturnUrl"),
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var right = await flow.Browser.PostAsync("/dang-nhap/ma-xac-thuc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"), ["Code"] = Totp.Code(key), ["ReturnUrl"] = Hidden("ReturnUrl"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var callback = (await flow.Browser.GetAsync(right.Headers.Location)).Headers.Location!;
        Assert.StartsWith(IdentityHost.RedirectUri, callback.ToString());
        var audit = await manager.GetFromJsonAsync<JsonElement[]>($"/api/identity/audit?accountId={account.Id}");
        Assert.Contains(audit!, e => e.GetProperty("kind").GetString() == "second-factor-enabled");
        Assert.Contains(audit!, e => e.GetProperty("kind").GetString() == "second-factor-failed");
        Assert.Contains(audit!, e => e.GetProperty("detail").GetString() == "with authenticator code");
    }
}

/// <summary>The enrolment page refuses what it should and changes nothing then; it is HTML, so refusals are pages.</summary>
public sealed class SecondFactorPageTests(TestServers servers) : IAsyncLifetime
{
    private readonly IdentityHost _host = new(servers);
    private const string Password = "Mat-khau-2026";

    public ValueTask InitializeAsync() => _host.InitializeAsync();
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<OidcCodeFlow> SignedInAsync(string role)
    {
        var account = await _host.CreateAccountAsync(role, Password);
        var flow = _host.NewCodeFlow();
        Assert.Equal(HttpStatusCode.Redirect, (await flow.TryPasswordAsync(account.UserName!, Password)).StatusCode);
        return flow;
    }

    private static string Hidden(string page, string name) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, $"name=\"{name}\" value=\"([^\"]+)\"").Groups[1].Value);

    [Fact]
    public async Task Without_a_sign_in_the_page_sends_to_the_sign_in_page_and_other_roles_are_refused()
    {
        using var anonymous = _host.Browser();
        var response = await anonymous.GetAsync("/tai-khoan/xac-thuc-hai-buoc");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dang-nhap?returnUrl=", response.Headers.Location!.ToString());

        var officer = await SignedInAsync(PlatformRoles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Browser.GetAsync("/tai-khoan/xac-thuc-hai-buoc")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_overlong_or_forged_code_post_is_refused_and_enables_nothing()
    {
        var flow = await SignedInAsync(PlatformRoles.Manager);
        var page = await flow.Browser.GetStringAsync("/tai-khoan/xac-thuc-hai-buoc");
        var token = Hidden(page, "__RequestVerificationToken");
        Task<HttpResponseMessage> Post(Dictionary<string, string> form) =>
            flow.Browser.PostAsync("/tai-khoan/xac-thuc-hai-buoc", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, (await Post(new() { ["__RequestVerificationToken"] = token, ["Code"] = "12345" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(new() { ["__RequestVerificationToken"] = token, ["Code"] = new string('1', 5000) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(new() { ["__RequestVerificationToken"] = token })).StatusCode);
        // Without the antiforgery token (another site's form): refused before anything is read.
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(new() { ["Code"] = "123456" })).StatusCode);

        Assert.Contains("Bật xác thực hai bước", await flow.Browser.GetStringAsync("/tai-khoan/xac-thuc-hai-buoc")); // still not enabled
    }

    [Fact]
    public async Task Sign_in_forms_with_their_fields_missing_are_refused_not_failed()
    {
        using var browser = _host.Browser();
        var page = await browser.GetStringAsync("/dang-nhap");
        var token = Hidden(page, "__RequestVerificationToken");
        var password = await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Unauthorized, password.StatusCode);
        var code = await browser.PostAsync("/dang-nhap/ma-xac-thuc", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode); // no password step behind it: back to the sign-in page
        Assert.StartsWith("/dang-nhap?returnUrl=", code.Headers.Location!.ToString());
    }
}
