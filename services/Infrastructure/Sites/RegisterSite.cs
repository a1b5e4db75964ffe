using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Geography;

namespace Platform.Infrastructure.Sites;

/// <summary><c>Commune</c>: the commune's official code or name (diacritics optional). With <c>District</c> it is a commune
/// before 1 July 2025 (kept as entered, counted in the current commune it went into); without, a current one.
/// <c>Route</c>: for ducts and cable routes, a GeoJSON LineString's coordinates ([longitude, latitude] pairs); the
/// site's point is then optional (the route's first position).</summary>
public sealed record RegisterSiteRequest(
    string? Name, string? Kind, Guid? OwnerId, string? District, string? Commune, double? Latitude, double? Longitude, string? Address,
    decimal? HeightMetres, int? TenantCapacity, string? Zone, int? PlannedUndergroundingYear, double[][]? Route = null);

/// <summary>A site registration, parsed: the commune's official code, generation and spelling, coordinates inside the
/// province, a route with its length on the ellipsoid, and what to warn about (a point outside the declared commune).</summary>
public sealed record SiteRegistration(string Name, SiteKind Kind, Guid OwnerId, Location Location, decimal? HeightMetres, int TenantCapacity,
    PlanZone Zone, int? PlannedUndergroundingYear, IReadOnlyList<Position>? Route, double? LengthKm, IReadOnlyList<string> Warnings);

/// <summary>201 body of a registration: the new stream, its version, and what the Department should look at
/// (e.g. <c>site-outside-commune: …</c> when the point lies outside the declared commune's boundary).</summary>
public sealed record SiteRegistrationAnswer(Guid Id, long Version, IReadOnlyList<string> Warnings);

/// <summary>An enterprise registers a site (one at a time here, or many through <see cref="SiteImport"/>, by the same rules).</summary>
public static class RegisterSite
{
    public const decimal MaxTowerHeightMetres = 150m;
    public const int MaxTenantCapacity = 20;

    public static Parsed<SiteRegistration> Parse(RegisterSiteRequest r, ProvinceGeography geography, Bounds province)
    {
        var errors = new FieldErrors().Require(r.Name, "name", 200).Require(r.Address, "address", 300);
        var kindOk = Codes.TryParse<SiteKind>(r.Kind, out var kind);
        if (!kindOk) errors.Add("kind", $"must be one of: {string.Join(", ", Codes.All<SiteKind>())}");
        if (!Codes.TryParse<PlanZone>(r.Zone, out var zone)) errors.Add("zone", $"must be one of: {string.Join(", ", Codes.All<PlanZone>())}");
        errors.When(r.OwnerId is null || r.OwnerId == Guid.Empty, "ownerId", "is required");

        var placement = SitePlacement.Place(geography, province, r.District, r.Commune, r.Latitude, r.Longitude, VietnameseText.Clean(r.Address), r.Route,
            kindOk && SiteKinds.IsCableRoute(kind), errors);

        if (kindOk && SiteKinds.IsTower(kind))
            errors.When(r.HeightMetres is not (> 0 and <= MaxTowerHeightMetres), "heightMetres", $"a tower needs its height, above 0 and at most {MaxTowerHeightMetres} m");
        else errors.When(r.HeightMetres is not null, "heightMetres", "only towers have a height");
        errors.When(r.TenantCapacity is not (>= 1 and <= MaxTenantCapacity), "tenantCapacity", $"must be between 1 and {MaxTenantCapacity}");
        if (r.PlannedUndergroundingYear is { } year)
            errors.When(kindOk && kind != SiteKind.AerialCableRoute, "plannedUndergroundingYear", "only aerial cable routes are on the undergrounding roadmap")
                  .When(year is < 2000 or > 2100, "plannedUndergroundingYear", "must be a year between 2000 and 2100");
        return Parsed<SiteRegistration>.Unless(errors, () => new SiteRegistration(VietnameseText.Clean(r.Name), kind, r.OwnerId!.Value,
            placement!.Location, r.HeightMetres, r.TenantCapacity!.Value, zone, r.PlannedUndergroundingYear, placement.Route, placement.LengthKm, placement.Warnings));
    }

    public static Decision Decide(SiteRegistration c, Guid siteId, KnownEnterprise? owner, DateTimeOffset now)
    {
        if (KnownEnterprise.RequireActive(owner, c.OwnerId, "ownerId") is { } inactive) return inactive;
        return Decision.Start<Site>(siteId, new SiteRegistered(siteId, c.Name, c.Kind, c.OwnerId, c.Location, c.HeightMetres, c.TenantCapacity,
            c.Zone, c.PlannedUndergroundingYear, now, c.Route, c.LengthKm, c.Warnings.Count > 0 ? c.Warnings : null));
    }

    public static void Map(RouteGroupBuilder sites) =>
        sites.MapPost("/", RegisterAsync)
            .WithSummary("Register a site (tower, pole, duct or cable route, in-building system) in a commune of the province's official list; the answer lists warnings (a point outside the declared commune).")
            .Writes(PlatformPolicies.EnterpriseAct);

    private static async Task<Registered> RegisterAsync(RegisterSiteRequest request, TimeProvider clock, IOptions<InfrastructureOptions> options,
        ProvinceGeography geography, HttpContext http)
    {
        if (request.OwnerId is { } claimed && !http.User.MayActFor(claimed)) return new(Results.Forbid());
        var id = Guid.CreateVersion7();
        var parsed = Parse(request, geography, SitePlacement.ProvinceBounds(geography, options.Value.Province));
        var (version, refused) = await http.RunCommandAsync(id, CommandRunner.Start(parsed, async (command, streams) =>
            Decide(command, id, await streams.Query.LoadAsync<KnownEnterprise>(command.OwnerId, streams.Cancellation), clock.GetUtcNow())), IfMatch.Optional);
        return new(refused ?? TypedResults.Created($"/api/infrastructure/sites/{id}", new SiteRegistrationAnswer(id, version, parsed.Command.Warnings)));
    }

    /// <summary>201 with <see cref="SiteRegistrationAnswer"/>, or a problem; declared as such in the OpenAPI document.</summary>
    public sealed class Registered(IResult result) : IResult, INestedHttpResult, IEndpointMetadataProvider
    {
        public IResult Result { get; } = result;
        public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);
        public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
            CommandProblems.Declare(builder, StatusCodes.Status201Created, typeof(SiteRegistrationAnswer));
    }
}
