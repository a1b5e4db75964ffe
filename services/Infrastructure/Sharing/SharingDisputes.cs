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

/// <summary>Either party asks the Department to mediate; the Department's mediation ends the request.</summary>
public static class SharingDisputes
{
    public static Decision RaiseDispute(SharingRequest request, RaiseDisputeRequest r, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Grounds, "grounds", 2000)
            .When(r.RaisedBy is null, "raisedBy", "is required: the requester's or the owner's enterprise id");
        if (errors.Any) return errors.ToRejection();
        if (r.RaisedBy != request.RequesterId && r.RaisedBy != request.OwnerId)
            return Rejection.Unprocessable("not-a-party", "Only the requester or the site owner may raise a dispute.");
        if (request.Status is not (SharingStatus.Submitted or SharingStatus.Offered or SharingStatus.Refused or SharingStatus.Declined))
            return Rejection.Conflict("invalid-sharing-transition", $"A request that is {Codes.Of(request.Status)} cannot be disputed.");
        return Decision.Append(request.Id, new SharingDisputeRaised(request.Id, request.SiteId, r.RaisedBy!.Value, VietnameseText.Clean(r.Grounds), today));
    }

    /// <summary>The Department's mediation ends the request. Overturning in the requester's favour
    /// concludes the agreement on the mediated terms (the site must have room).</summary>
    public static Decision Mediate(SharingRequest request, MediationRequest r, Site site, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.Decision, "decision", 4000);
        var outcomeOk = Codes.TryParse<MediationOutcome>(r.Outcome, out var outcome);
        if (!outcomeOk) errors.Add("outcome", $"must be one of: {string.Join(", ", Codes.All<MediationOutcome>())}");
        if (outcomeOk && outcome == MediationOutcome.Overturned)
            errors.When(r.MonthlyFeeVnd is not > 0, "monthlyFeeVnd", "the mediated terms need a positive monthly fee in VND")
                  .When(r.MonthlyFeeVnd is { } fee && fee != decimal.Round(fee, 0), "monthlyFeeVnd", "VND has no fractional part")
                  .When(r.TermMonths is not (>= 1 and <= SharingRules.MaxTermMonths), "termMonths", $"the mediated terms need a term between 1 and {SharingRules.MaxTermMonths} months");
        if (errors.Any) return errors.ToRejection();
        if (request.Status != SharingStatus.Disputed) return SharingRules.NotInState(request, "a mediation decision", SharingStatus.Disputed);

        var resolved = new SharingDisputeResolved(request.Id, request.SiteId, outcome, VietnameseText.Clean(r.Decision), today);
        if (outcome == MediationOutcome.Upheld) return Decision.Append(request.Id, resolved);
        if (!site.HasFreeCapacity)
            return Rejection.Unprocessable("site-full", "The site has no room for another tenant; the mediated terms cannot place one.");
        return Decision.Append(request.Id, resolved).And(RequesterAnswer.Conclude(request, site, r.MonthlyFeeVnd!.Value, r.TermMonths!.Value, today, byMediation: true));
    }

    public static void Map(RouteGroupBuilder requests)
    {
        requests.MapPost("/{id:guid}/dispute", (Guid id, RaiseDisputeRequest body, TimeProvider clock, HttpContext http) =>
                body.RaisedBy is { } party && !http.User.MayActFor(party)
                    ? Task.FromResult(Changed.Refused(Results.Forbid()))
                    : http.RunAsync<SharingRequest>(id, r => RaiseDispute(r, body, DepartmentClock.Today(clock)), SharingRules.NotFound(id)))
            .WithSummary("Either party asks the Department to mediate.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/mediation", (Guid id, MediationRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync(id, SharingRules.WithSite(id, (r, site) => Mediate(r, body, site, DepartmentClock.Today(clock)))))
            .WithSummary("The Department's mediation decision: upheld, or overturned with terms (which concludes the agreement). Ends the request.")
            .Writes(PlatformPolicies.DepartmentManager);
    }
}
