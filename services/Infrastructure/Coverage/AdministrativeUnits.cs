using Platform.BuildingBlocks.Domain;

namespace Platform.Infrastructure.Coverage;

/// <summary>
/// Reference list of the province's districts and communes (seed data: a sample of Lào Cai's
/// district-level units and some of their communes/wards, before the 2025 reorganisation). Site
/// locations are matched to it, with or without diacritics, and stored with its spelling, so
/// coverage per commune adds up.
/// </summary>
public static class AdministrativeUnits
{
    public static readonly IReadOnlyDictionary<string, string[]> Districts = new Dictionary<string, string[]>
    {
        ["Thành phố Lào Cai"] = ["Phường Cốc Lếu", "Phường Kim Tân", "Phường Duyên Hải", "Phường Bắc Cường", "Phường Nam Cường", "Phường Pom Hán", "Xã Cam Đường", "Xã Hợp Thành"],
        ["Thị xã Sa Pa"] = ["Phường Sa Pa", "Phường Cầu Mây", "Xã Tả Van", "Xã Bản Hồ", "Xã Tả Phìn", "Xã Ngũ Chỉ Sơn"],
        ["Huyện Bát Xát"] = ["Thị trấn Bát Xát", "Xã A Mú Sung", "Xã Y Tý", "Xã Dền Sáng", "Xã Bản Xèo"],
        ["Huyện Mường Khương"] = ["Thị trấn Mường Khương", "Xã Pha Long", "Xã Tả Ngải Chồ", "Xã Bản Lầu"],
        ["Huyện Bắc Hà"] = ["Thị trấn Bắc Hà", "Xã Lùng Phình", "Xã Bản Phố", "Xã Tả Van Chư"],
        ["Huyện Si Ma Cai"] = ["Thị trấn Si Ma Cai", "Xã Sán Chải", "Xã Nàn Sín"],
        ["Huyện Bảo Thắng"] = ["Thị trấn Phố Lu", "Thị trấn Tằng Loỏng", "Xã Xuân Quang", "Xã Phong Niên"],
        ["Huyện Bảo Yên"] = ["Thị trấn Phố Ràng", "Xã Nghĩa Đô", "Xã Xuân Hòa", "Xã Tân Dương"],
        ["Huyện Văn Bàn"] = ["Thị trấn Khánh Yên", "Xã Nậm Chày", "Xã Dần Thàng", "Xã Minh Lương"],
    };

    /// <summary>The reference spelling of a district, or null when the province has none by that name.</summary>
    public static string? District(string? input)
    {
        var key = VietnameseText.Fold(input);
        return Districts.Keys.FirstOrDefault(d => VietnameseText.Fold(d) == key);
    }

    /// <summary>The reference spelling of a commune of that district, or null.</summary>
    public static string? Commune(string district, string? input)
    {
        var key = VietnameseText.Fold(input);
        return Districts.TryGetValue(district, out var communes) ? communes.FirstOrDefault(c => VietnameseText.Fold(c) == key) : null;
    }
}
