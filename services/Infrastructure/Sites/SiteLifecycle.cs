using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;

namespace Platform.Infrastructure.Sites;

public sealed record DateRequest(DateOnly? On);
public sealed record DatedReasonRequest(DateOnly? On, string? Reason);

/// <summary>A step of the site's life on a date.</summary>
public sealed record SiteStep(DateOnly On);

/// <summary>A step of the site's life on a date, with the reason for it (a refusal, a decommissioning).</summary>
public sealed record SiteStepWithReason(DateOnly On, string Reason);

/// <summary>The permit and operation lifecycle of a site, and its undergrounding: each step a small body, the site's state, a pure decision.</summary>
public static class SiteLifecycle
{
    public static Parsed<SiteStep> Parse(DateRequest r)
    {
        var errors = new FieldErrors();
        var on = errors.Date(r.On, "on");
        return Parsed<SiteStep>.Unless(errors, () => new SiteStep(on));
    }

    public static Parsed<SiteStepWithReason> Parse(DatedReasonRequest r)
    {
        var errors = new FieldErrors();
        var reason = errors.Text(r.Reason, "reason", 500);
        var on = errors.Date(r.On, "on");
        return Parsed<SiteStepWithReason>.Unless(errors, () => new SiteStepWithReason(on, reason));
    }

    /// <summary>Undergrounding is recorded once done: its date cannot be after the Department's today.</summary>
    public static Parsed<SiteStep> ParseUndergrounding(DateRequest r, DateOnly today)
    {
        var errors = new FieldErrors();
        var on = errors.Date(r.On, "on");
        errors.When(r.On > today, "on", "cannot be in the future");
        return Parsed<SiteStep>.Unless(errors, () => new SiteStep(on));
    }

    public static Decision RequestPermit(Site site, SiteStep c) =>
        Move(site, [SiteStatus.Planned], new SitePermitRequested(site.Id, site.OwnerId, site.Kind, c.On));

    public static Decision ApprovePermit(Site site, SiteStep c) =>
        Move(site, [SiteStatus.PermitRequested], new SitePermitApproved(site.Id, site.OwnerId, site.Kind, c.On));

    public static Decision RefusePermit(Site site, SiteStepWithReason c) =>
        Move(site, [SiteStatus.PermitRequested], new SitePermitRefused(site.Id, site.OwnerId, site.Kind, c.On, c.Reason));

    public static Decision StartOperation(Site site, SiteStep c) =>
        Move(site, [SiteStatus.Approved], new SiteBecameOperational(site.Id, site.OwnerId, site.Kind, c.On));

    public static Decision Decommission(Site site, SiteStepWithReason c) =>
        Move(site, [SiteStatus.Approved, SiteStatus.Operational], new SiteDecommissioned(site.Id, site.OwnerId, site.Kind, c.On, c.Reason));

    /// <summary>Records that an aerial route on the roadmap was moved underground.</summary>
    public static Decision RecordUndergrounding(Site site, SiteStep c)
    {
        if (site.PlannedUndergroundingYear is null)
            return Rejection.Unprocessable("not-on-roadmap", "This site is not on the undergrounding roadmap.");
        if (site.UndergroundedOn is not null)
            return Rejection.Conflict("already-undergrounded", $"Already recorded as undergrounded on {site.UndergroundedOn:yyyy-MM-dd}.");
        return Decision.Append(site.Id, new CableUndergrounded(site.Id, c.On));
    }

    private static Decision Move(Site site, SiteStatus[] from, object next) =>
        from.Contains(site.Status)
            ? Decision.Append(site.Id, next)
            : Rejection.Conflict("invalid-site-transition",
                $"The site is {Codes.Of(site.Status)}; this step needs it to be {string.Join(" or ", from.Select(s => Codes.Of(s)))}.");

    public static void Map(RouteGroupBuilder sites)
    {
        // The owner's representative runs its site's life; permits are the Department's decision.
        Step<DateRequest, SiteStep>(sites, "/permit-request", "Record that a construction permit was requested.", PlatformPolicies.EnterpriseAct, (r, _) => Parse(r), RequestPermit);
        Step<DateRequest, SiteStep>(sites, "/permit-approval", "Record the permit's approval.", PlatformPolicies.DepartmentManager, (r, _) => Parse(r), ApprovePermit);
        Step<DatedReasonRequest, SiteStepWithReason>(sites, "/permit-refusal", "Record the permit's refusal, with a reason.", PlatformPolicies.DepartmentManager, (r, _) => Parse(r), RefusePermit);
        Step<DateRequest, SiteStep>(sites, "/operation", "Record that the site went into operation.", PlatformPolicies.EnterpriseAct, (r, _) => Parse(r), StartOperation);
        Step<DatedReasonRequest, SiteStepWithReason>(sites, "/decommissioning", "Decommission the site, with a reason.", PlatformPolicies.EnterpriseAct, (r, _) => Parse(r), Decommission);
        Step<DateRequest, SiteStep>(sites, "/undergrounding", "Record that an aerial route on the roadmap was moved underground.", PlatformPolicies.EnterpriseAct, ParseUndergrounding, RecordUndergrounding);
    }

    // Every lifecycle step has the same shape: a small JSON body parsed, the site at the version in If-Match, a pure decision.
    private static void Step<TRequest, TCommand>(RouteGroupBuilder sites, string path, string summary, string policy,
        Func<TRequest, DateOnly, Parsed<TCommand>> parse, Func<Site, TCommand, Decision> decide) where TCommand : notnull =>
        sites.MapPost("/{id:guid}" + path, async (Guid id, TRequest body, TimeProvider clock, HttpContext http) =>
                // Minimal APIs cannot tell whether a generic body is optional, so an empty body or JSON null arrives as null.
                body is null ? Changed.Refused(Problems.From(Rejection.Invalid("body", "a JSON object is required")))
                : await http.RunAsync(id, parse(body, DepartmentClock.Today(clock)), decide, $"No site with id {id}.",
                    mayAct: site => http.User.MayActFor(site.OwnerId))) // a representative runs only its own enterprise's sites
            .WithSummary(summary)
            .Writes(policy);
}
