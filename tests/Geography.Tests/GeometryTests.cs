using Platform.Geography;
using Xunit;

namespace Geography.Tests;

public class GeometryTests
{
    private static readonly ProvinceGeography LaoCai = new(Country.Vietnam, ProvinceGeography.LaoCai);

    // Well-known places and the commune (since 1 July 2025) they lie in.
    [Theory]
    [InlineData(22.3356, 103.8434, "03006", "Phường Sa Pa")]        // Sa Pa stone church
    [InlineData(22.4856, 103.9707, "02647", "Phường Lào Cai")]      // Lào Cai city centre (Cốc Lếu)
    [InlineData(21.7229, 104.9113, "04252", "Phường Yên Bái")]      // Yên Bái city centre, old Yên Bái province
    public void A_point_lies_in_its_commune(double latitude, double longitude, string code, string name)
    {
        var commune = LaoCai.CommuneAt(latitude, longitude);
        Assert.NotNull(commune);
        Assert.Equal((code, name), (commune.Code, commune.Name));
        Assert.True(LaoCai.Contains(UnitGeneration.TwoTier, code, latitude, longitude));
    }

    [Fact]
    public void A_point_elsewhere_is_in_none_of_the_provinces_communes()
    {
        Assert.Null(LaoCai.CommuneAt(21.0288, 105.8525)); // Hoàn Kiếm lake, Hà Nội
        Assert.False(LaoCai.Contains(UnitGeneration.TwoTier, "03006", 22.4856, 103.9707)); // Lào Cai city is not in Sa Pa
        var hanoi = new ProvinceGeography(Country.Vietnam, "01");
        Assert.Equal("Phường Hoàn Kiếm", hanoi.CommuneAt(21.0288, 105.8525)?.Name);
    }

    [Fact]
    public void An_old_commune_contains_the_points_of_the_current_communes_it_went_into()
    {
        // Old Phường Cốc Lếu (02644) is part of new Phường Lào Cai.
        Assert.True(LaoCai.Contains(UnitGeneration.ThreeTier, "02644", 22.4856, 103.9707));
        Assert.False(LaoCai.Contains(UnitGeneration.ThreeTier, "02644", 22.3356, 103.8434));
    }

    [Fact]
    public void Vincenty_gives_the_published_distances()
    {
        // Vincenty (1975)'s own test line: Flinders Peak to Buninyong, 54 972.271 m.
        var flinders = new Position(144 + 25 / 60.0 + 29.52440 / 3600, -(37 + 57 / 60.0 + 3.72030 / 3600));
        var buninyong = new Position(143 + 55 / 60.0 + 35.38390 / 3600, -(37 + 39 / 60.0 + 10.15610 / 3600));
        Assert.Equal(54_972.271, Geodesy.DistanceMetres(flinders, buninyong), 3);
        // One degree of latitude from the equator along a meridian: 110 574.389 m on WGS84.
        Assert.Equal(110_574.389, Geodesy.DistanceMetres(new Position(105, 0), new Position(105, 1)), 2);
        Assert.Equal(0, Geodesy.DistanceMetres(new Position(105, 21), new Position(105, 21)));
    }

    [Fact]
    public void A_lines_length_is_the_sum_of_its_segments_in_km()
    {
        Position[] line = [new(105, 0), new(105, 1), new(105, 2)];
        Assert.Equal(Geodesy.DistanceMetres(line[0], line[1]) / 1000 + Geodesy.DistanceMetres(line[1], line[2]) / 1000, Geodesy.LengthKm(line), 9);
        Assert.Equal(221.149, Geodesy.LengthKm(line), 2);
    }
}
