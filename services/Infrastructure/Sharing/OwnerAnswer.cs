using Marten;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Http;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

public sealed record MakeOfferRequest(decimal? MonthlyFeeVnd, int? TermMonths, string? TechnicalConditions);
public sealed record RefuseRequest(string? Reason, string? Explanation);

/// <summary>The site's owner answers a request: an offer of terms (fees far from its comparable offers are flagged), or a refusal.</summary>
public static class OwnerAnswer
{
    /// <param name="comparableFees">Monthly fees of the same owner's other offers for the same site kind in the same district.</param>
    public static Decision MakeOffer(SharingRequest request, MakeOfferRequest r, IReadOnlyList<decimal> comparableFees, decimal deviationPercent, DateOnly today)
    {
        var errors = new FieldErrors().Require(r.TechnicalConditions, "technicalConditions", 2000)
            .When(r.MonthlyFeeVnd is not > 0, "monthlyFeeVnd", "must be a positive amount in VND")
            .When(r.MonthlyFeeVnd is { } fee && fee != decimal.Round(fee, 0), "monthlyFeeVnd", "VND has no fractional part")
            .When(r.TermMonths is not (>= 1 and <= SharingRules.MaxTermMonths), "termMonths", $"must be between 1 and {SharingRules.MaxTermMonths}");
        if (errors.Any) return errors.ToRejection();
        if (request.Status != SharingStatus.Submitted) return SharingRules.NotInState(request, "an offer", SharingStatus.Submitted);

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
        if (request.Status != SharingStatus.Submitted) return SharingRules.NotInState(request, "a refusal", SharingStatus.Submitted);
        return Decision.Append(request.Id, new SharingRefused(request.Id, reason, string.IsNullOrWhiteSpace(r.Explanation) ? null : VietnameseText.Clean(r.Explanation), today));
    }

    // The owner answers; each step is authorized on the request as loaded for writing.
    public static void Map(RouteGroupBuilder requests)
    {
        requests.MapPost("/{id:guid}/offer", (Guid id, MakeOfferRequest body, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http) =>
                http.RunAsync(id, CommandRunner.On<SharingRequest>(id, SharingRules.NotFound(id), async (request, streams) =>
                    MakeOffer(request, body, await ComparableFeesAsync(streams.Query, request, streams.Cancellation),
                        options.Value.FeeDeviationPercent, DepartmentClock.Today(clock)),
                    mayAct: r => http.User.MayActFor(r.OwnerId))))
            .WithSummary("The owner offers terms: monthly fee in VND, term, technical conditions. Fees far from the owner's comparable offers are flagged.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/refusal", (Guid id, RefuseRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<SharingRequest>(id, r => Refuse(r, body, DepartmentClock.Today(clock)), SharingRules.NotFound(id),
                    mayAct: r => http.User.MayActFor(r.OwnerId)))
            .WithSummary("The owner refuses: no-capacity, technical, safety, or other with an explanation.")
            .Writes(PlatformPolicies.EnterpriseAct);
    }

    private static async Task<IReadOnlyList<decimal>> ComparableFeesAsync(IQuerySession session, SharingRequest request, CancellationToken ct)
    {
        var offers = await session.Query<SharingRequest>()
            .Where(r => r.OwnerId == request.OwnerId && r.SiteKind == request.SiteKind && r.District == request.District && r.Id != request.Id && r.Offer != null)
            .Select(r => r.Offer!.MonthlyFeeVnd)
            .ToListAsync(ct);
        return offers;
    }
}
