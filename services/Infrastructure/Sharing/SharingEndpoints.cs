using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

public static class SharingEndpoints
{
    public static void Map(RouteGroupBuilder requests)
    {
        requests.MapPost("/", SubmitAsync).WithSummary("A requesting enterprise asks a site's owner for space (co-location / access).")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.EnterpriseAct);

        // The owner answers; the requester accepts or declines: each step is authorized on the request as loaded for writing.
        requests.MapPost("/{id:guid}/offer", (Guid id, MakeOfferRequest body, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http) =>
                http.RunAsync(id, CommandRunner.On<SharingRequest>(id, NotFound(id), async (request, streams) =>
                    SharingDecisions.MakeOffer(request, body, await ComparableFeesAsync(streams.Query, request, streams.Cancellation),
                        options.Value.FeeDeviationPercent, DepartmentClock.Today(clock)),
                    mayAct: r => http.User.MayActFor(r.OwnerId))))
            .WithSummary("The owner offers terms: monthly fee in VND, term, technical conditions. Fees far from the owner's comparable offers are flagged.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/refusal", (Guid id, RefuseRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<SharingRequest>(id, r => SharingDecisions.Refuse(r, body, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: r => http.User.MayActFor(r.OwnerId)))
            .WithSummary("The owner refuses: no-capacity, technical, safety, or other with an explanation.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/declining", (Guid id, DeclineRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<SharingRequest>(id, r => SharingDecisions.Decline(r, body, DepartmentClock.Today(clock)), NotFound(id),
                    mayAct: r => http.User.MayActFor(r.RequesterId)))
            .WithSummary("The requester declines the offer.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/dispute", (Guid id, RaiseDisputeRequest body, TimeProvider clock, HttpContext http) =>
                body.RaisedBy is { } party && !http.User.MayActFor(party)
                    ? Task.FromResult(Changed.Refused(Results.Forbid()))
                    : http.RunAsync<SharingRequest>(id, r => SharingDecisions.RaiseDispute(r, body, DepartmentClock.Today(clock)), NotFound(id)))
            .WithSummary("Either party asks the Department to mediate.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/acceptance", (Guid id, TimeProvider clock, HttpContext http) =>
                http.RunAsync(id, WithSite(id, (r, site) => SharingDecisions.Accept(r, site, DepartmentClock.Today(clock)),
                    mayAct: r => http.User.MayActFor(r.RequesterId))))
            .WithSummary("The requester accepts: the agreement is concluded and the requester becomes a tenant (capacity checked).")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/mediation", (Guid id, MediationRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync(id, WithSite(id, (r, site) => SharingDecisions.Mediate(r, body, site, DepartmentClock.Today(clock)))))
            .WithSummary("The Department's mediation decision: upheld, or overturned with terms (which concludes the agreement). Ends the request.")
            .Writes(PlatformPolicies.DepartmentManager);
    }

    private static async Task<Started> SubmitAsync(SubmitSharingRequest body, TimeProvider clock, HttpContext http)
    {
        if (body.RequesterId is { } claimed && !http.User.MayActFor(claimed)) return Started.Refused(Results.Forbid());
        var id = Guid.CreateVersion7();
        return await http.CreateAsync(id, $"/api/infrastructure/sharing-requests/{id}", async streams =>
        {
            var (session, ct) = (streams.Query, streams.Cancellation);
            var site = body.SiteId is { } siteId ? await session.LoadAsync<Site>(siteId, ct) : null;
            var requester = body.RequesterId is { } requesterId ? await session.LoadAsync<KnownEnterprise>(requesterId, ct) : null;
            var alreadyOpen = site is not null && requester is not null && await session.Query<SharingRequest>().AnyAsync(r =>
                r.SiteId == site.Id && r.RequesterId == requester.Id &&
                (r.Status == SharingStatus.Submitted || r.Status == SharingStatus.Offered || r.Status == SharingStatus.Disputed), ct);
            return SharingDecisions.Submit(body, id, site, requester, alreadyOpen, DepartmentClock.Today(clock), clock.GetUtcNow());
        });
    }

    /// <summary>Acceptance and mediation may conclude an agreement, which also writes the site's stream: the request
    /// is loaded at the If-Match version, its site at the version read (so two conclusions racing for the last place
    /// cannot both commit).</summary>
    private static CommandBody WithSite(Guid id, Func<SharingRequest, Site, Decision> decide, Func<SharingRequest, bool>? mayAct = null) =>
        CommandRunner.On<SharingRequest>(id, NotFound(id), async (request, streams) =>
            decide(request, (await streams.LoadAsync<Site>(request.SiteId))!), mayAct);

    private static async Task<IReadOnlyList<decimal>> ComparableFeesAsync(IQuerySession session, SharingRequest request, CancellationToken ct)
    {
        var offers = await session.Query<SharingRequest>()
            .Where(r => r.OwnerId == request.OwnerId && r.SiteKind == request.SiteKind && r.District == request.District && r.Id != request.Id && r.Offer != null)
            .Select(r => r.Offer!.MonthlyFeeVnd)
            .ToListAsync(ct);
        return offers;
    }

    internal static string NotFound(Guid id) => $"No sharing request with id {id}.";
}
