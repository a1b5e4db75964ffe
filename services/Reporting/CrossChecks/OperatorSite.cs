using Platform.BuildingBlocks.Domain;
using Platform.Contracts.Infrastructure;

namespace Platform.Reporting.CrossChecks;

public sealed record SiteTransition(long StreamVersion, string Status, DateOnly EffectiveOn);

/// <summary>
/// Reporting's copy of a site in the Infrastructure service's register, kept from its public events:
/// owner, kind and every status change with its effective date, so "operational on the last day of
/// the period" can be answered for any past period. Applying an event twice changes nothing.
/// </summary>
public sealed record OperatorSite(Guid Id, Guid OwnerId, string Kind, IReadOnlyList<SiteTransition> Transitions)
{
    /// <summary>The kinds the BTS cross-check counts: the operator's own towers. Not Infrastructure's
    /// <c>SiteKinds.CarriesBts</c> (towers and in-building systems, for coverage): two rules, two names.</summary>
    public static readonly string[] TowerKinds = ["greenfield-tower", "rooftop-tower"];

    public bool IsTower => TowerKinds.Contains(Kind);

    /// <summary>The status in force on <paramref name="day"/>: the last change (in stream order) effective by then.</summary>
    public string? StatusOn(DateOnly day) => Transitions.OrderBy(t => t.StreamVersion).LastOrDefault(t => t.EffectiveOn <= day)?.Status;

    public bool OperationalOn(DateOnly day) => StatusOn(day) == "operational";

    public static OperatorSite? Apply(OperatorSite? site, SiteRegisteredV1 e) =>
        With(site, e.SiteId, e.OwnerId, e.Kind, new SiteTransition(e.StreamVersion, "planned", DepartmentClock.DateOf(e.OccurredAt)));

    public static OperatorSite? Apply(OperatorSite? site, SiteStatusChangedV1 e) =>
        With(site, e.SiteId, e.OwnerId, e.Kind, new SiteTransition(e.StreamVersion, e.Status, e.EffectiveOn));

    /// <summary>The site with one more transition, or null when that stream version was already applied (a redelivery).</summary>
    private static OperatorSite? With(OperatorSite? site, Guid id, Guid owner, string kind, SiteTransition transition) =>
        site?.Transitions.Any(t => t.StreamVersion == transition.StreamVersion) == true
            ? null
            : new OperatorSite(id, owner, kind, [.. site?.Transitions ?? [], transition]);
}
