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
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    o.LoginPath = "/dang-nhap";
    o.AccessDeniedPath = "/dang-nhap";
    o.Cookie.Name = "platform.web";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    // The cookie holds the API bearer token; it lives no longer than the token does.
    o.ExpireTimeSpan = SignIn.TokenLifetime;
    o.SlidingExpiration = false;
});
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
ExportEndpoints.Map(app);
app.MapRazorComponents<App>();

app.Run();
