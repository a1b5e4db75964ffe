using Platform.Geography;
using Xunit;

namespace Geography.Tests;

/// <summary>The mapping from the province's current communes to the districts before 1 July 2025, worked out once per province.</summary>
public class FormerDistrictTests
{
    private static readonly ProvinceGeography LaoCai = new(Country.Vietnam, ProvinceGeography.LaoCai);

    [Fact]
    public void A_current_commune_maps_to_the_district_its_first_listed_predecessor_lay_in()
    {
        Assert.Equal(("Xã Bát Xát", "Huyện Bát Xát"), (LaoCai.Commune("02683")?.Name, LaoCai.FormerDistrict("02683")?.Name));
        Assert.Equal(("Xã Pha Long", "Huyện Mường Khương"), (LaoCai.Commune("02752")?.Name, LaoCai.FormerDistrict("02752")?.Name));
        Assert.Equal("Thành phố Lào Cai", LaoCai.FormerDistrict("02647")?.Name); // Phường Lào Cai took in Cốc Lếu, Kim Tân…
        Assert.Null(LaoCai.Commune("02644")); // an old commune's code is no current unit
        Assert.Null(LaoCai.FormerDistrict("99999"));
    }

    [Fact]
    public void Every_current_commune_maps_as_a_scan_of_the_official_mapping_does()
    {
        var country = Country.Vietnam;
        var mapped = 0;
        foreach (var commune in LaoCai.Communes)
        {
            var scanned = country.Predecessors(commune.Code)
                .Select(old => country.Find(UnitGeneration.ThreeTier, old)?.ParentCode)
                .Select(parent => country.Find(UnitGeneration.ThreeTier, parent))
                .FirstOrDefault(d => d is { Level: UnitLevel.District });
            Assert.Equal(scanned?.Code, LaoCai.FormerDistrict(commune.Code)?.Code);
            Assert.Same(commune, LaoCai.Commune(commune.Code));
            if (scanned is not null) mapped++;
        }
        Assert.True(mapped > 90, $"only {mapped} of {LaoCai.Communes.Count} current communes have a former district"); // Lào Cai's 99 all do
    }
}
