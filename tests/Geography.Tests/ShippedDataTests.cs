using Platform.Geography;
using Xunit;

namespace Geography.Tests;

/// <summary>The shipped data set against its sources' own totals and a sample of the official mapping.</summary>
public class ShippedDataTests
{
    private static readonly Country Vietnam = Country.Vietnam;

    [Fact]
    public void Counts_match_the_sources_totals_per_province()
    {
        using var totals = Country.SourceTotals();
        var current = totals.RootElement.GetProperty("new");
        var provinces = Vietnam.Provinces(UnitGeneration.TwoTier).ToList();
        Assert.Equal(current.GetProperty("provinces").GetInt32(), provinces.Count);
        Assert.Equal(34, provinces.Count);
        Assert.Equal(current.GetProperty("communes").GetInt32(), provinces.Sum(p => Vietnam.CommunesOf(p).Count()));
        foreach (var expected in current.GetProperty("communesPerProvince").EnumerateObject())
        {
            var province = Vietnam.Find(UnitGeneration.TwoTier, expected.Name);
            Assert.NotNull(province);
            Assert.Equal((expected.Name, expected.Value.GetInt32()), (expected.Name, Vietnam.CommunesOf(province).Count()));
        }
        var old = totals.RootElement.GetProperty("old");
        var oldProvinces = Vietnam.Provinces(UnitGeneration.ThreeTier).ToList();
        Assert.Equal(old.GetProperty("provinces").GetInt32(), oldProvinces.Count);
        Assert.Equal(old.GetProperty("communes").GetInt32(), oldProvinces.Sum(p => Vietnam.CommunesOf(p).Count()));
    }

    [Fact]
    public void Every_old_commune_is_mapped_and_every_current_commune_has_a_boundary()
    {
        var oldCommunes = Vietnam.Provinces(UnitGeneration.ThreeTier).SelectMany(Vietnam.CommunesOf).ToList();
        Assert.Equal([], oldCommunes.Where(c => Vietnam.Successors(c.Code).Count == 0).Select(c => c.ToString()));
        var current = Vietnam.Provinces(UnitGeneration.TwoTier).SelectMany(Vietnam.CommunesOf).ToList();
        Assert.Equal([], current.Where(c => !Vietnam.Boundaries.ContainsKey(c.Code)).Select(c => c.ToString()));
        Assert.All(Vietnam.Units, u => Assert.Equal(u.Name.Normalize(System.Text.NormalizationForm.FormC), u.Name));
    }

    // A sample of dvhcvn/20250701 mapping/merges.json, typed from the source: new Phường Lào Cai (02647) took the
    // whole of six old communes; new Phường Sa Pa (03006) six whole;
    // new Phường Ba Đình (Hà Nội, 00004) two whole and parts of eight others.
    public static TheoryData<string, string[]> Merges => new()
    {
        { "02647", ["02635", "02641", "02644", "02647", "02665", "02911"] },
        { "03006", ["03001", "03002", "03003", "03006", "03016", "03028"] },
        { "00004", ["00004", "00013", "00016", "00019", "00022", "00028", "00040", "00055", "00073", "00112"] },
    };

    [Theory, MemberData(nameof(Merges))]
    public void The_mapping_round_trips_for_a_sample_from_the_source(string newCode, string[] oldCodes)
    {
        Assert.Equal(oldCodes.Order(), Vietnam.Predecessors(newCode).Order());
        foreach (var old in oldCodes)
            Assert.Contains(Vietnam.Successors(old), s => s.Code == newCode);
        Assert.Equal(newCode == "00004" ? ["00004", "00013"] : oldCodes,
            oldCodes.Where(o => Vietnam.Successors(o).Single(s => s.Code == newCode).Whole)); // whole vs partial as the source says
    }

    [Fact]
    public void A_split_old_commune_lists_each_part_and_whether_it_went_whole()
    {
        // Old Phường Cống Vị (Ba Đình, Hà Nội) was split between Ngọc Hà (00008) and Giảng Võ (00025).
        var parts = Vietnam.Successors("00007");
        Assert.Equal(["00008", "00025"], parts.Select(p => p.Code).Order());
        Assert.All(parts, p => Assert.False(p.Whole));
        Assert.Equal([new Successor("00097", true)], Vietnam.Successors("00001")); // Phúc Xá → Hồng Hà, whole
    }

    [Fact]
    public void Lao_Cai_since_2025_covers_old_Lao_Cai_and_Yen_Bai()
    {
        var laoCai = new ProvinceGeography(Vietnam, ProvinceGeography.LaoCai);
        Assert.Equal("Tỉnh Lào Cai", laoCai.Province.Name);
        Assert.Equal(["10", "15"], laoCai.OldProvinces.Select(p => p.Code));
        Assert.Equal(["Tỉnh Lào Cai", "Tỉnh Yên Bái"], laoCai.OldProvinces.Select(p => p.Name));
        Assert.Equal(99, laoCai.Communes.Count);
        Assert.Equal(9 + 9, laoCai.OldDistricts.Count);
        Assert.Equal(Vietnam.CommunesOf(laoCai.OldProvinces[0]).Count() + Vietnam.CommunesOf(laoCai.OldProvinces[1]).Count(), laoCai.OldCommunes.Count);
    }

    [Fact]
    public void An_old_province_code_is_refused_naming_the_current_province()
    {
        var refused = Assert.Throws<ArgumentException>(() => new ProvinceGeography(Vietnam, "10"));
        Assert.Contains("Tỉnh Lào Cai (15)", refused.Message);
        Assert.Throws<ArgumentException>(() => new ProvinceGeography(Vietnam, "99"));
        Assert.Equal("Tỉnh Trà Vinh", Vietnam.Find(UnitGeneration.ThreeTier, "84")!.Name);
        Assert.Equal(["86"], Vietnam.ProvinceSuccessors("84")); // Trà Vinh went into Vĩnh Long
    }
}
