using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Platform.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Server;

/// <summary>
/// At start: creates the schema when the database is empty, and creates or updates the configured OAuth clients,
/// so a client's secret or redirect addresses change by configuration and a restart.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, IOptions<ClientOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string RoleProperty = "platform_role";

    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        // The schema is created whole (no migrations yet): a later schema change needs EF migrations (README).
        await db.Database.EnsureCreatedAsync(ct);
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, settings) in options.Value.Clients)
        {
            var descriptor = Describe(clientId, settings);
            if (await applications.FindByClientIdAsync(clientId, ct) is { } existing) await applications.UpdateAsync(existing, descriptor, ct);
            else await applications.CreateAsync(descriptor, ct);
            logger.LogInformation("OAuth client {ClientId} registered ({Flows})", clientId,
                settings.RedirectUris.Count > 0 ? "authorization code" : "client credentials");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor Describe(string clientId, ClientSettings settings)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = settings.Secret,
            ClientType = string.IsNullOrEmpty(settings.Secret) ? ClientTypes.Public : ClientTypes.Confidential,
            DisplayName = settings.DisplayName ?? clientId,
            // First-party clients of the Department: no consent screen.
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Prefixes.Scope + OidcServerSetup.ApiScope]);
        if (settings.RedirectUris.Count > 0)
        {
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            ]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            foreach (var uri in settings.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
            foreach (var uri in settings.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }
        if (settings.Role is { Length: > 0 } role)
        {
            if (!PlatformRoles.All.Contains(role)) throw new InvalidOperationException($"Identity:Clients:{clientId}:Role: unknown role {role}");
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
            descriptor.Properties[RoleProperty] = JsonSerializer.SerializeToElement(role);
        }
        return descriptor;
    }
}
