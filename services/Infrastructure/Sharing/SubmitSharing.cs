using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

public sealed record SubmitSharingRequest(Guid? SiteId, Guid? RequesterId, string? Purpose);

public sealed record SharingAsked(Guid SiteId, Guid RequesterId, string Purpose);

/// <summary>A requesting enterprise asks a site's owner for space (co-location / access).</summary>
public static class SubmitSharing
{
    public static Parsed<SharingAsked> Parse(SubmitSharingRequest r)
    {
        var errors = new FieldErrors();
        var purpose = errors.Text(r.Purpose, "purpose", 1000);
        var siteId = errors.Id(r.SiteId, "siteId");
        var requesterId = errors.Id(r.RequesterId, "requesterId");
        return Parsed<SharingAsked>.Unless(errors, () => new SharingAsked(siteId, requesterId, purpose));
    }

    public static Decision Decide(SharingAsked c, Guid requestId, Site? site, KnownEnterprise? requester, bool alreadyOpen, DateOnly today, DateTimeOffset now,
        int answerDays)
    {
        if (site is null) return Rejection.Unprocessable("unknown-site", $"siteId: no site with id {c.SiteId}.");
        if (KnownEnterprise.RequireActive(requester, c.RequesterId, "requesterId") is { } inactive) return inactive;
        if (site.Status is SiteStatus.Refused or SiteStatus.Decommissioned)
            return Rejection.Conflict("site-unavailable", $"The site is {Codes.Of(site.Status)} and cannot be shared.");
        if (site.OwnerId == requester!.Id) return Rejection.Unprocessable("own-site", "An enterprise cannot request sharing of its own site.");
        if (site.Tenants.Contains(requester.Id)) return Rejection.Conflict("already-tenant", $"{requester.ShortName} is already a tenant of this site.");
        if (alreadyOpen) return Rejection.Conflict("request-already-open", $"{requester.ShortName} already has an open request for this site.");
        return Decision.Start<SharingRequest>(requestId, new SharingRequestSubmitted(requestId, site.Id, site.Kind, site.Location.District, site.OwnerId,
            requester.Id, c.Purpose, today, now, today.AddDays(answerDays)));
    }

    public static void Map(RouteGroupBuilder requests) =>
        requests.MapPost("/", SubmitAsync).WithSummary("A requesting enterprise asks a site's owner for space (co-location / access).")
            .Produces<StreamChanged>(StatusCodes.Status201Created).ProducesValidationProblem()
            .Writes(PlatformPolicies.EnterpriseAct);

    private static async Task<Started> SubmitAsync(SubmitSharingRequest body, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http)
    {
        if (body.RequesterId is { } claimed && !http.User.MayActFor(claimed)) return Started.Refused(Results.Forbid());
        var id = Guid.CreateVersion7();
        return await http.CreateAsync(id, $"/api/infrastructure/sharing-requests/{id}", Parse(body), async (command, streams) =>
        {
            // The three reads in one round trip to PostgreSQL (a batch) rather than three: the site, the requester, an open request.
            var batch = streams.Query.CreateBatchQuery();
            var site = batch.Load<Site>(command.SiteId);
            var requester = batch.Load<KnownEnterprise>(command.RequesterId);
            var open = batch.Query<SharingRequest>().Any(r => r.SiteId == command.SiteId && r.RequesterId == command.RequesterId &&
                (r.Status == SharingStatus.Submitted || r.Status == SharingStatus.Offered || r.Status == SharingStatus.Disputed));
            await batch.Execute(streams.Cancellation);
            return Decide(command, id, await site, await requester, await open, DepartmentClock.Today(clock), clock.GetUtcNow(),
                options.Value.OwnerAnswerDays);
        });
    }
}
