using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Platform.Web.Account;

/// <summary>
/// Sign-in at the identity provider (the platform's identity service, or the province's): OpenID Connect
/// authorization code flow with PKCE, configured by <c>Authentication:Oidc</c> (Authority, ClientId, ClientSecret,
/// RequireHttpsMetadata). The tokens stay on the server: in the session behind the cookie (<see cref="SessionStore"/>),
/// never in the browser. The access token is renewed with the refresh token <c>Authentication:Oidc:RenewBefore</c>
/// (2 minutes) before it expires; a refused refresh (account disabled, enterprise ceased) ends the session.
/// </summary>
public static class OidcSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string ChallengePath = "/tai-khoan/dang-nhap-oidc";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Authentication:Oidc:Authority"]);

    /// <summary>The quick role picker with development tokens: Development only, and only when asked for (Console:DevelopmentSignIn).</summary>
    public static bool DevelopmentPickerEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() && configuration.GetValue<bool>("Console:DevelopmentSignIn");

    public static void Add(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var section = configuration.GetSection("Authentication:Oidc");
        authentication.AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = section["Authority"];
            o.ClientId = section["ClientId"];
            o.ClientSecret = section["ClientSecret"];
            o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.ResponseType = "code";
            o.UsePkce = true;
            // The code comes back in the query of a top-level redirect, so the correlation and nonce cookies can be
            // SameSite=Lax and work on plain HTTP too (loopback, or TLS ended before the console); form_post would
            // need SameSite=None, which browsers accept only on Secure cookies.
            o.ResponseMode = "query";
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SaveTokens = true; // into the server-side session: the id token for sign-out, the refresh token for renewal
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false; // the id token carries name, role and enterprise
            o.Scope.Clear();
            foreach (var scope in (section["Scopes"] ?? "openid profile offline_access platform").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                o.Scope.Add(scope);
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = "role";
            o.Events.OnTokenValidated = context =>
            {
                // The claims the console reads (CurrentUser) and the token it forwards to the APIs (ForwardUserToken).
                var claims = context.Principal!.Claims.Where(c => c.Type is "sub" or "name" or "role" or PlatformRoles.EnterpriseIdClaim).ToList();
                claims.Add(new Claim(SignIn.AccessTokenClaim, context.TokenEndpointResponse!.AccessToken));
                context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", "role"));
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/dang-nhap?loi=oidc");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    private static TimeSpan RenewBefore(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetValue("Authentication:Oidc:RenewBefore", TimeSpan.FromMinutes(2));

    public const string SecondFactorPath = "/tai-khoan/xac-thuc-hai-buoc";

    public static void Map(WebApplication app)
    {
        app.MapGet(ChallengePath, (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = SignIn.IsLocal(returnUrl) ? returnUrl : "/" }, [Scheme]));
        // A manager's second factor is enrolled at the provider (its own page, where the password was typed); the
        // console's pages link here.
        app.MapGet(SecondFactorPath, (IConfiguration configuration) =>
            Results.Redirect(new Uri(new Uri(configuration["Authentication:Oidc:Authority"]!.TrimEnd('/') + "/"), SecondFactorPath.TrimStart('/')).ToString()));
    }

    /// <summary>Cookie validation: renews the access token a little before it expires; ends the session if the provider refuses.</summary>
    public static async Task RenewAccessTokenAsync(CookieValidatePrincipalContext context)
    {
        if (context.Properties.GetTokenValue("refresh_token") is not { } refreshToken
            || !DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
            || expiresAt - RenewBefore(context.HttpContext.RequestServices) > DateTimeOffset.UtcNow)
            return;
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        var metadata = await options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        using var response = await options.Backchannel.PostAsync(metadata.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken,
            ["client_id"] = options.ClientId!, ["client_secret"] = options.ClientSecret ?? "",
        }), context.HttpContext.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
                .LogInformation("Refresh refused ({Status}) for {User}: session ended", (int)response.StatusCode, context.Principal?.FindFirstValue("sub"));
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted));
        var accessToken = body.RootElement.GetProperty("access_token").GetString()!;
        context.Properties.UpdateTokenValue("access_token", accessToken);
        if (body.RootElement.TryGetProperty("refresh_token", out var renewed)) context.Properties.UpdateTokenValue("refresh_token", renewed.GetString()!);
        var lifetime = body.RootElement.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300;
        context.Properties.UpdateTokenValue("expires_at", DateTimeOffset.UtcNow.AddSeconds(lifetime).ToString("o", CultureInfo.InvariantCulture));
        var claims = context.Principal!.Claims.Where(c => c.Type != SignIn.AccessTokenClaim).Append(new Claim(SignIn.AccessTokenClaim, accessToken));
        context.ReplacePrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", "role")));
        context.ShouldRenew = true;
    }
}
