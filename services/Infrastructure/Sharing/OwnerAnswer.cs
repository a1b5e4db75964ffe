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

public sealed record SharingOfferTerms(decimal MonthlyFeeVnd, int TermMonths, string TechnicalConditions);
public sealed record SharingRefusal(RefusalReason Reason, string? Explanation);

/// <summary>The site's owner answers a request: an offer of terms (fees far from its comparable offers are flagged), or a refusal.</summary>
public static class OwnerAnswer
{
    /// <param name="comparableFees">Monthly fees of the same owner's other offers for the same site kind in the same district.</param>
    public static Parsed<SharingOfferTerms> Parse(MakeOfferRequest r)
    {
        var errors = new FieldErrors();
        var conditions = errors.Text(r.TechnicalConditions, "technicalConditions", 2000);
        errors.When(r.MonthlyFeeVnd is not > 0, "monthlyFeeVnd", "must be a positive amount in VND")
            .When(r.MonthlyFeeVnd is { } fee && fee != decimal.Round(fee, 0), "monthlyFeeVnd", "VND has no fractional part")
            .When(r.TermMonths is not (>= 1 and <= SharingRules.MaxTermMonths), "termMonths", $"must be between 1 and {SharingRules.MaxTermMonths}");
        return Parsed<SharingOfferTerms>.Unless(errors, () => new SharingOfferTerms(r.MonthlyFeeVnd!.Value, r.TermMonths!.Value, conditions));
    }

    public static Parsed<SharingRefusal> Parse(RefuseRequest r)
    {
        if (!Codes.TryParse<RefusalReason>(r.Reason, out var reason))
            return Rejection.Invalid("reason", $"must be one of: {string.Join(", ", Codes.All<RefusalReason>())}");
        if (reason == RefusalReason.Other && string.IsNullOrWhiteSpace(r.Explanation))
            return Rejection.Invalid("explanation", "is required when the reason is other");
        var errors = new FieldErrors();
        var explanation = errors.OptionalText(r.Explanation, "explanation", 2000);
        return Parsed<SharingRefusal>.Unless(errors, () => new SharingRefusal(reason, explanation));
    }

    /// <param name="comparableFees">Monthly fees of the same owner's other offers for the same site kind in the same district.</param>
    public static Decision MakeOffer(SharingRequest request, SharingOfferTerms c, IReadOnlyList<decimal> comparableFees, decimal deviationPercent, DateOnly today)
    {
        if (request.Status != SharingStatus.Submitted) return SharingRules.NotInState(request, "an offer", SharingStatus.Submitted);
        var (deviation, flagged) = FeeDeviation(c.MonthlyFeeVnd, comparableFees, deviationPercent);
        return Decision.Append(request.Id, new SharingOfferMade(request.Id, request.SiteId, request.OwnerId, request.RequesterId,
            new SharingOffer(c.MonthlyFeeVnd, c.TermMonths, c.TechnicalConditions, deviation, flagged), today));
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

    public static Decision Refuse(SharingRequest request, SharingRefusal c, DateOnly today) =>
        request.Status != SharingStatus.Submitted
            ? SharingRules.NotInState(request, "a refusal", SharingStatus.Submitted)
            : Decision.Append(request.Id, new SharingRefused(request.Id, c.Reason, c.Explanation, today));

    // The owner answers; each step is authorized on the request as loaded for writing.
    public static void Map(RouteGroupBuilder requests)
    {
        requests.MapPost("/{id:guid}/offer", (Guid id, MakeOfferRequest body, TimeProvider clock, IOptions<InfrastructureOptions> options, HttpContext http) =>
                http.RunAsync(id, CommandRunner.On<SharingRequest, SharingOfferTerms>(id, SharingRules.NotFound(id), Parse(body), async (request, command, streams) =>
                    MakeOffer(request, command, await ComparableFeesAsync(streams.Query, request, streams.Cancellation),
                        options.Value.FeeDeviationPercent, DepartmentClock.Today(clock)),
                    mayAct: r => http.User.MayActFor(r.OwnerId))))
            .WithSummary("The owner offers terms: monthly fee in VND, term, technical conditions. Fees far from the owner's comparable offers are flagged.")
            .Writes(PlatformPolicies.EnterpriseAct);

        requests.MapPost("/{id:guid}/refusal", (Guid id, RefuseRequest body, TimeProvider clock, HttpContext http) =>
                http.RunAsync<SharingRequest, SharingRefusal>(id, Parse(body), (r, command) => Refuse(r, command, DepartmentClock.Today(clock)), SharingRules.NotFound(id),
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
