using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.Infrastructure.Sites;

namespace Platform.Infrastructure.Sharing;

/// <summary>submitted → offered / refused → concluded / declined; any of submitted, offered, refused or
/// declined → disputed → resolved by the Department's mediation.</summary>
public enum SharingStatus { Submitted, Offered, Refused, Concluded, Declined, Disputed, Resolved }

public sealed record SharingOffer(decimal MonthlyFeeVnd, int TermMonths, string TechnicalConditions, decimal? FeeDeviationPercent, bool FeeFlagged);

// Domain events of the sharing-request stream.
public sealed record SharingRequestSubmitted(
    Guid RequestId, Guid SiteId, SiteKind SiteKind, string District, Guid OwnerId, Guid RequesterId, string Purpose,
    DateOnly SubmittedOn, DateTimeOffset SubmittedAt);
public sealed record SharingOfferMade(Guid RequestId, Guid SiteId, Guid OwnerId, Guid RequesterId, SharingOffer Offer, DateOnly OfferedOn);
public sealed record SharingRefused(Guid RequestId, RefusalReason Reason, string? Explanation, DateOnly RefusedOn);
public sealed record SharingAgreementConcluded(Guid RequestId, Guid SiteId, Guid OwnerId, Guid TenantId, decimal MonthlyFeeVnd, int TermMonths, DateOnly ConcludedOn, bool ByMediation);
public sealed record SharingOfferDeclined(Guid RequestId, string? Reason, DateOnly DeclinedOn);
public sealed record SharingDisputeRaised(Guid RequestId, Guid SiteId, Guid RaisedBy, string Grounds, DateOnly RaisedOn);
public sealed record SharingDisputeResolved(Guid RequestId, Guid SiteId, MediationOutcome Outcome, string Decision, DateOnly DecidedOn);

public sealed record SharingRequest(
    Guid Id, Guid SiteId, SiteKind SiteKind, string District, Guid OwnerId, Guid RequesterId, string Purpose, DateOnly SubmittedOn,
    SharingStatus Status, SharingOffer? Offer, RefusalReason? RefusalReason, string? RefusalExplanation,
    SharingStatus? DisputedFrom, Guid? DisputeRaisedBy, string? DisputeGrounds, MediationOutcome? Outcome, string? MediationDecision,
    DateOnly? AnsweredOn, long Version)
{
    public bool IsOpen => Status is SharingStatus.Submitted or SharingStatus.Offered or SharingStatus.Disputed;

    /// <summary>The owner has not answered within the allowed days. Derived from the date, never stored.</summary>
    public bool IsOverdue(DateOnly today, int answerDays) => Status == SharingStatus.Submitted && today.DayNumber - SubmittedOn.DayNumber > answerDays;

    public static SharingRequest? When(SharingRequest? state, object @event) => (state, @event) switch
    {
        (null, SharingRequestSubmitted e) => new SharingRequest(e.RequestId, e.SiteId, e.SiteKind, e.District, e.OwnerId, e.RequesterId,
            e.Purpose, e.SubmittedOn, SharingStatus.Submitted, null, null, null, null, null, null, null, null, null, 0),
        (null, _) => null,
        (_, SharingOfferMade e) => state with { Status = SharingStatus.Offered, Offer = e.Offer, AnsweredOn = e.OfferedOn },
        (_, SharingRefused e) => state with { Status = SharingStatus.Refused, RefusalReason = e.Reason, RefusalExplanation = e.Explanation, AnsweredOn = e.RefusedOn },
        (_, SharingAgreementConcluded) when state.Status is SharingStatus.Disputed or SharingStatus.Resolved => state with { Status = SharingStatus.Resolved },
        (_, SharingAgreementConcluded) => state with { Status = SharingStatus.Concluded },
        (_, SharingOfferDeclined) => state with { Status = SharingStatus.Declined },
        (_, SharingDisputeRaised e) => state with { Status = SharingStatus.Disputed, DisputedFrom = state.Status, DisputeRaisedBy = e.RaisedBy, DisputeGrounds = e.Grounds },
        (_, SharingDisputeResolved e) => state with { Status = SharingStatus.Resolved, Outcome = e.Outcome, MediationDecision = e.Decision },
        _ => state,
    };
}

/// <summary>What the steps of the sharing workflow share.</summary>
public static class SharingRules
{
    public const int MaxTermMonths = 240;

    internal static string NotFound(Guid id) => $"No sharing request with id {id}.";

    internal static Rejection NotInState(SharingRequest request, string what, SharingStatus needed) =>
        Rejection.Conflict("invalid-sharing-transition", $"The request is {Codes.Of(request.Status)}; {what} needs it to be {Codes.Of(needed)}.");

    /// <summary>Acceptance and mediation may conclude an agreement, which also writes the site's stream: the request
    /// is loaded at the If-Match version, its site at the version read (so two conclusions racing for the last place
    /// cannot both commit).</summary>
    internal static CommandBody WithSite(Guid id, Func<SharingRequest, Site, Decision> decide, Func<SharingRequest, bool>? mayAct = null) =>
        CommandRunner.On<SharingRequest>(id, NotFound(id), async (request, streams) =>
            decide(request, (await streams.LoadAsync<Site>(request.SiteId))!), mayAct);

    internal static CommandBody WithSite<TCommand>(Guid id, Parsed<TCommand> parsed, Func<SharingRequest, TCommand, Site, Decision> decide,
        Func<SharingRequest, bool>? mayAct = null) where TCommand : notnull =>
        CommandRunner.On<SharingRequest, TCommand>(id, NotFound(id), parsed, async (request, command, streams) =>
            decide(request, command, (await streams.LoadAsync<Site>(request.SiteId))!), mayAct);
}
