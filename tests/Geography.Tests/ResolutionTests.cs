using Platform.Geography;
using Xunit;

namespace Geography.Tests;

public class ResolutionTests
{
    private static readonly ProvinceGeography LaoCai = new(Country.Vietnam, ProvinceGeography.LaoCai);

    [Fact]
    public void An_old_commune_is_found_in_its_district_with_or_without_diacritics()
    {
        var match = LaoCai.ResolveCommune("a mu sung", "huyen bat xat");
        Assert.Equal(("02686", UnitGeneration.ThreeTier, "Xã A Mú Sung"), (match.Unit!.Code, match.Unit.Generation, match.Unit.Name));
        // The seed documents' communes the old hand-made list lacked.
        Assert.Equal("Xã Cốc Ly", LaoCai.ResolveCommune("Cốc Ly", "Huyện Bắc Hà").Unit?.Name);
        Assert.Equal("Xã Mường Hum", LaoCai.ResolveCommune("Xã Mường Hum", "Bát Xát").Unit?.Name);
        // Sa Pa and Sa Pả fold alike: the exact spelling tells them apart.
        Assert.Equal(("03001", "03002"), (LaoCai.ResolveCommune("Phường Sa Pa", "Thị xã Sa Pa").Unit?.Code, LaoCai.ResolveCommune("Phường Sa Pả", "Thị xã Sa Pa").Unit?.Code));
    }

    [Fact]
    public void Without_a_district_the_current_commune_is_found_by_name_or_code()
    {
        Assert.Equal(("03006", UnitGeneration.TwoTier), (LaoCai.ResolveCommune("phuong sa pa", null).Unit!.Code, LaoCai.ResolveCommune("sa pa", null).Unit!.Generation));
        Assert.Equal("Phường Lào Cai", LaoCai.ResolveCommune("02647", null).Unit?.Name); // a current code, not old 02647 Kim Tân
        Assert.Equal("Phường Kim Tân", LaoCai.ResolveCommune("02647", "Thành phố Lào Cai").Unit?.Name);
    }

    [Fact]
    public void An_unknown_commune_names_the_field_and_suggests_close_names()
    {
        var match = LaoCai.ResolveCommune("Xa Sa Pha", null);
        Assert.Null(match.Unit);
        Assert.Equal("commune", match.Field);
        Assert.Contains("Phường Sa Pa (03006)", match.Suggestions);
        var district = LaoCai.ResolveCommune("A Mú Sung", "Huyện Hà Nội");
        Assert.Equal("district", district.Field);
        var wrongDistrict = LaoCai.ResolveCommune("Tả Van", "Huyện Bát Xát");
        Assert.Equal("commune", wrongDistrict.Field);
        Assert.Contains("is not a commune of Huyện Bát Xát", wrongDistrict.Error);
    }

    [Fact]
    public void An_old_record_counts_for_the_current_commune_it_went_into()
    {
        Assert.Equal("Phường Lào Cai", LaoCai.CurrentCommune(UnitGeneration.ThreeTier, "02644")?.Name);
        Assert.Equal("Phường Sa Pa", LaoCai.CurrentCommune(UnitGeneration.TwoTier, "03006")?.Name);
        Assert.Null(LaoCai.CurrentCommune(UnitGeneration.TwoTier, "00070")); // Hà Nội's
    }

    [Fact]
    public void Any_unit_of_the_province_resolves_for_figures_entered_per_unit()
    {
        Assert.Equal((UnitLevel.District, UnitGeneration.ThreeTier), Level(LaoCai.ResolveAny("Huyện Văn Bàn", null)));
        Assert.Equal((UnitLevel.Province, UnitGeneration.TwoTier), Level(LaoCai.ResolveAny("15", null)));
        Assert.Equal((UnitLevel.Province, UnitGeneration.ThreeTier), Level(LaoCai.ResolveAny("15", UnitGeneration.ThreeTier))); // old Yên Bái
        Assert.Equal("unit", LaoCai.ResolveAny("Quận Ba Đình", null).Field);
        Assert.Equal(("03006", UnitGeneration.TwoTier), (LaoCai.ResolveAny("phuong sa pa", null).Unit!.Code, LaoCai.ResolveAny("sa pa", null).Unit!.Generation)); // current first
        Assert.Contains("names 2 units", LaoCai.ResolveAny("phuong sa pa", UnitGeneration.ThreeTier).Error); // old Sa Pa and Sa Pả fold alike
        static (UnitLevel, UnitGeneration) Level(UnitMatch m) => (m.Unit!.Level, m.Unit.Generation);
    }

    [Fact]
    public void Each_refusal_has_a_stable_code_the_unit_looked_in_and_the_message_with_the_suggestions()
    {
        var commune = LaoCai.ResolveCommune("Coc Leuu", "Thành phố Lào Cai");
        Assert.Equal((UnitProblems.UnknownCommune, "Thành phố Lào Cai", "commune"), (commune.Code, commune.Within, commune.Field));
        Assert.Equal("is not a commune of Thành phố Lào Cai; did you mean: Phường Cốc Lếu (02644)?", commune.Message);

        var district = LaoCai.ResolveCommune("Cốc Lếu", "Huyện Không Có", "headOffice.commune", "headOffice.district");
        Assert.Equal((UnitProblems.UnknownDistrict, "Tỉnh Lào Cai", "headOffice.district"), (district.Code, district.Within, district.Field));
        Assert.Equal(UnitProblems.CommuneRequired, LaoCai.ResolveCommune(" ", null).Code);
        Assert.Equal(UnitProblems.UnknownCommune, LaoCai.ResolveCommune("Phường Không Có", null).Code);
        Assert.Equal(UnitProblems.UnknownUnit, LaoCai.ResolveAny("Không Có", null).Code);
        Assert.Null(LaoCai.ResolveCommune("phuong coc leu", "thanh pho lao cai").Message); // found: no message, no code
    }
}
