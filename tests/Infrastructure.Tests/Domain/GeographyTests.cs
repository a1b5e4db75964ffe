using Platform.BuildingBlocks.Domain;
using Platform.Geography;
using Platform.Infrastructure.Coverage;
using Platform.Infrastructure.Sites;
using Xunit;

namespace Infrastructure.Tests.Domain;

/// <summary>Sites against the reference data: placement, the coding of old records, views by current or entered units.</summary>
public class GeographyTests
{
    private static readonly ProvinceGeography LaoCai = new(Country.Vietnam, ProvinceGeography.LaoCai);
    private static readonly Bounds Province = SitePlacement.ProvinceBounds(LaoCai, null);
    private const double CocLeuLat = 22.4856, CocLeuLon = 103.9707; // Lào Cai city centre, in new Phường Lào Cai
    private const double SaPaLat = 22.3356, SaPaLon = 103.8434;     // Sa Pa stone church

    private static (Placement? Placement, FieldErrors Errors) Place(string? district, string? commune, double? lat = CocLeuLat, double? lon = CocLeuLon,
        double[][]? route = null, bool isRoute = false)
    {
        var errors = new FieldErrors();
        return (SitePlacement.Place(LaoCai, Province, district, commune, lat, lon, "Thôn 1", route, isRoute, errors), errors);
    }

    private static IReadOnlyDictionary<string, string[]> Errors(FieldErrors errors) => errors.ToRejection().Errors!;

    [Fact]
    public void A_commune_before_2025_is_kept_with_its_code_and_district()
    {
        var (placement, _) = Place("thanh pho lao cai", "phuong coc leu");
        Assert.Equal(("Thành phố Lào Cai", "Phường Cốc Lếu", "02644", UnitGeneration.ThreeTier),
            (placement!.Location.District, placement.Location.Commune, placement.Location.CommuneCode, placement.Location.Generation));
        Assert.Empty(placement.Warnings);
    }

    [Fact]
    public void A_current_commune_is_found_by_name_or_code_without_a_district()
    {
        var (byName, _) = Place(null, "Phuong Lao Cai");
        var (byCode, _) = Place(null, "02647");
        Assert.Equal(("", "Phường Lào Cai", "02647", UnitGeneration.TwoTier), (byName!.Location.District, byName.Location.Commune, byName.Location.CommuneCode, byName.Location.Generation));
        Assert.Equal(byName.Location, byCode!.Location);
    }

    [Fact]
    public void An_unknown_commune_is_refused_naming_the_field_with_suggestions()
    {
        var (placement, errors) = Place(null, "Phường Lao Kai");
        Assert.Null(placement);
        var error = Assert.Single(Errors(errors)["commune"]);
        Assert.Contains("is not a commune of Tỉnh Lào Cai", error);
        Assert.Contains("did you mean", error);
        Assert.Contains("Phường Lào Cai (02647)", error);
        Assert.Contains("is not a district", Assert.Single(Errors(Place("Huyện Ba Vì", "Xã Tản Lĩnh").Errors)["district"]));
    }

    [Fact]
    public void A_point_outside_the_declared_commune_is_registered_with_a_warning()
    {
        var (placement, errors) = Place(null, "Phường Sa Pa"); // the point is in Lào Cai city
        Assert.False(errors.Any);
        var warning = Assert.Single(placement!.Warnings);
        Assert.StartsWith("site-outside-commune:", warning);
        Assert.Contains("Phường Lào Cai (02647)", warning);
        Assert.Empty(Place(null, "Phường Sa Pa", SaPaLat, SaPaLon).Placement!.Warnings);
        // An old commune is checked through the current commune(s) it went into.
        Assert.Single(Place("Thị xã Sa Pa", "Phường Cầu Mây").Placement!.Warnings);
    }

    [Fact]
    public void A_point_outside_the_province_is_refused()
    {
        var (_, errors) = Place(null, "Phường Lào Cai", 21.0288, 105.8525); // Hà Nội
        Assert.Contains("lies outside Tỉnh Lào Cai", Assert.Single(Errors(errors)["latitude"]));
    }

