using Platform.BuildingBlocks.Domain;
using Platform.Infrastructure.Sites;
using Xunit;
using static Infrastructure.Tests.Domain.Given;

namespace Infrastructure.Tests.Domain;

public class SiteDecisionTests
{
    [Fact]
    public void Registration_stores_the_reference_spelling_of_district_and_commune()
    {
        var owner = Enterprise();
        var command = RegisterSite.Parse(TowerRequest(owner.Id), Geo, LaoCai).Command;
        Assert.Empty(command.Warnings);
        Assert.Equal(Tower(owner.Id), command with { Warnings = NoWarnings });
        var site = Apply<Site>(null, RegisterSite.Decide(command, Guid.NewGuid(), owner, DateTimeOffset.UtcNow), Site.When);
        Assert.Equal(("Thành phố Lào Cai", "Phường Cốc Lếu"), (site.Location.District, site.Location.Commune));
        Assert.Equal(("02644", Platform.Geography.UnitGeneration.ThreeTier), (site.Location.CommuneCode, site.Location.Generation!.Value));
        Assert.Equal(SiteStatus.Planned, site.Status);
    }

    [Fact]
    public void Registration_reports_every_invalid_field()
    {
        var request = new RegisterSiteRequest("", "satellite-dish", null, "Hà Nội", null, 21.0, 105.8, null, null, 0, "maybe", null);
        var rejection = RegisterSite.Parse(request, Geo, LaoCai).Rejection!;
        Assert.Equivalent(new[] { "name", "address", "kind", "zone", "ownerId", "district", "latitude", "tenantCapacity" }, rejection.Errors!.Keys, strict: true);
    }

    [Theory]
    [InlineData(21.29, 104.0)]
    [InlineData(22.88, 104.0)]
    [InlineData(22.3, 103.50)]
    [InlineData(22.3, 105.13)]
    public void Coordinates_outside_the_province_box_are_refused(double lat, double lon)
    {
        var owner = Enterprise();
        var rejection = RegisterSite.Parse(TowerRequest(owner.Id) with { Latitude = lat, Longitude = lon }, Geo, LaoCai).Rejection!;
        Assert.Equal(["latitude"], rejection.Errors!.Keys);
    }

    [Fact]
    public void Towers_need_a_height_and_only_towers_have_one()
    {
        var owner = Enterprise();
        Assert.Equal(["heightMetres"], RegisterSite.Parse(TowerRequest(owner.Id) with { HeightMetres = null }, Geo, LaoCai).Rejection!.Errors!.Keys);
        Assert.Equal(["heightMetres"], RegisterSite.Parse(TowerRequest(owner.Id) with { HeightMetres = 151m }, Geo, LaoCai).Rejection!.Errors!.Keys);
        Assert.Equal(["heightMetres"], RegisterSite.Parse(TowerRequest(owner.Id) with { Kind = "electricity-pole" }, Geo, LaoCai).Rejection!.Errors!.Keys);
    }

    [Fact]
    public void Only_aerial_routes_go_on_the_undergrounding_roadmap()
    {
        var owner = Enterprise();
        var rejection = RegisterSite.Parse(TowerRequest(owner.Id) with { PlannedUndergroundingYear = 2027 }, Geo, LaoCai).Rejection!;
        Assert.Equal(["plannedUndergroundingYear"], rejection.Errors!.Keys);
    }

    [Theory]
    [InlineData("suspended", RejectionKind.Conflict)]
    [InlineData("ceased", RejectionKind.Conflict)]
    public void Only_an_active_enterprise_may_own_a_site(string status, RejectionKind kind)
    {
        var owner = Enterprise(status: status);
        var rejection = RegisterSite.Decide(Tower(owner.Id), Guid.NewGuid(), owner, DateTimeOffset.UtcNow).Rejection!;
        Assert.Equal((kind, "enterprise-not-active"), (rejection.Kind, rejection.Code));
        Assert.Equal(RejectionKind.Unprocessable, RegisterSite.Decide(Tower(Guid.NewGuid()), Guid.NewGuid(), null, DateTimeOffset.UtcNow).Rejection!.Kind);
    }

    [Fact]
    public void Lifecycle_follows_planned_permit_approved_operational_decommissioned()
    {
        var site = OperationalTower(Enterprise());
        Assert.Equal(SiteStatus.Operational, site.Status);
        Assert.Equal("invalid-site-transition", SiteLifecycle.ApprovePermit(site, new SiteStep(Today)).Rejection!.Code);
        Assert.Equal(["reason"], SiteLifecycle.Parse(new DatedReasonRequest(Today, "")).Rejection!.Errors!.Keys);
        site = Apply(site, SiteLifecycle.Decommission(site, new SiteStepWithReason(Today, "Hết hạn thuê đất")), Site.When);
        Assert.Equal((SiteStatus.Decommissioned, "Hết hạn thuê đất"), (site.Status, site.StatusReason));
        Assert.Equal("invalid-site-transition", SiteLifecycle.StartOperation(site, new SiteStep(Today)).Rejection!.Code);
    }

