using Microsoft.Extensions.Http.Resilience;

namespace Platform.Web.Api;

/// <summary>The four services, by the names service discovery knows them by (services:&lt;name&gt;:http:0,
/// set by the AppHost or deploy/local/run.sh).</summary>
public sealed class PlatformApis(IHttpClientFactory factory)
{
    public static readonly string[] Services = ["registry", "infrastructure", "meetings", "reporting"];

    public ApiClient Registry { get; } = new(factory.CreateClient("registry"), "registry");
    public ApiClient Infrastructure { get; } = new(factory.CreateClient("infrastructure"), "infrastructure");
    public ApiClient Meetings { get; } = new(factory.CreateClient("meetings"), "meetings");
    public ApiClient Reporting { get; } = new(factory.CreateClient("reporting"), "reporting");
}

public static class PlatformApiRegistration
{
    public static IServiceCollection AddPlatformApiClients(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddTransient<ForwardUserToken>();
        // Each service its own pipeline (<name>-standard): with the defaults' shared one, failures of one service would
        // open the circuit breaker for the calls to all four.
        foreach (var name in PlatformApis.Services)
            services.AddHttpClient(name, c => c.BaseAddress = new Uri($"http://{name}")).AddHttpMessageHandler<ForwardUserToken>().AddOwnResilience();
        // The service defaults retry failed calls; a change that failed after it was written would then be sent twice,
        // so the console retries only reads (the user sees the problem of a change and decides). Every client of the
        // console is one of the APIs above, so this applies to all of them (ConfigureAll: their own pipelines too).
        services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.DisableForUnsafeHttpMethods());
        services.AddScoped<PlatformApis>();
        services.AddScoped<Account.CurrentUser>();
        return services;
    }
}
