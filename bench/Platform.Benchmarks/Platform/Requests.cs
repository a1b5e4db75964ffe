using Platform.BuildingBlocks.Domain;
using Platform.Registry.Enterprises;

namespace Platform.Benchmarks.Platform;

/// <summary>Valid request bodies for the services' real endpoints (the records in their feature slices).</summary>
public static class Requests
{
    private static int _taxCounter;

    /// <summary>A fresh, valid tax code: prefix 57 (fictitious), a counter, and the check digit the Registry verifies
    /// (<see cref="TaxCode.CheckDigit"/>); counters whose check digit would be 10 are skipped, as no such code is issued.</summary>
    public static string NextTaxCode()
    {
        while (true)
        {
            var nine = $"57{Interlocked.Increment(ref _taxCounter):D7}";
            if (TaxCode.CheckDigit(nine) is { } check) return nine + check;
        }
    }

    private static readonly (string District, string Commune, double Lat, double Lon)[] Places =
    [
        ("Thành phố Lào Cai", "Phường Cốc Lếu", 22.485, 103.970), ("Thị xã Sa Pa", "Phường Sa Pa", 22.336, 103.843),
        ("Huyện Bát Xát", "Thị trấn Bát Xát", 22.538, 103.888), ("Huyện Bắc Hà", "Thị trấn Bắc Hà", 22.540, 104.290),
        ("Huyện Bảo Thắng", "Thị trấn Phố Lu", 22.318, 104.193), ("Huyện Văn Bàn", "Thị trấn Khánh Yên", 22.085, 104.250),
    ];

    public static object Enterprise(int n)
    {
        var place = Places[n % Places.Length];
        return new
        {
            taxCode = NextTaxCode(),
            legalName = $"Công ty Viễn thông Thử tải số {n} (hư cấu)",
            shortName = $"Thử tải {n}",
            sectors = new[] { "telecom" },
            kinds = new[] { "network-operator" }, // files the monthly telecom report, so an obligation opens at once
            headOffice = new { street = $"Số {n} đường Hoàng Liên", commune = place.Commune, district = place.District },
            representative = new { name = $"Nguyễn Văn Tải {n}", title = "Giám đốc" },
            contact = new { phone = "0214 3800 000", email = $"taiso{n}@example.invalid" },
        };
    }

    public static object Site(Guid ownerId, int n)
    {
        var place = Places[n % Places.Length];
        return new
        {
            name = $"Trạm BTS thử tải {n}",
            kind = "greenfield-tower",
            ownerId,
            district = place.District,
            commune = place.Commune,
            latitude = place.Lat + n % 100 * 0.0001,
            longitude = place.Lon + n % 100 * 0.0001,
            address = $"Thôn thử tải {n}",
            heightMetres = 42m,
            tenantCapacity = 20,
            zone = "in-plan",
        };
    }

    public static object Sharing(Guid siteId, Guid requesterId) => new { siteId, requesterId, purpose = "Lắp đặt thiết bị BTS dùng chung (thử tải)" };

    /// <summary>Held today (Vietnam time): attendance is recorded on or after the meeting's date.</summary>
    public static object Meeting(Guid[] invited, int n) => new
    {
        kind = "dialogue",
        title = $"Đối thoại doanh nghiệp viễn thông thử tải {n}",
        date = DepartmentClock.Today(TimeProvider.System).ToString("yyyy-MM-dd"),
        place = "Sở Thông tin và Truyền thông Lào Cai",
        chair = "Giám đốc Sở",
        agenda = new[] { "Dùng chung hạ tầng", "Báo cáo định kỳ" },
        invitedEnterpriseIds = invited,
    };

    public static object Holding(Guid[] invited) => new { attendance = invited.Select(id => new { inviteeId = id, presence = "present" }).ToArray() };

    public static object Conclusion(int n) => new { text = $"Kết luận thử tải {n}: các doanh nghiệp phối hợp dùng chung cột ăng-ten." };

    public static object Report(int n) => new
    {
        values = new Dictionary<string, decimal>
        {
            ["mobile-subscribers"] = 100_000 + n, ["prepaid-subscribers"] = 80_000, ["prepaid-registered"] = 79_000,
            ["fixed-subscribers"] = 5_000, ["internet-subscribers"] = 20_000, ["operational-bts"] = 300, ["revenue-vnd"] = 12_000_000_000,
        },
        signerName = "Nguyễn Văn Ký",
        signerTitle = "Giám đốc",
    };

    public static object Return() => new { reason = "Thử tải: trả lại để sửa (benchmark)" };
}