    [Fact]
    public void A_route_is_a_linestring_with_its_length_on_the_ellipsoid()
    {
        double[][] route = [[CocLeuLon, CocLeuLat], [103.9807, 22.4856], [103.9807, 22.4956]];
        var (placement, errors) = Place(null, "Phường Lào Cai", null, null, route, isRoute: true);
        Assert.False(errors.Any, string.Join("; ", errors.Any ? Errors(errors).SelectMany(e => e.Value) : []));
        var expected = (Geodesy.DistanceMetres(new(CocLeuLon, CocLeuLat), new(103.9807, 22.4856)) + Geodesy.DistanceMetres(new(103.9807, 22.4856), new(103.9807, 22.4956))) / 1000;
        Assert.Equal(Math.Round(expected, 3), placement!.LengthKm);
        Assert.InRange(placement.LengthKm!.Value, 2.1, 2.2); // about 1.03 km east + 1.11 km north
        Assert.Equal(3, placement.Route!.Count);
        Assert.Equal((CocLeuLat, CocLeuLon), (placement.Location.Latitude, placement.Location.Longitude)); // the first position stands for it
    }

    [Fact]
    public void A_route_is_refused_on_a_tower_short_or_outside_the_province()
    {
        Assert.Contains("only ducts and cable routes", Assert.Single(Errors(Place(null, "02647", route: [[CocLeuLon, CocLeuLat], [103.98, 22.49]]).Errors)["route"]));
        Assert.Contains("between 2 and", Assert.Single(Errors(Place(null, "02647", route: [[CocLeuLon, CocLeuLat]], isRoute: true).Errors)["route"]));
        Assert.Contains("lies outside", Assert.Single(Errors(Place(null, "02647", route: [[CocLeuLon, CocLeuLat], [105.85, 21.03]], isRoute: true).Errors)["route"]));
    }

    private static Site SiteAt(Location location, SiteStatus status = SiteStatus.Operational, SiteKind kind = SiteKind.GreenfieldTower) =>
        new(Guid.NewGuid(), "Trạm", kind, Guid.NewGuid(), location, 30m, 2, PlanZone.InPlan, status, null, [], null, null, DateTimeOffset.UtcNow, 1);

    private static Location Old(string district, string commune, string? code = null, double lat = CocLeuLat, double lon = CocLeuLon) =>
        new(district, commune, lat, lon, "Thôn 1", code, code is null ? null : UnitGeneration.ThreeTier);

    [Fact]
    public void Coverage_by_current_units_maps_old_records_and_counts_against_the_full_list()
    {
        var old = SiteAt(Old("Thành phố Lào Cai", "Phường Cốc Lếu", "02644"));
        var current = SiteAt(new Location("", "Phường Sa Pa", SaPaLat, SaPaLon, "Thôn 2", "03006", UnitGeneration.TwoTier));
        var report = InfrastructureViews.Coverage([old, current], _ => "Viettel", LaoCai);
        Assert.Equal(("current", 99, 2, 97), (report.Units, report.Communes, report.CommunesCovered, report.CommunesWithoutBts));
        Assert.Equal(1, report.ByCommune.Single(c => c.Code == "02647").OperationalBtsSites);
        Assert.Equal(1, report.ByCommune.Single(c => c.Code == "03006").OperationalBtsSites);
        Assert.Contains("Xã Y Tý", report.CommunesWithNone);

        var entered = InfrastructureViews.Coverage([old, current], _ => "Viettel", LaoCai, asEntered: true);
        Assert.Equal("entered", entered.Units);
        Assert.Equal(LaoCai.OldCommunes.Count + 99, entered.Communes);
        Assert.Equal(1, entered.ByCommune.Single(c => c.Code == "02644" && c.Generation == "three-tier").OperationalBtsSites);
        Assert.Equal(0, entered.ByCommune.Single(c => c.Code == "02647" && c.Generation == "two-tier").OperationalBtsSites);
        Assert.Equal(2, entered.CommunesCovered);
    }

    [Fact]
    public void Undergrounding_reports_kilometres_planned_and_done()
    {
        Site Route(double? km, bool done) => SiteAt(Old("Thành phố Lào Cai", "Phường Cốc Lếu", "02644"), kind: SiteKind.AerialCableRoute) with
        { PlannedUndergroundingYear = 2026, LengthKm = km, UndergroundedOn = done ? new DateOnly(2026, 5, 1) : null };
        var progress = Assert.Single(InfrastructureViews.Undergrounding([Route(1.5, true), Route(2.25, false), Route(null, false)], LaoCai));
        Assert.Equal((3, 1, 3.75m, 1.5m, 40.0m, 1), (progress.Planned, progress.Done, progress.KmPlanned, progress.KmDone, progress.PercentKmDone, progress.RoutesWithoutLine));
    }

