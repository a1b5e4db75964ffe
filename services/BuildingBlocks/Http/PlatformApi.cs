using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Catalogue;
using Scalar.AspNetCore;

namespace Platform.BuildingBlocks.Http;

/// <summary>What every Platform HTTP service has, so a service's Program.cs holds only what is its own.</summary>
public static class PlatformApi
{
    /// <summary>Service defaults (telemetry, health, discovery), bearer security, the request size limit,
    /// the OpenAPI document, codes as kebab-case strings in JSON, unknown JSON fields refused, and the clock.</summary>
    public static WebApplicationBuilder AddPlatformApi(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddPlatformSecurity();
        builder.AddRequestBodyLimit();
        builder.Services.AddOpenApi(o => o.AddBearerSecurityScheme());
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            // A field the request does not have is refused (400), not ignored: a misspelt optional field
            // ("explaination") would otherwise be dropped in silence, and nothing is recorded that was not asked for.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The request pipeline and the anonymous documents (OpenAPI, Scalar, AsyncAPI, health);
    /// returns the service's <c>/api/{service}</c> group with its change feed mapped.</summary>
    public static RouteGroupBuilder MapPlatformApi(this WebApplication app, string service)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCommandMetrics(); // outside security: refusals by 401/403/429 are counted too
        app.UsePlatformSecurity();
        app.UseRequestBodyLimit(); // after security: an anonymous caller gets 401, not a hint about sizes
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapDefaultEndpoints();
        app.MapEventCatalogue(service).AllowAnonymous();
        var api = app.MapGroup($"/api/{service}");
        api.AddEndpointFilter(CommandMetrics.RememberProblemCode);
        // Every API operation needs a bearer token (401 without) and a role its policy allows (403 otherwise).
        api.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapChangeFeed("/feed").WithTags("Change feed").RequireAuthorization(PlatformPolicies.Feeds);
        return api;
    }

    /// <summary>The one-off <c>seed-demo</c> command: loads the service's demo data into its configured
    /// database and returns true (the caller then exits instead of serving).</summary>
    public static async Task<bool> RunSeedCommandAsync(this WebApplication app, string[] args,
        Func<IDocumentStore, TimeProvider, ILogger, CancellationToken, Task<int>> load)
    {
        if (!args.Contains("seed-demo")) return false;
        await load(app.Services.GetRequiredService<IDocumentStore>(), app.Services.GetRequiredService<TimeProvider>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger($"{app.Environment.ApplicationName}.Demo"), CancellationToken.None);
        return true;
    }
}
