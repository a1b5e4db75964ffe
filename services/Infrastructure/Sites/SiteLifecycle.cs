using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Infrastructure.Sites;

public sealed record DateRequest(DateOnly? On);
public sealed record DatedReasonRequest(DateOnly? On, string? Reason);

/// <summary>The permit and operation lifecycle of a site, and its undergrounding: each step a small body, the site's state, a pure decision.</summary>
public static class SiteLifecycle
{
    public static Decision RequestPermit(Site site, DateRequest r) =>
        Move(site, r.On, [SiteStatus.Planned], on => new SitePermitRequested(site.Id, site.OwnerId, site.Kind, on));

    public static Decision ApprovePermit(Site site, DateRequest r) =>
        Move(site, r.On, [SiteStatus.PermitRequested], on => new SitePermitApproved(site.Id, site.OwnerId, site.Kind, on));

    public static Decision RefusePermit(Site site, DatedReasonRequest r) =>
        RequireReason(r.Reason) ?? Move(site, r.On, [SiteStatus.PermitRequested], on => new SitePermitRefused(site.Id, site.OwnerId, site.Kind, on, VietnameseText.Clean(r.Reason)));

    public static Decision StartOperation(Site site, DateRequest r) =>
        Move(site, r.On, [SiteStatus.Approved], on => new SiteBecameOperational(site.Id, site.OwnerId, site.Kind, on));

    public static Decision Decommission(Site site, DatedReasonRequest r) =>
        RequireReason(r.Reason) ?? Move(site, r.On, [SiteStatus.Approved, SiteStatus.Operational], on => new SiteDecommissioned(site.Id, site.OwnerId, site.Kind, on, VietnameseText.Clean(r.Reason)));

    /// <summary>Records that an aerial route on the roadmap was moved underground.</summary>
    public static Decision RecordUndergrounding(Site site, DateRequest r, DateOnly today)
    {
        if (r.On is null) return Rejection.Invalid("on", "is required (yyyy-MM-dd)");
        if (r.On > today) return Rejection.Invalid("on", "cannot be in the future");
        if (site.PlannedUndergroundingYear is null)
            return Rejection.Unprocessable("not-on-roadmap", "This site is not on the undergrounding roadmap.");
        if (site.UndergroundedOn is not null)
            return Rejection.Conflict("already-undergrounded", $"Already recorded as undergrounded on {site.UndergroundedOn:yyyy-MM-dd}.");
        return Decision.Append(site.Id, new CableUndergrounded(site.Id, r.On.Value));
    }

    private static Decision Move(Site site, DateOnly? on, SiteStatus[] from, Func<DateOnly, object> next)
    {
        if (on is null) return Rejection.Invalid("on", "is required (yyyy-MM-dd)");
        if (!from.Contains(site.Status))
            return Rejection.Conflict("invalid-site-transition",
                $"The site is {Codes.Of(site.Status)}; this step needs it to be {string.Join(" or ", from.Select(s => Codes.Of(s)))}.");
        return Decision.Append(site.Id, next(on.Value));
    }

    private static Rejection? RequireReason(string? reason)
    {
        var errors = new FieldErrors().Require(reason, "reason", 500);
        return errors.Any ? errors.ToRejection() : null;
    }

    public static void Map(RouteGroupBuilder sites)
    {
        // The owner's representative runs its site's life; permits are the Department's decision.
        Step<DateRequest>(sites, "/permit-request", "Record that a construction permit was requested.", PlatformPolicies.EnterpriseAct, (s, r, _) => RequestPermit(s, r));
        Step<DateRequest>(sites, "/permit-approval", "Record the permit's approval.", PlatformPolicies.DepartmentManager, (s, r, _) => ApprovePermit(s, r));
        Step<DatedReasonRequest>(sites, "/permit-refusal", "Record the permit's refusal, with a reason.", PlatformPolicies.DepartmentManager, (s, r, _) => RefusePermit(s, r));
        Step<DateRequest>(sites, "/operation", "Record that the site went into operation.", PlatformPolicies.EnterpriseAct, (s, r, _) => StartOperation(s, r));
        Step<DatedReasonRequest>(sites, "/decommissioning", "Decommission the site, with a reason.", PlatformPolicies.EnterpriseAct, (s, r, _) => Decommission(s, r));
        Step<DateRequest>(sites, "/undergrounding", "Record that an aerial route on the roadmap was moved underground.", PlatformPolicies.EnterpriseAct, (s, r, today) => RecordUndergrounding(s, r, today));
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
