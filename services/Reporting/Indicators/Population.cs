namespace Platform.Reporting.Indicators;

/// <summary>Population per district and year (seed data, about 650,000 inhabitants in all; editable through the API).</summary>
public sealed record PopulationFigure(string Id, int Year, string District, long Inhabitants)
{
    public static string IdFor(int year, string district) => $"{year}|{district}";
}

public static class PopulationSeed
{
    public static readonly IReadOnlyDictionary<string, long> ByDistrict = new Dictionary<string, long>
    {
        ["Thành phố Lào Cai"] = 128_000, ["Thị xã Sa Pa"] = 62_000, ["Huyện Bát Xát"] = 82_000, ["Huyện Mường Khương"] = 64_000,
        ["Huyện Bắc Hà"] = 66_000, ["Huyện Si Ma Cai"] = 38_000, ["Huyện Bảo Thắng"] = 110_000, ["Huyện Bảo Yên"] = 58_000,
    };

    public static long Total => ByDistrict.Values.Sum();
}
