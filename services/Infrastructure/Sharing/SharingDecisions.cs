using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

public sealed record SubmitSharingRequest(Guid? SiteId, Guid? RequesterId, string? Purpose);
public sealed record MakeOfferRequest(decimal? MonthlyFeeVnd, int? TermMonths, string? TechnicalConditions);
public sealed record RefuseRequest(string? Reason, string? Explanation);
public sealed record DeclineRequest(string? Reason);
public sealed record RaiseDisputeRequest(Guid? RaisedBy, string? Grounds);
public sealed record MediationRequest(string? Outcome, string? Decision, decimal? MonthlyFeeVnd, int? TermMonths);

/// <summary>Pure decisions of the sharing workflow. Whatever they need from other streams or read
/// models (the site, the parties, comparable offers) is passed in, so they test without a database.</summary>
public static class SharingDecisions
{
    public const int MaxTermMonths = 240;

    public static Decision Submit(SubmitSharingRequest r, Guid requestId, Site? site, KnownEnterprise? requester, bool alreadyOpen, DateOnly today, DateTimeOffset now)
    {
        var errors = new FieldErrors().Require(r.Purpose, "purpose", 1000)
            .When(r.SiteId is null || r.SiteId == Guid.Empty, "siteId", "is required")
            .When(r.RequesterId is null || r.RequesterId == Guid.Empty, "requesterId", "is required");
        if (errors.Any) return errors.ToRejection();
        if (site is null) return Rejection.Unprocessable("unknown-site", $"siteId: no site with id {r.SiteId}.");
        if (KnownEnterprise.RequireActive(requester, r.RequesterId!.Value, "requesterId") is { } inactive) return inactive;
        if (site.Status is SiteStatus.Refused or SiteStatus.Decommissioned)
            return Rejection.Conflict("site-unavailable", $"The site is {Codes.Of(site.Status)} and cannot be shared.");
        if (site.OwnerId == requester!.Id) return Rejection.Unprocessable("own-site", "An enterprise cannot request sharing of its own site.");
        if (site.Tenants.Contains(requester.Id)) return Rejection.Conflict("already-tenant", $"{requester.ShortName} is already a tenant of this site.");
        if (alreadyOpen) return Rejection.Conflict("request-already-open", $"{requester.ShortName} already has an open request for this site.");
        return Decision.Start<SharingRequest>(requestId, new SharingRequestSubmitted(requestId, site.Id, site.Kind, site.Location.District, site.OwnerId,
            requester.Id, VietnameseText.Clean(r.Purpose), today, now));
    }

    /// <param name="comparableFees">Monthly fees of the same owner's other offers for the same site kind in the same district.</param>
    public static Decision MakeOffer(SharingRequest request, MakeOfferRequest r, IReadOnlyList<decimal> comparableFees, decimal deviationPercent, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.TechnicalConditions, "technicalConditions", 2000)
            .When(r.MonthlyFeeVnd is not > 0, "monthlyFeeVnd", "must be a positive amount in VND")
            .When(r.MonthlyFeeVnd is { } fee && fee != decimal.Round(fee, 0), "monthlyFeeVnd", "VND has no fractional part")
            .When(r.TermMonths is not (>= 1 and <= MaxTermMonths), "termMonths", $"must be between 1 and {MaxTermMonths}");
        if (errors.Any) return errors.ToRejection();
        if (request.Status != SharingStatus.Submitted) return NotInState(request, "an offer", SharingStatus.Submitted);

