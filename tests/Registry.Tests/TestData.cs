using Platform.Geography;
using Platform.Registry.Enterprises;

namespace Registry.Tests;

public static class TestData
{
    private static int _serial = Random.Shared.Next(100_000, 8_000_000);

    /// <summary>A tax code with a valid check digit that no other test in this run uses.</summary>
    public static string NewTaxCode()
    {
        while (true)
        {
            var first9 = $"53{Interlocked.Increment(ref _serial):D7}";
            if (TaxCode.CheckDigit(first9) is { } check) return first9 + check;
        }
    }

    public static Dictionary<string, object?> Enterprise(string? taxCode = null, string legalName = "Tổng công ty Viễn thông MobiFone – chi nhánh Lào Cai",
        string shortName = "MobiFone", string[]? sectors = null, string[]? kinds = null, string? district = "Thành phố Lào Cai", string? commune = null) => new()
        {
            ["taxCode"] = taxCode ?? NewTaxCode(),
            ["legalName"] = legalName,
            ["shortName"] = shortName,
            ["sectors"] = sectors ?? ["telecom"],
            ["kinds"] = kinds ?? ["network-operator"],
            ["headOffice"] = new { street = "Số 1 đường Hoàng Liên", commune = commune ?? CommuneIn(district), district },
            ["representative"] = new { name = "Nguyễn Văn An", title = "Giám đốc" },
            ["contact"] = new { phone = "0214 3800 100", email = "lienhe@example.invalid" },
        };

    /// <summary>A commune of the district before 1 July 2025 (head offices are checked against the official list).</summary>
    private static string CommuneIn(string? district) => district switch
    {
        "Huyện Bát Xát" => "Thị trấn Bát Xát",
        "Thị xã Sa Pa" => "Phường Sa Pa",
        _ => "Phường Cốc Lếu",
    };

    /// <summary>The geography every service runs with by default: Lào Cai.</summary>
    public static readonly ProvinceGeography Geography = new(Country.Vietnam, ProvinceGeography.LaoCai);

    public static RegisterEnterpriseRequest Request(string? taxCode = null) => new(
        taxCode ?? NewTaxCode(), "Công ty Bưu chính Lào Cai", "Bưu chính LC", ["postal"], ["postal-operator"],
        new AddressInput("Số 2 Hoàng Liên", "Phường Kim Tân", "Thành phố Lào Cai"),
        new RepresentativeInput("Trần Thị Bình", "Giám đốc"), new ContactInput("0214 3800 200", "buuchinh@example.invalid"));

    /// <summary>The registration <see cref="Request"/> parses into, built from domain values.</summary>
    public static NewEnterprise Registration(string? taxCode = null) => new(taxCode ?? NewTaxCode(), Details());

    public static EnterpriseDetails Details(string shortName = "Bưu chính LC", Sector[]? sectors = null) => new(
        "Công ty Bưu chính Lào Cai", shortName, sectors ?? [Sector.Postal], [EnterpriseKind.PostalOperator],
        new Address("Số 2 Hoàng Liên", "Phường Kim Tân", "Thành phố Lào Cai", "02647", UnitGeneration.ThreeTier),
        new Representative("Trần Thị Bình", "Giám đốc"), new Contact("0214 3800 200", "buuchinh@example.invalid"));
}
