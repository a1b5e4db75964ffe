using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Identity.Server;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
// Not AddPlatformApi: this service issues the tokens the others validate; its own API takes its own tokens.
builder.AddServiceDefaults();
builder.AddRequestBodyLimit();
builder.Services.AddOpenApi(o => o.AddBearerSecurityScheme());
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
// Before anything that brings Data Protection (antiforgery): its key ring lives in the schema the initializer migrates.
builder.AddIdentityServer();
builder.Services.AddAntiforgery(o => o.Cookie.Name = "platform.identity.af");
builder.Services.AddScoped<AccountChanges>();
builder.AddPlatformMessaging("messaging", bus => bus.AddPlatformConsumer<EnterpriseCeasedConsumer>());

var app = builder.Build();

if (args.Contains("seed-demo"))
{
    await DemoAccounts.LoadAsync(app.Services);
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRequestBodyLimit(); // after security: an anonymous caller gets 401, not a hint about sizes
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapDefaultEndpoints();
SignInPages.Map(app);
ConnectEndpoints.Map(app);
AccountsApi.Map(app.MapGroup("/api/identity"));

app.Run();