        var (deviation, flagged) = FeeDeviation(r.MonthlyFeeVnd!.Value, comparableFees, deviationPercent);
        return Decision.Append(request.Id, new SharingOfferMade(request.Id, request.SiteId, request.OwnerId, request.RequesterId,
            new SharingOffer(r.MonthlyFeeVnd.Value, r.TermMonths!.Value, VietnameseText.Clean(r.TechnicalConditions), deviation, flagged), today));
    }

    /// <summary>Equal treatment: how far (in %) a fee is from the average of comparable offers, and
    /// whether that is beyond the allowed deviation. No comparables, no flag.</summary>
    public static (decimal? DeviationPercent, bool Flagged) FeeDeviation(decimal fee, IReadOnlyList<decimal> comparableFees, decimal allowedPercent)
    {
        if (comparableFees.Count == 0) return (null, false);
        var average = comparableFees.Average();
        var deviation = decimal.Round((fee - average) / average * 100m, 1);
        return (deviation, Math.Abs(deviation) > allowedPercent);
    }

    public static Decision Refuse(SharingRequest request, RefuseRequest r, DateOnly today)
    {
        if (!Codes.TryParse<RefusalReason>(r.Reason, out var reason))
            return Rejection.Invalid("reason", $"must be one of: {string.Join(", ", Codes.All<RefusalReason>())}");
        if (reason == RefusalReason.Other && string.IsNullOrWhiteSpace(r.Explanation))
            return Rejection.Invalid("explanation", "is required when the reason is other");
        if (new FieldErrors().Optional(r.Explanation, "explanation", 2000) is { Any: true } invalid) return invalid.ToRejection();
        if (request.Status != SharingStatus.Submitted) return NotInState(request, "a refusal", SharingStatus.Submitted);
        return Decision.Append(request.Id, new SharingRefused(request.Id, reason, string.IsNullOrWhiteSpace(r.Explanation) ? null : VietnameseText.Clean(r.Explanation), today));
    }

    /// <summary>Acceptance concludes the agreement and adds the requester as a tenant, if the site still has room.</summary>
    public static Decision Accept(SharingRequest request, Site site, DateOnly today)
    {
        if (request.Status != SharingStatus.Offered) return NotInState(request, "an acceptance", SharingStatus.Offered);
        if (!site.HasFreeCapacity)
            return Rejection.Conflict("site-full", $"The site already has {site.Tenants.Count} of {site.TenantCapacity} tenants.");
        return Conclude(request, site, request.Offer!.MonthlyFeeVnd, request.Offer.TermMonths, today, byMediation: false);
    }

    /// <summary>An agreement concluded on the request makes the requester a tenant on the site's stream, in the same
    /// commit; the site was read for writing, so two conclusions racing for its last place cannot both commit.</summary>
    private static Decision Conclude(SharingRequest request, Site site, decimal monthlyFeeVnd, int termMonths, DateOnly today, bool byMediation) =>
        Decision.Append(request.Id, new SharingAgreementConcluded(request.Id, site.Id, request.OwnerId, request.RequesterId,
                monthlyFeeVnd, termMonths, today, byMediation))
            .AndAppend(site.Id, new TenantAdded(site.Id, request.RequesterId, request.Id));

    public static Decision Decline(SharingRequest request, DeclineRequest r, DateOnly today) =>
        new FieldErrors().Optional(r.Reason, "reason", 1000) is { Any: true } invalid ? invalid.ToRejection()
        : request.Status != SharingStatus.Offered
            ? NotInState(request, "declining", SharingStatus.Offered)
            : Decision.Append(request.Id, new SharingOfferDeclined(request.Id, string.IsNullOrWhiteSpace(r.Reason) ? null : VietnameseText.Clean(r.Reason), today));

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
                  .When(r.TermMonths is not (>= 1 and <= MaxTermMonths), "termMonths", $"the mediated terms need a term between 1 and {MaxTermMonths} months");
        if (errors.Any) return errors.ToRejection();
        if (request.Status != SharingStatus.Disputed) return NotInState(request, "a mediation decision", SharingStatus.Disputed);

        var resolved = new SharingDisputeResolved(request.Id, request.SiteId, outcome, VietnameseText.Clean(r.Decision), today);
        if (outcome == MediationOutcome.Upheld) return Decision.Append(request.Id, resolved);
        if (!site.HasFreeCapacity)
            return Rejection.Unprocessable("site-full", "The site has no room for another tenant; the mediated terms cannot place one.");
        return Decision.Append(request.Id, resolved).And(Conclude(request, site, r.MonthlyFeeVnd!.Value, r.TermMonths!.Value, today, byMediation: true));
    }

    private static Rejection NotInState(SharingRequest request, string what, SharingStatus needed) =>
        Rejection.Conflict("invalid-sharing-transition", $"The request is {Codes.Of(request.Status)}; {what} needs it to be {Codes.Of(needed)}.");
}
