using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Infrastructure.Sites;

public static class SiteEndpoints
{
    public static void Map(RouteGroupBuilder sites)
    {
        sites.MapPost("/", RegisterAsync).WithSummary("Register a site (tower, pole, duct or cable route, in-building system).")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.EnterpriseAct);
        // The owner's representative runs its site's life; permits are the Department's decision.
        Step<DateRequest>(sites, "/permit-request", "Record that a construction permit was requested.", PlatformPolicies.EnterpriseAct, (s, r, _) => SiteCommands.RequestPermit(s, r));
        Step<DateRequest>(sites, "/permit-approval", "Record the permit's approval.", PlatformPolicies.DepartmentManager, (s, r, _) => SiteCommands.ApprovePermit(s, r));
        Step<DatedReasonRequest>(sites, "/permit-refusal", "Record the permit's refusal, with a reason.", PlatformPolicies.DepartmentManager, (s, r, _) => SiteCommands.RefusePermit(s, r));
        Step<DateRequest>(sites, "/operation", "Record that the site went into operation.", PlatformPolicies.EnterpriseAct, (s, r, _) => SiteCommands.StartOperation(s, r));
        Step<DatedReasonRequest>(sites, "/decommissioning", "Decommission the site, with a reason.", PlatformPolicies.EnterpriseAct, (s, r, _) => SiteCommands.Decommission(s, r));
        Step<DateRequest>(sites, "/undergrounding", "Record that an aerial route on the roadmap was moved underground.", PlatformPolicies.EnterpriseAct, (s, r, today) => SiteCommands.RecordUndergrounding(s, r, today));
    }

    private static async Task<Started> RegisterAsync(RegisterSiteRequest request, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http)
    {
        if (request.OwnerId is { } claimed && !http.User.MayActFor(claimed)) return Started.Refused(Results.Forbid());
        var id = Guid.CreateVersion7();
        return await http.CreateAsync(id, $"/api/infrastructure/sites/{id}", async streams =>
        {
            var owner = request.OwnerId is { } ownerId ? await streams.Query.LoadAsync<KnownEnterprise>(ownerId, streams.Cancellation) : null;
            return SiteCommands.Register(request, id, owner, options.Value.Province, clock.GetUtcNow());
        });
    }

    // Every lifecycle step has the same shape: a small JSON body, the site at the version in If-Match, a pure decision.
    private static void Step<TRequest>(RouteGroupBuilder sites, string path, string summary, string policy, Func<Site, TRequest, DateOnly, Decision> decide) =>
        sites.MapPost("/{id:guid}" + path, async (Guid id, TRequest body, TimeProvider clock, HttpContext http) =>
                // Minimal APIs cannot tell whether a generic body is optional, so an empty body or JSON null arrives as null.
                body is null ? Changed.Refused(Problems.From(Rejection.Invalid("body", "a JSON object is required")))
                : await http.RunAsync<Site>(id, site => decide(site, body, DepartmentClock.Today(clock)), $"No site with id {id}.",
                    mayAct: site => http.User.MayActFor(site.OwnerId))) // a representative runs only its own enterprise's sites
            .WithSummary(summary)
            .Writes(policy);
}