    [Fact]
    public void Sharing_ratio_and_undergrounding_group_by_the_units_as_entered_or_by_the_current_communes()
    {
        // Cốc Lếu (old, Thành phố Lào Cai) and Kim Tân (old) both went into Phường Lào Cai (02647); one tower entered with it directly.
        var cocLeu = SiteAt(Old("Thành phố Lào Cai", "Phường Cốc Lếu", "02644")) with { Tenants = [Guid.NewGuid(), Guid.NewGuid()] };
        var kimTan = SiteAt(Old("Thành phố Lào Cai", "Phường Kim Tân", "02647"));
        var laoCai = SiteAt(new Location("", "Phường Lào Cai", CocLeuLat, CocLeuLon, "Tổ 1", "02647", UnitGeneration.TwoTier)) with { Tenants = [Guid.NewGuid()] };
        var typed = SiteAt(Old("Huyện Không Rõ", "Xã Không Rõ")); // not coded: its district as typed in both views
        var towers = new[] { cocLeu, kimTan, laoCai, typed };

        var entered = InfrastructureViews.Ratio(towers, _ => "Viettel", LaoCai);
        Assert.Equal([("", "02647", 1, 1), ("Huyện Không Rõ", null, 1, 0), ("Thành phố Lào Cai", null, 2, 2)],
            entered.Select(r => (r.District, r.CommuneCode, r.Towers, r.Tenants)));
        var current = InfrastructureViews.Ratio(towers, _ => "Viettel", LaoCai, current: true);
        Assert.Equal([("", "02647", "Phường Lào Cai", 3, 3), ("Huyện Không Rõ", null, null, 1, 0)],
            current.Select(r => (r.District, r.CommuneCode, r.Commune, r.Towers, r.Tenants)));

        Site Route(Site s, double km) => s with { Kind = SiteKind.AerialCableRoute, PlannedUndergroundingYear = 2026, LengthKm = km };
        var routes = new[] { Route(cocLeu, 1.5), Route(laoCai, 2.0) };
        Assert.Equal([("", "02647", 2.0m), ("Thành phố Lào Cai", null, 1.5m)],
            InfrastructureViews.Undergrounding(routes, LaoCai).Select(p => (p.District, p.CommuneCode, p.KmPlanned)));
        Assert.Equal([("", "02647", 3.5m)], InfrastructureViews.Undergrounding(routes, LaoCai, current: true).Select(p => (p.District, p.CommuneCode, p.KmPlanned)));
    }

    [Fact]
    public void A_site_entered_by_names_gets_its_old_communes_code()
    {
        var legacy = SiteAt(Old("thị xã sa pa", "Xa Ta Van")); // as typed before, without code
        var decision = LocationCoding.Decide(legacy, LaoCai);
        var coded = Assert.IsType<SiteLocationCoded>(Assert.Single(decision.EventsFor(legacy.Id)));
        var unit = LaoCai.OldCommunes.Single(c => c.Code == coded.CommuneCode);
        Assert.Equal(("Thị xã Sa Pa", "Xã Tả Van", UnitGeneration.ThreeTier), (coded.District, unit.Name, coded.Generation));
        Assert.Equal(LaoCai.CurrentCommune(UnitGeneration.ThreeTier, unit.Code, legacy.Location.Latitude, legacy.Location.Longitude)!.Code, coded.CurrentCommuneCode);
        var after = Site.When(legacy, coded)!;
        Assert.Equal((coded.CommuneCode, "Xã Tả Van", "Thị xã Sa Pa"), (after.Location.CommuneCode, after.Location.Commune, after.Location.District));
        Assert.Empty(LocationCoding.Decide(after, LaoCai).Changes); // done once
        Assert.Empty(LocationCoding.Decide(SiteAt(Old("Huyện Không Có", "Xã Không Có")), LaoCai).Changes); // left for a person
    }
}
