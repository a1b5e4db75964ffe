using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Platform.Web.Account;
using Platform.Web.Api;
using Platform.Web.Components;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(); // telemetry, health, service discovery (http://registry → services:registry:http:0), resilience

builder.Services.AddRazorComponents();
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAuthorization();
// Sign-in: OpenID Connect at the identity provider (Authentication:Oidc) in every environment; Development may add
// the quick role picker with development tokens (Console:DevelopmentSignIn=true). Outside Development without a
// provider nobody could sign in: refuse to start instead.
var oidc = OidcSignIn.IsConfigured(builder.Configuration);
if (!oidc && !builder.Environment.IsDevelopment())
    throw new InvalidOperationException("Configure Authentication:Oidc:Authority, ClientId and ClientSecret (README, Web console).");
var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    o.LoginPath = "/dang-nhap";
    o.AccessDeniedPath = "/dang-nhap";
    o.Cookie.Name = "platform.web";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    // The cookie holds only a session key (SessionStore: the tokens stay on the server); the session lasts no longer
    // than the sign-in at the provider does.
    o.ExpireTimeSpan = SignIn.TokenLifetime;
    o.SlidingExpiration = false;
    if (oidc) o.Events.OnValidatePrincipal = OidcSignIn.RenewAccessTokenAsync;
});
if (oidc) OidcSignIn.Add(authentication, builder.Configuration);
builder.AddSessionStore();
builder.Services.AddPlatformApiClients();

var app = builder.Build();

// Vietnamese by default; ?culture=en (or the culture cookie) switches to the English resources. The browser's
// Accept-Language is ignored on purpose: the Department works in Vietnamese whatever the browser says.
var localization = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture("vi-VN") }
    .AddSupportedCultures("vi-VN", "en").AddSupportedUICultures("vi-VN", "en");
localization.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
app.UseRequestLocalization(localization);

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/loi", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/khong-tim-thay");
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapDefaultEndpoints();
SignIn.Map(app);
if (oidc) OidcSignIn.Map(app);
ExportEndpoints.Map(app);
MinutesEndpoints.Map(app);
app.MapRazorComponents<App>();

app.Run();
