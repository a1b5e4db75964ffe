using Platform.Geography;
using Platform.Reporting.Indicators;
using Xunit;

namespace Reporting.Tests.Domain;

public class PopulationTests
{
    private static readonly ProvinceGeography LaoCai = new(Country.Vietnam, ProvinceGeography.LaoCai);

    private static PopulationFigure Figure(UnitGeneration generation, string code, long inhabitants)
    {
        var unit = LaoCai.ResolveAny(code, generation).Unit!;
        return new PopulationFigure(PopulationFigure.IdFor(2030, unit), 2030, unit.Level == UnitLevel.District ? unit.Name : "", inhabitants, generation, code, unit.Level);
    }

    [Fact]
    public void Without_figures_the_old_districts_demo_seed_is_the_population()
    {
        var year = PopulationFigures.Year(2030, [], LaoCai);
        Assert.Equal((PopulationSeed.Total, "districts-before-2025"), (year.Inhabitants, year.Basis));
    }

    [Fact]
    public void An_entered_district_replaces_its_seed_and_any_district_of_the_province_counts()
    {
        var vanBan = LaoCai.OldDistricts.Single(d => d.Name == "Huyện Văn Bàn"); // refused by the old hand-made list
        var batXat = LaoCai.OldDistricts.Single(d => d.Name == "Huyện Bát Xát");
        // A figure stored before codes (district name only) still counts.
        var legacy = new PopulationFigure(PopulationFigure.IdFor(2030, "Huyện Bát Xát"), 2030, "Huyện Bát Xát", 90_000);
        var year = PopulationFigures.Year(2030, [Figure(UnitGeneration.ThreeTier, vanBan.Code, 85_000), legacy], LaoCai);
        Assert.Equal(PopulationSeed.Total + 85_000 - 82_000 + 90_000, year.Inhabitants);
        Assert.Equal(90_000, PopulationFigures.ByDistrict(2030, [legacy], LaoCai)[batXat.Name]);
        Assert.Equal(new[] { vanBan.Code, batXat.Code }.Order(), year.Figures.Select(f => f.Code).Order());
    }

    [Fact]
    public void Every_current_commune_entered_gives_their_sum_and_the_provinces_own_figure_wins()
    {
        var communes = LaoCai.Communes.Select((c, i) => Figure(UnitGeneration.TwoTier, c.Code, 10_000 + i)).ToList();
        var all = PopulationFigures.Year(2030, communes, LaoCai);
        Assert.Equal((communes.Sum(c => c.Inhabitants), "current-communes"), (all.Inhabitants, all.Basis));
        var partial = PopulationFigures.Year(2030, communes.Skip(1), LaoCai);
        Assert.Equal("districts-before-2025", partial.Basis);
        var province = PopulationFigures.Year(2030, [.. communes, Figure(UnitGeneration.TwoTier, "15", 1_750_000)], LaoCai);
        Assert.Equal((1_750_000L, "province"), (province.Inhabitants, province.Basis));
    }
}