    [Fact]
    public void A_refused_permit_keeps_its_reason_and_ends_the_way_to_operation()
    {
        var owner = Enterprise();
        var site = Apply<Site>(null, RegisterSite.Decide(Tower(owner.Id), Guid.NewGuid(), owner, DateTimeOffset.UtcNow), Site.When);
        Assert.Equal("invalid-site-transition", SiteLifecycle.StartOperation(site, new SiteStep(Today)).Rejection!.Code);
        site = Apply(site, SiteLifecycle.RequestPermit(site, new SiteStep(Today)), Site.When);
        site = Apply(site, SiteLifecycle.RefusePermit(site, new SiteStepWithReason(Today, "Ngoài quy hoạch")), Site.When);
        Assert.Equal(SiteStatus.Refused, site.Status);
        Assert.Equal(["on"], SiteLifecycle.Parse(new DateRequest(null)).Rejection!.Errors!.Keys);
    }

    [Fact]
    public void Undergrounding_is_recorded_once_for_routes_on_the_roadmap()
    {
        var owner = Enterprise();
        var route = Apply<Site>(null, RegisterSite.Decide(Tower(owner.Id) with { Kind = SiteKind.AerialCableRoute, HeightMetres = null, PlannedUndergroundingYear = 2027 },
            Guid.NewGuid(), owner, DateTimeOffset.UtcNow), Site.When);
        Assert.Equal(["on"], SiteLifecycle.ParseUndergrounding(new DateRequest(Today.AddDays(1)), Today).Rejection!.Errors!.Keys);
        Assert.Equal(["on"], SiteLifecycle.ParseUndergrounding(new DateRequest(null), Today).Rejection!.Errors!.Keys);
        route = Apply(route, SiteLifecycle.RecordUndergrounding(route, new SiteStep(Today)), Site.When);
        Assert.Equal(Today, route.UndergroundedOn);
        Assert.Equal("already-undergrounded", SiteLifecycle.RecordUndergrounding(route, new SiteStep(Today)).Rejection!.Code);
        Assert.Equal("not-on-roadmap", SiteLifecycle.RecordUndergrounding(OperationalTower(owner), new SiteStep(Today)).Rejection!.Code);
    }

    [Fact]
    public void Site_details_follow_the_kind_keep_room_for_the_tenants_and_change_nothing_when_equal()
    {
        var owner = Enterprise();
        var site = OperationalTower(owner, capacity: 3) with { Tenants = [Guid.NewGuid(), Guid.NewGuid()] };
        var same = new SiteDetails(site.Name, site.Location.Address, site.HeightMetres, site.TenantCapacity, site.Zone, null);
        Assert.Empty(AmendSiteDetails.Decide(site, same).Changes);
        Assert.Equal(["heightMetres"], AmendSiteDetails.Decide(site, same with { HeightMetres = null }).Rejection!.Errors!.Keys);
        Assert.Equal(["plannedUndergroundingYear"], AmendSiteDetails.Decide(site, same with { PlannedUndergroundingYear = 2030 }).Rejection!.Errors!.Keys);
        Assert.Equal("capacity-below-tenants", AmendSiteDetails.Decide(site, same with { TenantCapacity = 1 }).Rejection!.Code);
        var amended = Apply(site, AmendSiteDetails.Decide(site, same with { Name = "Trạm mới", TenantCapacity = 2, Zone = PlanZone.Conditional }), Site.When);
        Assert.Equal(("Trạm mới", 2, PlanZone.Conditional, site.Location.District), (amended.Name, amended.TenantCapacity, amended.Zone, amended.Location.District));
        var gone = site with { Status = SiteStatus.Decommissioned };
        Assert.Equal("site-decommissioned", AmendSiteDetails.Decide(gone, same with { Name = "x" }).Rejection!.Code);
    }

    [Fact]
    public void Site_details_parse_every_field()
    {
        var rejection = AmendSiteDetails.Parse(new SiteDetailsRequest(" ", null, 151m, 0, "maybe", 1990)).Rejection!;
        Assert.Equivalent(new[] { "name", "address", "heightMetres", "tenantCapacity", "zone", "plannedUndergroundingYear" }, rejection.Errors!.Keys, strict: true);
        Assert.Equal(new SiteDetails("Trạm A", "Thôn 2", 30m, 2, PlanZone.InPlan, null),
            AmendSiteDetails.Parse(new SiteDetailsRequest(" Trạm  A ", "Thôn 2", 30m, 2, "in-plan", null)).Command);
    }
}
