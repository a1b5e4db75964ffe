using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Web.Account;

/// <summary>
/// Development sign-in: the user picks a role (and, for a representative, the enterprise) and the console gets a
/// development token for it (<see cref="DevelopmentTokens"/>, the key every service trusts in Development), kept
/// in the console's auth cookie and forwarded to the APIs. Only in Development and only when Console:DevelopmentSignIn
/// is true; otherwise the endpoint refuses and people sign in at the identity provider (<see cref="OidcSignIn"/>).
/// </summary>
public static class SignIn
{
    public const string AccessTokenClaim = "access_token";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    // EnterpriseId is text: the form sends "" when no enterprise is chosen, which no Guid binding accepts.
    public sealed record Form(string? Role, string? EnterpriseId, string? UserName, string? ReturnUrl);

    public static void Map(WebApplication app)
    {
        app.MapPost("/tai-khoan/dang-nhap", async ([FromForm] Form form, HttpContext http, IHostEnvironment env, IConfiguration configuration) =>
        {
            if (!OidcSignIn.DevelopmentPickerEnabled(configuration, env)) return Results.NotFound();
            if (form.Role is not { } role || !PlatformRoles.All.Contains(role) || role == PlatformRoles.ExternalSystem)
                return Results.Redirect("/dang-nhap?loi=vai-tro");
            var enterpriseId = role == PlatformRoles.Representative && Guid.TryParse(form.EnterpriseId, out var chosen) ? chosen : (Guid?)null;
            if (role == PlatformRoles.Representative && enterpriseId is null)
                return Results.Redirect("/dang-nhap?loi=doanh-nghiep");
            var user = string.IsNullOrWhiteSpace(form.UserName) ? $"dev-{role}" : form.UserName.Trim();
            var token = DevelopmentTokens.Issue(role, enterpriseId, user, TokenLifetime);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(user, role, enterpriseId, token));
            return Results.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
        });

        app.MapPost("/tai-khoan/dang-xuat", async (HttpContext http) =>
        {
            // Signed in at the provider: sign out there too (its end-session endpoint, then back to /dang-nhap).
            if (await http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, "id_token") is not null)
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/dang-nhap" },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OidcSignIn.Scheme]);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/dang-nhap");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()); // no form fields to bind, so ask for the token explicitly
    }

    /// <summary>The console's user: the token's claims (so PlatformRoles' helpers work here too) and the token itself.</summary>
    public static ClaimsPrincipal Principal(string user, string role, Guid? enterpriseId, string token)
    {
        var claims = new List<Claim> { new("sub", user), new("name", user), new("role", role), new(AccessTokenClaim, token) };
        if (enterpriseId is { } id) claims.Add(new Claim(PlatformRoles.EnterpriseIdClaim, id.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, "name", "role"));
    }

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
