using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.Geography;
using Platform.Infrastructure;
using Platform.Infrastructure.Sharing;
using Platform.Infrastructure.Sites;
using Xunit;

namespace Infrastructure.Tests.Domain;

/// <summary>Builds states by running the real decisions, so tests start from states the rules allow.</summary>
public static class Given
{
    public static readonly ProvinceGeography Geo = new(Country.Vietnam, ProvinceGeography.LaoCai);
    public static readonly Bounds LaoCai = SitePlacement.ProvinceBounds(Geo, null);
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static KnownEnterprise Enterprise(string name = "Viettel", string status = "active") =>
        new(Guid.NewGuid(), "5399900014", $"Công ty {name}", name, ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", status, null, 1, 1);

    public static RegisterSiteRequest TowerRequest(Guid ownerId, int capacity = 2) =>
        new("Trạm BTS Cốc Lếu", "greenfield-tower", ownerId, "thanh pho lao cai", "phuong coc leu", 22.4856, 103.9707, "Thôn 1", 40m, capacity, "in-plan", null);

    /// <summary>The registration <see cref="TowerRequest"/> parses into, built from domain values: old Phường Cốc Lếu (02644),
    /// entered with its district as before 1 July 2025.</summary>
    public static SiteRegistration Tower(Guid ownerId, int capacity = 2) =>
        new("Trạm BTS Cốc Lếu", SiteKind.GreenfieldTower, ownerId,
            new Location("Thành phố Lào Cai", "Phường Cốc Lếu", 22.4856, 103.9707, "Thôn 1", "02644", UnitGeneration.ThreeTier),
            40m, capacity, PlanZone.InPlan, null, null, null, NoWarnings);

    public static readonly IReadOnlyList<string> NoWarnings = [];

    public static T Apply<T>(T? state, Decision decision, Func<T?, object, T?> when) where T : class
    {
        Assert.True(decision.IsAccepted, decision.Rejection?.Detail + " " + string.Join("; ", decision.Rejection?.Errors?.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")) ?? []));
        // The state is that of the decision's first stream; events for other streams are not its own.
        var events = decision.Changes.Count == 0 ? [] : decision.EventsFor(decision.Changes[0].StreamId);
        return events.Aggregate(state, when)!;
    }

    public static Site OperationalTower(KnownEnterprise owner, int capacity = 2)
    {
        var site = Apply<Site>(null, RegisterSite.Decide(Tower(owner.Id, capacity), Guid.NewGuid(), owner, DateTimeOffset.UtcNow), Site.When);
        site = Apply(site, SiteLifecycle.RequestPermit(site, new SiteStep(Today)), Site.When);
        site = Apply(site, SiteLifecycle.ApprovePermit(site, new SiteStep(Today)), Site.When);
        return Apply(site, SiteLifecycle.StartOperation(site, new SiteStep(Today)), Site.When);
    }

    public static SharingRequest Submitted(Site site, KnownEnterprise requester, DateOnly? on = null) =>
        Apply<SharingRequest>(null, SubmitSharing.Decide(new SharingAsked(site.Id, requester.Id, "Lắp anten 4G"), Guid.NewGuid(), site, requester,
            false, on ?? Today, DateTimeOffset.UtcNow, 30), SharingRequest.When);

    public static SharingRequest Offered(Site site, KnownEnterprise requester, decimal fee = 5_000_000m) =>
        Apply(Submitted(site, requester), OwnerAnswer.MakeOffer(Submitted(site, requester), new SharingOfferTerms(fee, 60, "Độ cao 30 m"), [], 20m, Today), SharingRequest.When);
}
