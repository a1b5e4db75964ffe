using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Platform.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Server;

/// <summary>
/// At start: applies the schema's migrations, and creates or updates the configured OAuth clients,
/// so a client's secret or redirect addresses change by configuration and a restart.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, IOptions<ClientOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string RoleProperty = "platform_role";

    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        await MigrateAsync(db, logger, ct);
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

    /// <summary>
    /// Applies the EF Core migrations not yet applied (EF takes a database lock, so replicas starting together do not
    /// race). A database created before migrations existed (<c>EnsureCreated</c>, the schema of the first migration)
    /// is adopted: that migration is recorded as applied and the later ones run.
    /// </summary>
    public static async Task MigrateAsync(IdentityDb db, ILogger logger, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        // Not history.ExistsAsync: with EF Core 10 and Npgsql it answered true for a database without the table.
        if (!await TableExistsAsync(db, "__EFMigrationsHistory", ct) && await TableExistsAsync(db, "AspNetUsers", ct))
        {
            var first = db.Database.GetMigrations().First();
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(first, ProductInfo.GetVersion())), ct);
            logger.LogWarning("Identity database created before migrations: adopted as {Migration}", first);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (pending.Count > 0) logger.LogInformation("Identity database migrated: {Migrations}", pending);
    }

    private static async Task<bool> TableExistsAsync(IdentityDb db, string table, CancellationToken ct) =>
        await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {table}) AS \"Value\"")
            .SingleAsync(ct);

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
