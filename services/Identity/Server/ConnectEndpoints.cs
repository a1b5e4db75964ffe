using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Server;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through: it has already validated the protocol (client,
/// redirect address, PKCE, grant); these decide who the caller is and which claims the tokens carry.
/// </summary>
public static class ConnectEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize).ExcludeFromDescription();
        app.MapPost("/connect/token", Token).ExcludeFromDescription();
        app.MapMethods("/connect/logout", ["GET", "POST"], Logout).ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfo).ExcludeFromDescription()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser());
    }

    private static async Task<IResult> Authorize(HttpContext http, UserManager<Account> users, IConfiguration configuration)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request");
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = signedIn.Succeeded ? await users.GetUserAsync(signedIn.Principal!) : null;
        if (account is null || account.Disabled || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            // To the sign-in page, then back here with the same parameters.
            var query = http.Request.HasFormContentType
                ? QueryString.Create(http.Request.Form.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, p.Value)))
                : QueryString.Create(http.Request.Query.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, p.Value)));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query },
                [IdentityConstants.ApplicationScheme]);
        }
        var principal = PrincipalFor(account, request.GetScopes(), configuration);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(HttpContext http, UserManager<Account> users, AuditLog audit,
        OpenIddict.Abstractions.IOpenIddictApplicationManager applications, IConfiguration configuration)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client");
            var properties = await applications.GetPropertiesAsync(application);
            if (!properties.TryGetValue(DatabaseInitializer.RoleProperty, out var role))
                return Refuse(Errors.UnauthorizedClient, "This client has no role for client credentials.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, $"client:{request.ClientId}")
                .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application) ?? request.ClientId)
                .SetClaim(Claims.Role, role.GetString());
            return Results.SignIn(Finish(identity, request.GetScopes(), configuration), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token was valid; the account must still be too (disabled, locked: refused here,
            // so a disabled account keeps its access at most one access-token lifetime).
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = result.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            if (account is null || account.Disabled || await users.IsLockedOutAsync(account))
            {
                await audit.RecordAsync(AuditKinds.TokenRefused, account, "self",
                    account is null ? "account no longer exists" : account.Disabled ? "account disabled" : "account locked out");
                return Refuse(Errors.InvalidGrant, "The account is no longer allowed to sign in.");
            }
            return Results.SignIn(PrincipalFor(account, result.Principal!.GetScopes(), configuration), properties: null,
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> Logout(HttpContext http, SignInManager<Account> signIn, AuditLog audit)
    {
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (signedIn.Succeeded && await signIn.UserManager.GetUserAsync(signedIn.Principal!) is { } account)
            await audit.RecordAsync(AuditKinds.SignedOut, account, "self");
        await signIn.SignOutAsync();
        // OpenIddict redirects to the client's post_logout_redirect_uri when it is registered, else here.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = SignInPages.SignedOutPath },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfo(HttpContext http, UserManager<Account> users)
    {
        var subject = http.User.GetClaim(Claims.Subject);
        if (subject is null || await users.FindByIdAsync(subject) is not { Disabled: false } account)
            return Results.Challenge(properties: null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        var claims = new Dictionary<string, object?> { [Claims.Subject] = account.Id, [Claims.Name] = account.FullName, [Claims.Role] = account.Role };
        if (account.EnterpriseId is { } enterprise) claims[PlatformRoles.EnterpriseIdClaim] = enterprise.ToString();
        return Results.Ok(claims);
    }

    /// <summary>The claims a person's tokens carry: what the APIs check (<c>role</c>, <c>enterprise_id</c>) and the name.</summary>
    internal static ClaimsPrincipal PrincipalFor(Account account, IEnumerable<string> scopes, IConfiguration configuration)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id)
            .SetClaim(Claims.Name, string.IsNullOrEmpty(account.FullName) ? account.UserName : account.FullName)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(Claims.Role, account.Role);
        if (account.EnterpriseId is { } enterprise) identity.SetClaim(PlatformRoles.EnterpriseIdClaim, enterprise.ToString());
        return Finish(identity, scopes, configuration);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes, IConfiguration configuration)
    {
        identity.SetScopes(scopes);
        identity.SetResources(configuration["Identity:Audience"] is { Length: > 0 } audience ? audience : OidcServerSetup.DefaultAudience);
        // Everything in the access token (the APIs need it); name, role and enterprise also in the identity token
        // (the console shows them without calling back).
        identity.SetDestinations(claim => claim.Type is Claims.Name or Claims.Role or PlatformRoles.EnterpriseIdClaim or Claims.PreferredUsername
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
