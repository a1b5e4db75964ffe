using Platform.Infrastructure.Coverage;
using Platform.Infrastructure.Sites;
using Xunit;
using static Infrastructure.Tests.Domain.Given;

namespace Infrastructure.Tests.Domain;

public class ViewAndImportTests
{
    [Fact]
    public void Coverage_counts_owner_and_tenants_per_commune_and_lists_communes_with_none()
    {
        var viettel = Enterprise("Viettel");
        var mobifone = Enterprise("MobiFone");
        var tower = OperationalTower(viettel) with { Tenants = [mobifone.Id] };
        var names = new Dictionary<Guid, string> { [viettel.Id] = "Viettel", [mobifone.Id] = "MobiFone" };
        var report = InfrastructureViews.Coverage([tower], id => names[id], Geo);
        var laoCai = report.ByCommune.Single(c => c.Commune == "Phường Lào Cai"); // old Cốc Lếu's commune since 1 July 2025
        Assert.Equal(1, laoCai.OperationalBtsSites);
        Assert.Equal(new Dictionary<string, int> { ["Viettel"] = 1, ["MobiFone"] = 1 }, laoCai.ByOperator);
        Assert.Equal(report.Communes - 1, report.CommunesWithoutBts);
        Assert.Contains("Xã Y Tý", report.CommunesWithNone);
        var entered = InfrastructureViews.Coverage([tower], id => names[id], Geo, asEntered: true);
        Assert.Equal(1, entered.ByCommune.Single(c => c.Commune == "Phường Cốc Lếu").OperationalBtsSites);
        Assert.Contains("Xã Y Tý, Huyện Bát Xát", entered.CommunesWithNone);
    }

    [Fact]
    public void Sharing_ratio_is_tenants_per_tower_by_district_and_operator()
    {
        var viettel = Enterprise("Viettel");
        var shared = OperationalTower(viettel) with { Tenants = [Guid.NewGuid(), Guid.NewGuid()] };
        var alone = OperationalTower(viettel);
        var ratio = InfrastructureViews.Ratio([shared, alone], _ => "Viettel", Geo).Single();
        Assert.Equal(("Thành phố Lào Cai", "Viettel", 2, 2, 1.00m), (ratio.District, ratio.Operator, ratio.Towers, ratio.Tenants, ratio.TenantsPerTower));
    }

    [Fact]
    public void Undergrounding_progress_by_district_and_year()
    {
        var owner = Enterprise();
        Site Route(int year, DateOnly? done) => OperationalTower(owner) with { Kind = SiteKind.AerialCableRoute, PlannedUndergroundingYear = year, UndergroundedOn = done };
        var progress = InfrastructureViews.Undergrounding([Route(2026, Today), Route(2026, null), Route(2026, null), Route(2027, null)], Geo);
        Assert.Equal([(2026, 3, 1, 33.3m), (2027, 1, 0, 0m)], progress.Select(p => (p.Year, p.Planned, p.Done, p.PercentDone)));
    }

    [Fact]
    public void Csv_rows_parse_with_quotes_commas_and_vietnamese()
    {
        var owner = Guid.NewGuid();
        var csv = "\uFEFFname,kind,ownerId,district,commune,latitude,longitude,address,heightMetres,tenantCapacity,zone,plannedUndergroundingYear\r\n" +
                  $"\"Trạm \"\"A\"\", Cốc Lếu\",greenfield-tower,{owner},Thành phố Lào Cai,Phường Cốc Lếu,22.48,103.97,\"Thôn 1,\nxã X\",40,3,in-plan,\r\n";
        var row = SiteImport.ParseCsv(csv).Single();
        Assert.Equal("Trạm \"A\", Cốc Lếu", row.Name);
        Assert.Equal("Thôn 1,\nxã X", row.Address);
        Assert.Equal((owner, 22.48, 103.97, 40m, 3), (row.OwnerId!.Value, row.Latitude!.Value, row.Longitude!.Value, row.HeightMetres!.Value, row.TenantCapacity!.Value));
        Assert.Null(row.PlannedUndergroundingYear);
        Assert.Throws<FormatException>(() => SiteImport.ParseCsv("name\r\n\"unterminated"));
    }

    [Fact]
    public void GeoJson_points_are_read_longitude_first()
    {
        var geo = """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[103.97,22.48]},"properties":{"name":"Trạm","kind":"rooftop-tower","tenantCapacity":2}}]}""";
        var row = SiteImport.ParseGeoJson(geo).Single();
        Assert.Equal((22.48, 103.97, "rooftop-tower", 2), (row.Latitude!.Value, row.Longitude!.Value, row.Kind!, row.TenantCapacity!.Value));
    }

    /// <summary>Found by tests/BadInput.Tests: these answered 500. A Point short of coordinates is an unreadable file;
    /// figures no decimal or int holds become values the row rules refuse, so the row is listed with its error.</summary>
    [Fact]
    public void Short_points_and_impossible_figures_do_not_fail_the_upload()
    {
        Assert.Throws<FormatException>(() => SiteImport.ParseGeoJson("""{"type":"FeatureCollection","features":[{"geometry":{"type":"Point","coordinates":[103.9]}}]}"""));
        var row = SiteImport.ParseCsv("name,heightMetres,tenantCapacity,plannedUndergroundingYear\nTrạm,1e300,2.5,NaN").Single();
        Assert.Equal((decimal.MaxValue, int.MinValue, int.MinValue), (row.HeightMetres, row.TenantCapacity, row.PlannedUndergroundingYear));
    }
}
