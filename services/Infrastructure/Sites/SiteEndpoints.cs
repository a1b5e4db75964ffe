using Marten;
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
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem();
        Step<DateRequest>(sites, "/permit-request", "Record that a construction permit was requested.", (s, r, _) => SiteCommands.RequestPermit(s, r));
        Step<DateRequest>(sites, "/permit-approval", "Record the permit's approval.", (s, r, _) => SiteCommands.ApprovePermit(s, r));
        Step<DatedReasonRequest>(sites, "/permit-refusal", "Record the permit's refusal, with a reason.", (s, r, _) => SiteCommands.RefusePermit(s, r));
        Step<DateRequest>(sites, "/operation", "Record that the site went into operation.", (s, r, _) => SiteCommands.StartOperation(s, r));
        Step<DatedReasonRequest>(sites, "/decommissioning", "Decommission the site, with a reason.", (s, r, _) => SiteCommands.Decommission(s, r));
        Step<DateRequest>(sites, "/undergrounding", "Record that an aerial route on the roadmap was moved underground.", (s, r, today) => SiteCommands.RecordUndergrounding(s, r, today));
    }

    private static async Task<IResult> RegisterAsync(RegisterSiteRequest request, IDocumentSession session, TimeProvider clock,
        IOptions<InfrastructureOptions> options, HttpContext http)
    {
        var ct = http.RequestAborted;
        var owner = request.OwnerId is { } ownerId ? await session.LoadAsync<KnownEnterprise>(ownerId, ct) : null;
        var id = Guid.CreateVersion7();
        var decision = SiteCommands.Register(request, id, owner, options.Value.Province, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return Problems.From(rejection);
        session.Events.StartStream<Site>(id, decision.Events.ToArray());
        await session.SaveChangesAsync(ct);
        StreamVersion.SetETag(http.Response, 1);
        return Results.Created($"/api/infrastructure/sites/{id}", new StreamChanged(id, 1));
    }

    // Every lifecycle step has the same shape: a small JSON body, the site at the version in If-Match, a pure decision.
    private static void Step<TRequest>(RouteGroupBuilder sites, string path, string summary, Func<Site, TRequest, DateOnly, Decision> decide) =>
        sites.MapPost("/{id:guid}" + path, (Guid id, TRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                session.ExecuteAsync<Site>(http, id, site => decide(site, body, DepartmentClock.Today(clock)), $"No site with id {id}."))
            .WithSummary(summary);
}
