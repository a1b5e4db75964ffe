using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

public sealed record DeclineRequest(string? Reason);

public sealed record SharingOfferDeclining(string? Reason);

/// <summary>The requester answers the owner's offer: accepting concludes the agreement and makes it a tenant of the site, or it declines.</summary>
public static class RequesterAnswer
{
    /// <summary>Acceptance concludes the agreement and adds the requester as a tenant, if the site still has room.</summary>
    public static Decision Accept(SharingRequest request, Site site, DateOnly today)
    {
        if (request.Status != SharingStatus.Offered) return SharingRules.NotInState(request, "an acceptance", SharingStatus.Offered);
        if (!site.HasFreeCapacity)
            return Rejection.Conflict("site-full", $"The site already has {site.Tenants.Count} of {site.TenantCapacity} tenants.");
        return Conclude(request, site, request.Offer!.MonthlyFeeVnd, request.Offer.TermMonths, today, byMediation: false);
    }

    /// <summary>An agreement concluded on the request makes the requester a tenant on the site's stream, in the same
    /// commit; the site was read for writing, so two conclusions racing for its last place cannot both commit.</summary>
    internal static Decision Conclude(SharingRequest request, Site site, decimal monthlyFeeVnd, int termMonths, DateOnly today, bool byMediation) =>
        Decision.Append(request.Id, new SharingAgreementConcluded(request.Id, site.Id, request.OwnerId, request.RequesterId,
                monthlyFeeVnd, termMonths, today, byMediation))
            .AndAppend(site.Id, new TenantAdded(site.Id, request.RequesterId, request.Id));

    public static Parsed<SharingOfferDeclining> Parse(DeclineRequest r)
    {
        var errors = new FieldErrors();
        var reason = errors.OptionalText(r.Reason, "reason", 1000);
        return Parsed<SharingOfferDeclining>.Unless(errors, () => new SharingOfferDeclining(reason));
    }

    public static Decision Decline(SharingRequest request, SharingOfferDeclining c, DateOnly today) =>
        request.Status != SharingStatus.Offered
            ? SharingRules.NotInState(request, "declining", SharingStatus.Offered)
            : Decision.Append(request.Id, new SharingOfferDeclined(request.Id, c.Reason, today));

    public static void Map(RouteGroupBuilder requests)
    {
        requests.MapPost("/{id:guid}/declining", (Guid id, DeclineRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<SharingRequest, SharingOfferDeclining>(id, Parse(body), (r, command) => Decline(r, command, DepartmentClock.Today(clock)), SharingRules.NotFound(id),
                    mayAct: r => http.User.MayActFor(r.RequesterId)))
            .WithSummary("The requester declines the offer.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/acceptance", (Guid id, TimeProvider clock, HttpContext http) =>
                http.RunAsync(id, SharingRules.WithSite(id, (r, site) => Accept(r, site, DepartmentClock.Today(clock)),
                    mayAct: r => http.User.MayActFor(r.RequesterId))))
            .WithSummary("The requester accepts: the agreement is concluded and the requester becomes a tenant (capacity checked).")
            .Writes(PlatformPolicies.EnterpriseAct);
    }
}
