using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using Platform.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Server;

/// <summary>
/// ASP.NET Core Identity (accounts, password hasher and policy, lockout, TOTP) and the OpenIddict server
/// (authorization code + PKCE, client credentials, refresh tokens, discovery, JWKS) on the service's database.
/// </summary>
public static class OidcServerSetup
{
    /// <summary>The audience every access token carries: what the APIs' <c>ValidAudiences</c> name.</summary>
    public const string DefaultAudience = "platform";
    /// <summary>The scope a client asks for to call the APIs.</summary>
    public const string ApiScope = "platform";

    public const string ManageAccounts = "identity-manage-accounts";
    public const string ReadAudit = "identity-read-audit";

    public static WebApplicationBuilder AddIdentityServer(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString("identitydb")
            ?? throw new InvalidOperationException("ConnectionStrings:identitydb is not configured");
        builder.Services.AddDbContext<IdentityDb>(o =>
        {
            o.UseNpgsql(connectionString);
            o.UseOpenIddict();
        });
        builder.Services.AddHealthChecks().AddPostgresCheck("identitydb");
        var keys = SigningKeys.From(configuration, builder.Environment);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("platform-identity").PersistKeysToDbContext<IdentityDb>();
        // The key ring's private keys are protected with Data Protection, whose keys sit in the same database: with an
        // encryption certificate configured they are encrypted with it, so a copy of the database alone reveals neither.
        if (keys.Encryption.Count > 0)
            dataProtection.ProtectKeysWithCertificate(keys.Encryption[0]).UnprotectKeysWithAnyCertificate([.. keys.Encryption]);

        builder.Services.AddIdentity<Account, IdentityRole>(o =>
            {
                // The Department's policy; Identity:Policy overrides any of it (IdentityOptions' names).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                // Claims OpenIddict and the APIs read, instead of Identity's long URIs.
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();
        builder.Services.Configure<IdentityOptions>(configuration.GetSection("Identity:Policy"));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "platform.identity";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = SignInPages.SignInPath;
            o.LogoutPath = "/connect/logout";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.AddScoped<AuditLog>();

        var requireHttps = configuration.GetValue("Identity:RequireHttps", !builder.Environment.IsDevelopment());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                if (configuration["Identity:Issuer"] is { Length: > 0 } issuer) o.SetIssuer(new Uri(issuer));
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetUserInfoEndpointUris("connect/userinfo");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, ApiScope);
                o.SetAccessTokenLifetime(configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(20)));
                o.SetRefreshTokenLifetime(configuration.GetValue("Identity:RefreshTokenLifetime", TimeSpan.FromHours(8)));
                // Plain signed JWTs: the APIs validate them with any JWT bearer handler and the published JWKS.
                o.DisableAccessTokenEncryption();
                keys.AddTo(o);
                var aspNet = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                // HTTP only where TLS ends before the service (loopback in Development; Identity:RequireHttps=false behind an ingress).
                if (!requireHttps) aspNet.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                // The management API accepts this server's own access tokens.
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy(ManageAccounts, p => p.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireRole(PlatformRoles.Manager));
            o.AddPolicy(ReadAudit, p => p.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireRole(PlatformRoles.Manager, PlatformRoles.Auditor));
        });
        builder.Services.Configure<ClientOptions>(configuration.GetSection("Identity"));
        builder.Services.AddHostedService<DatabaseInitializer>();
        // After the schema exists (hosted services start in order): the signing keys, before the first request.
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SigningKeyRing>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<SigningKeyRing>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictValidationOptions>>(sp => sp.GetRequiredService<SigningKeyRing>());
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp =>
            new ConfigureNamedOptions<OpenIddictServerOptions>(Options.DefaultName, sp.GetRequiredService<SigningKeyRing>().AddTo));
        return builder;
    }
}

/// <summary>
/// Encryption keys (authorization codes and refresh tokens, read only by this service): X.509 certificates (PKCS#12)
/// from <c>Identity:EncryptionCertificates:N</c> (<c>Path</c> or <c>Base64</c>, optional <c>Password</c>), required
/// outside Development (Development without them: OpenIddict's development certificate). The signing keys are the
/// <see cref="SigningKeyRing"/>'s.
/// </summary>
public sealed class SigningKeys
{
    public List<X509Certificate2> Encryption { get; } = [];

    public static SigningKeys From(IConfiguration configuration, IHostEnvironment environment)
    {
        var keys = new SigningKeys();
        keys.Encryption.AddRange(Load(configuration.GetSection("Identity:EncryptionCertificates")));
        if (keys.Encryption.Count == 0 && !environment.IsDevelopment())
            throw new InvalidOperationException("Configure Identity:EncryptionCertificates (README, Identity).");
        return keys;
    }

    public static IEnumerable<X509Certificate2> Load(IConfigurationSection section) =>
        section.GetChildren().Select(c =>
        {
            var bytes = c["Base64"] is { Length: > 0 } b ? Convert.FromBase64String(b)
                : c["Path"] is { Length: > 0 } path ? File.ReadAllBytes(path)
                : throw new InvalidOperationException($"{c.Path}: give Path or Base64");
            return X509CertificateLoader.LoadPkcs12(bytes, c["Password"], X509KeyStorageFlags.EphemeralKeySet);
        }).ToList();

    public void AddTo(OpenIddictServerBuilder server)
    {
        if (Encryption.Count == 0) server.AddDevelopmentEncryptionCertificate();
        foreach (var certificate in Encryption) server.AddEncryptionCertificate(certificate);
    }
}

/// <summary>The OAuth clients, from configuration <c>Identity:Clients:&lt;client id&gt;</c> (created or updated at start).</summary>
public sealed class ClientOptions
{
    public Dictionary<string, ClientSettings> Clients { get; set; } = new();
}

/// <summary>
/// One client. <c>RedirectUris</c> set: the authorization code flow (+ PKCE, refresh tokens), e.g. the console.
/// <c>Role</c> set: client credentials, its tokens carrying that role (external-system for the services' feed
/// readers and outside systems).
/// </summary>
public sealed class ClientSettings
{
    public string? Secret { get; set; }
    public string? DisplayName { get; set; }
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
    public string? Role { get; set; }
}
