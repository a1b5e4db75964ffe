using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

public static class SecuritySetup
{
    /// <summary>Rate-limiter policy for endpoints that change something.</summary>
    public const string WritePolicy = "writes";

    /// <summary>
    /// Bearer tokens from any OpenID Connect provider: <c>Authentication:Schemes:Bearer</c> (Authority,
    /// ValidAudiences, ValidIssuer, or SigningKeys as `dotnet user-jwts` writes them). In Development
    /// with none configured, the shared development key (<see cref="DevelopmentTokens"/>); elsewhere
    /// the service refuses to start without one. Roles come from the <c>role</c> claim.
    /// </summary>
    public static TBuilder AddPlatformSecurity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var bearer = builder.Configuration.GetSection("Authentication:Schemes:Bearer");
        var developmentKey = string.IsNullOrWhiteSpace(bearer["Authority"]) && !bearer.GetSection("SigningKeys").Exists();
        if (developmentKey)
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException("Configure Authentication:Schemes:Bearer:Authority (the province's OpenID Connect provider) or SigningKeys.");
            builder.Configuration.AddInMemoryCollection(DevelopmentTokens.Configuration);
        }

        // Development beside a real provider (the AppHost's identity service): Authentication:AcceptDevelopmentTokens
        // keeps development tokens (dev-token.sh, the console's quick role picker) working too. Never outside Development.
        var alsoDevelopment = !developmentKey && builder.Environment.IsDevelopment()
            && builder.Configuration.GetValue<bool>("Authentication:AcceptDevelopmentTokens");
        if (alsoDevelopment) builder.Configuration.AddInMemoryCollection(DevelopmentTokens.ConfigurationFor(DevelopmentScheme));

        // The token this service presents to the others: client credentials when configured, else (Development) a development token.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Authentication:ServiceClient:TokenEndpoint"]))
            builder.Services.AddHttpClient<IServiceTokenSource, ClientCredentialsTokenSource>().AddOwnResilience(HttpClientWork.Background); // asked for by feed reads
        else if (developmentKey || alsoDevelopment)
            builder.Services.AddSingleton<IServiceTokenSource, DevelopmentServiceTokenSource>();
        builder.Services.AddTransient<ServiceTokenHandler>();

        builder.Services.AddHttpContextAccessor();
        var authentication = builder.Services.AddAuthentication(alsoDevelopment ? EitherScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(ConfigureBearer);
        if (alsoDevelopment)
        {
            authentication.AddJwtBearer(DevelopmentScheme, ConfigureBearer);
            // The token's issuer (read, not yet trusted) picks the scheme that then validates it.
            authentication.AddPolicyScheme(EitherScheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CanReadToken(header[7..].Trim())
                && new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(header[7..].Trim()).Issuer == DevelopmentTokens.Issuer
                    ? DevelopmentScheme : JwtBearerDefaults.AuthenticationScheme);
        }
        builder.Services.AddAuthorization(PlatformPolicies.Add);

        var perMinute = builder.Configuration.GetValue("RateLimiting:WritesPerMinute", 300);
        builder.Services.AddRateLimiter(o =>
        {
            // Per client: the token's subject, else the address; a burst from one client never starves the others.
            o.AddPolicy(WritePolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue("sub") ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString();
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many changes from this client.",
                        Detail = $"At most {perMinute} changes a minute per client; try again shortly.",
                        Type = "https://platform.sotttt.invalid/problems/rate-limited",
                    },
                });
            };
        });
        return builder;
    }

    private const string DevelopmentScheme = "DevelopmentBearer";
    private const string EitherScheme = "BearerOrDevelopment";

    private static void ConfigureBearer(JwtBearerOptions o)
    {
        o.MapInboundClaims = false; // keep "sub", "role", "enterprise_id" as the provider wrote them
        o.TokenValidationParameters.RoleClaimType = "role";
        o.TokenValidationParameters.NameClaimType = "sub";
        // Keys from Authentication:Schemes:<scheme>:SigningKeys (the development key, or keys an operator configures) come
        // from ASP.NET Core as a lazy sequence that reads the configuration and builds new key objects at every validation
        // (per request: configuration reads, base64, a SHA-256 thumbprint for the crypto cache; a profile found it on every
        // command). Built once here. An authority's keys are not in this list: they come from its JWKS, cached and refreshed.
        o.TokenValidationParameters.IssuerSigningKeys = o.TokenValidationParameters.IssuerSigningKeys?.ToArray();
    }

    /// <summary>Authentication, authorization and the rate limiter, in that order.</summary>
    public static WebApplication UsePlatformSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Declares the bearer scheme in the OpenAPI document so Scalar offers a token field.</summary>
    public static OpenApiOptions AddBearerSecurityScheme(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from the province's identity provider (roles: department-officer, department-manager, enterprise-representative with enterprise_id, auditor, external-system).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        });

    /// <summary>Marks an endpoint as a write: its policy plus the per-client write rate limit.</summary>
    public static TBuilder Writes<TBuilder>(this TBuilder endpoint, string policy) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy).RequireRateLimiting(WritePolicy);
}
