using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

public sealed record RaiseDisputeRequest(Guid? RaisedBy, string? Grounds);
public sealed record MediationRequest(string? Outcome, string? Decision, decimal? MonthlyFeeVnd, int? TermMonths);

public sealed record DisputeRaising(Guid RaisedBy, string Grounds);

/// <summary>The terms a mediation that overturns the refusal places the requester on.</summary>
public sealed record MediatedTerms(decimal MonthlyFeeVnd, int TermMonths);

/// <summary>The Department's decision; <see cref="Terms"/> only when it overturns.</summary>
public sealed record MediationDecision(MediationOutcome Outcome, string Decision, MediatedTerms? Terms);

/// <summary>Either party asks the Department to mediate; the Department's mediation ends the request.</summary>
public static class SharingDisputes
{
    public static Parsed<DisputeRaising> Parse(RaiseDisputeRequest r)
    {
        var errors = new FieldErrors();
        var grounds = errors.Text(r.Grounds, "grounds", 2000);
        errors.When(r.RaisedBy is null, "raisedBy", "is required: the requester's or the owner's enterprise id");
        return Parsed<DisputeRaising>.Unless(errors, () => new DisputeRaising(r.RaisedBy!.Value, grounds));
    }

    public static Parsed<MediationDecision> Parse(MediationRequest r)
    {
        var errors = new FieldErrors();
        var decision = errors.Text(r.Decision, "decision", 4000);
        var outcome = errors.Code<MediationOutcome>(r.Outcome, "outcome");
        var overturned = Codes.TryParse<MediationOutcome>(r.Outcome, out _) && outcome == MediationOutcome.Overturned;
        if (overturned)
            errors.When(r.MonthlyFeeVnd is not > 0, "monthlyFeeVnd", "the mediated terms need a positive monthly fee in VND")
                  .When(r.MonthlyFeeVnd is { } fee && fee != decimal.Round(fee, 0), "monthlyFeeVnd", "VND has no fractional part")
                  .When(r.TermMonths is not (>= 1 and <= SharingRules.MaxTermMonths), "termMonths", $"the mediated terms need a term between 1 and {SharingRules.MaxTermMonths} months");
        return Parsed<MediationDecision>.Unless(errors, () =>
            new MediationDecision(outcome, decision, overturned ? new MediatedTerms(r.MonthlyFeeVnd!.Value, r.TermMonths!.Value) : null));
    }

    public static Decision RaiseDispute(SharingRequest request, DisputeRaising c, DateOnly today)
    {
        if (c.RaisedBy != request.RequesterId && c.RaisedBy != request.OwnerId)
            return Rejection.Unprocessable("not-a-party", "Only the requester or the site owner may raise a dispute.");
        if (request.Status is not (SharingStatus.Submitted or SharingStatus.Offered or SharingStatus.Refused or SharingStatus.Declined))
            return Rejection.Conflict("invalid-sharing-transition", $"A request that is {Codes.Of(request.Status)} cannot be disputed.");
        return Decision.Append(request.Id, new SharingDisputeRaised(request.Id, request.SiteId, c.RaisedBy, c.Grounds, today));
    }

    /// <summary>The Department's mediation ends the request. Overturning in the requester's favour
    /// concludes the agreement on the mediated terms (the site must have room).</summary>
    public static Decision Mediate(SharingRequest request, MediationDecision c, Site site, DateOnly today)
    {
        if (request.Status != SharingStatus.Disputed) return SharingRules.NotInState(request, "a mediation decision", SharingStatus.Disputed);
        var resolved = new SharingDisputeResolved(request.Id, request.SiteId, c.Outcome, c.Decision, today);
        if (c.Terms is not { } terms) return Decision.Append(request.Id, resolved);
        if (!site.HasFreeCapacity)
            return Rejection.Unprocessable("site-full", "The site has no room for another tenant; the mediated terms cannot place one.");
        return Decision.Append(request.Id, resolved).And(RequesterAnswer.Conclude(request, site, terms.MonthlyFeeVnd, terms.TermMonths, today, byMediation: true));
    }

    public static void Map(RouteGroupBuilder requests)
    {
        requests.MapPost("/{id:guid}/dispute", (Guid id, RaiseDisputeRequest body, TimeProvider clock, HttpContext http) =>
                body.RaisedBy is { } party && !http.User.MayActFor(party)
                    ? Task.FromResult(Changed.Refused(Results.Forbid()))
                    : http.RunAsync<SharingRequest, DisputeRaising>(id, Parse(body), (r, command) => RaiseDispute(r, command, DepartmentClock.Today(clock)), SharingRules.NotFound(id)))
            .WithSummary("Either party asks the Department to mediate.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/mediation", (Guid id, MediationRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync(id, SharingRules.WithSite(id, Parse(body), (r, command, site) => Mediate(r, command, site, DepartmentClock.Today(clock)))))
            .WithSummary("The Department's mediation decision: upheld, or overturned with terms (which concludes the agreement). Ends the request.")
            .Writes(PlatformPolicies.DepartmentManager);
    }
}
