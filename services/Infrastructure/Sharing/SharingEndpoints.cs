using Marten;
using Microsoft.Extensions.Options;
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

        requests.MapPost("/{id:guid}/offer", async (Guid id, MakeOfferRequest body, IDocumentSession session, TimeProvider clock,
                IOptions<InfrastructureOptions> options, HttpContext http) =>
            {
                var request = await session.LoadAsync<SharingRequest>(id, http.RequestAborted);
                if (request is not null && !http.User.MayActFor(request.OwnerId)) return Results.Forbid();
                var comparable = request is null ? [] : await ComparableFeesAsync(session, request, http.RequestAborted);
                return await session.ExecuteAsync<SharingRequest>(http, id,
                    r => SharingDecisions.MakeOffer(r, body, comparable, options.Value.FeeDeviationPercent, DepartmentClock.Today(clock)), NotFound(id));
            })
            .WithSummary("The owner offers terms: monthly fee in VND, term, technical conditions. Fees far from the owner's comparable offers are flagged.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/refusal", (Guid id, RefuseRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                AsPartyAsync(session, http, id, r => r.OwnerId, () =>
                    session.ExecuteAsync<SharingRequest>(http, id, r => SharingDecisions.Refuse(r, body, DepartmentClock.Today(clock)), NotFound(id))))
            .WithSummary("The owner refuses: no-capacity, technical, safety, or other with an explanation.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/declining", (Guid id, DeclineRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                AsPartyAsync(session, http, id, r => r.RequesterId, () =>
                    session.ExecuteAsync<SharingRequest>(http, id, r => SharingDecisions.Decline(r, body, DepartmentClock.Today(clock)), NotFound(id))))
            .WithSummary("The requester declines the offer.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/dispute", (Guid id, RaiseDisputeRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                body.RaisedBy is { } party && !http.User.MayActFor(party)
                    ? Task.FromResult(Results.Forbid())
                    : session.ExecuteAsync<SharingRequest>(http, id, r => SharingDecisions.RaiseDispute(r, body, DepartmentClock.Today(clock)), NotFound(id)))
            .WithSummary("Either party asks the Department to mediate.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/acceptance", (Guid id, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                AsPartyAsync(session, http, id, r => r.RequesterId, () =>
                    ConcludeAsync(session, http, id, (r, site) => SharingDecisions.Accept(r, site, DepartmentClock.Today(clock)))))
            .WithSummary("The requester accepts: the agreement is concluded and the requester becomes a tenant (capacity checked).")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/mediation", (Guid id, MediationRequest body, IDocumentSession session, TimeProvider clock, HttpContext http) =>
                ConcludeAsync(session, http, id, (r, site) => SharingDecisions.Mediate(r, body, site, DepartmentClock.Today(clock))))
            .WithSummary("The Department's mediation decision: upheld, or overturned with terms (which concludes the agreement). Ends the request.")
            .Writes(PlatformPolicies.DepartmentManager);
    }

    private static async Task<IResult> SubmitAsync(SubmitSharingRequest body, IDocumentSession session, TimeProvider clock, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (body.RequesterId is { } claimed && !http.User.MayActFor(claimed)) return Results.Forbid();
        var site = body.SiteId is { } siteId ? await session.LoadAsync<Site>(siteId, ct) : null;
        var requester = body.RequesterId is { } requesterId ? await session.LoadAsync<KnownEnterprise>(requesterId, ct) : null;
        var alreadyOpen = site is not null && requester is not null && await session.Query<SharingRequest>().AnyAsync(r =>
            r.SiteId == site.Id && r.RequesterId == requester.Id &&
            (r.Status == SharingStatus.Submitted || r.Status == SharingStatus.Offered || r.Status == SharingStatus.Disputed), ct);

        var id = Guid.CreateVersion7();
        var decision = SharingDecisions.Submit(body, id, site, requester, alreadyOpen, DepartmentClock.Today(clock), clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return Problems.From(rejection);
        session.Events.StartStream<SharingRequest>(id, decision.Events.ToArray());
        await session.SaveChangesAsync(ct);
        StreamVersion.SetETag(http.Response, 1);
        return Results.Created($"/api/infrastructure/sharing-requests/{id}", new StreamChanged(id, 1));
    }

    /// <summary>Acceptance and mediation may conclude an agreement, which touches two streams: the
    /// request (at the If-Match version) and its site (at the version read, so two acceptances racing
    /// for the last place cannot both commit). Both are appended in one transaction.</summary>
    private static async Task<IResult> ConcludeAsync(IDocumentSession session, HttpContext http, Guid id, Func<SharingRequest, Site, Decision> decide)
    {
        if (!StreamVersion.TryReadIfMatch(http.Request, out var expected)) return Problems.BadIfMatch();
        var ct = http.RequestAborted;
        try
        {
            var request = expected is { } v ? await session.Events.FetchForWriting<SharingRequest>(id, v, ct) : await session.Events.FetchForWriting<SharingRequest>(id, ct);
            if (request.Aggregate is null) return Problems.From(Rejection.NotFound(NotFound(id)));
            var site = await session.Events.FetchForWriting<Site>(request.Aggregate.SiteId, ct);
            var decision = decide(request.Aggregate, site.Aggregate!);
            if (decision.Rejection is { } rejection) return Problems.From(rejection);

            request.AppendMany(decision.Events.ToArray());
            if (decision.Events.OfType<SharingAgreementConcluded>().SingleOrDefault() is { } concluded)
                site.AppendOne(new TenantAdded(concluded.SiteId, concluded.TenantId, id));
            await session.SaveChangesAsync(ct);
            var version = (request.StartingVersion ?? 0) + decision.Events.Count;
            StreamVersion.SetETag(http.Response, version);
            return Results.Ok(new StreamChanged(id, version));
        }
        catch (Exception ex) when (EventStoreCommands.IsConcurrencyConflict(ex))
        {
            return Problems.StaleVersion(expected);
        }
    }

    private static async Task<IReadOnlyList<decimal>> ComparableFeesAsync(IQuerySession session, SharingRequest request, CancellationToken ct)
    {
        var offers = await session.Query<SharingRequest>()
            .Where(r => r.OwnerId == request.OwnerId && r.SiteKind == request.SiteKind && r.District == request.District && r.Id != request.Id && r.Offer != null)
            .Select(r => r.Offer!.MonthlyFeeVnd)
            .ToListAsync(ct);
        return offers;
    }

    /// <summary>Runs the change only if the caller may act for the party this step belongs to
    /// (the owner answers, the requester accepts or declines).</summary>
    private static async Task<IResult> AsPartyAsync(IDocumentSession session, HttpContext http, Guid id, Func<SharingRequest, Guid> party, Func<Task<IResult>> change) =>
        await session.LoadAsync<SharingRequest>(id, http.RequestAborted) is { } request && !http.User.MayActFor(party(request))
            ? Results.Forbid()
            : await change();

    internal static string NotFound(Guid id) => $"No sharing request with id {id}.";
}
