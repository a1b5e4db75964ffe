using Platform.BuildingBlocks.EventStore;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.Geography;
using Platform.Registry.Enterprises;
using Platform.Registry.Licences;

namespace Platform.Registry.Demo;

/// <summary>
/// Demo register: the six mobile operators at the 2007 Lào Cai dialogue, a postal operator and three
/// public Internet agents. Tax codes are fictitious (prefix 53999, valid check digit); addresses and
/// people are made up. Loading twice changes nothing: tax codes already registered are skipped.
/// Run with: dotnet run --project services/Registry -- seed-demo
/// </summary>
public static partial class DemoData
{
    private static readonly (string TaxCode, string Legal, string Short, string[] Sectors, string[] Kinds, string District, string Commune)[] Enterprises =
    [
        ("5399900014", "Viễn thông Lào Cai – chi nhánh Vinaphone (hư cấu)", "Vinaphone", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu"),
        ("5399900021", "Công ty Dịch vụ MobiFone khu vực Lào Cai (hư cấu)", "MobiFone", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Kim Tân"),
        ("5399900039", "Viettel Lào Cai – chi nhánh Viettel Mobile (hư cấu)", "Viettel Mobile", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Bắc Cường"),
        ("5399900046", "Chi nhánh EVN Telecom Lào Cai (hư cấu)", "EVN Telecom", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Duyên Hải"),
        ("5399900053", "Chi nhánh HT Mobile Lào Cai (hư cấu)", "HT Mobile", ["telecom"], ["network-operator"], "Huyện Bảo Thắng", "Thị trấn Phố Lu"),
        ("5399900060", "Chi nhánh S-Fone Lào Cai (hư cấu)", "S-Fone", ["telecom"], ["network-operator", "telecom-service-provider"], "Huyện Bảo Yên", "Thị trấn Phố Ràng"),
        ("5399900078", "Bưu điện tỉnh Lào Cai (hư cấu)", "Bưu điện Lào Cai", ["postal"], ["postal-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu"),
        ("5399900085", "Đại lý Internet Sa Pa Xanh (hư cấu)", "Internet Sa Pa Xanh", ["telecom"], ["public-internet-agent"], "Thị xã Sa Pa", "Phường Sa Pa"),
        ("5399900092", "Đại lý Internet Bắc Hà (hư cấu)", "Internet Bắc Hà", ["telecom"], ["public-internet-agent"], "Huyện Bắc Hà", "Thị trấn Bắc Hà"),
        ("5399900102", "Điểm truy nhập Internet công cộng Mường Khương (hư cấu)", "Internet Mường Khương", ["telecom", "it"], ["public-internet-agent"], "Huyện Mường Khương", "Thị trấn Mường Khương"),
    ];

    public static async Task<int> LoadAsync(IDocumentStore store, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        var today = DepartmentClock.Today(clock);
        var geography = new ProvinceGeography(Country.Vietnam, ProvinceGeography.LaoCai); // the demo's addresses are Lào Cai's
        var loaded = 0;
        foreach (var (i, e) in Enterprises.Index())
        {
            await using var session = SystemActor.Stamp(store.LightweightSession(), "job:seed-demo");
            if (await session.LoadAsync<TaxCodeClaim>(e.TaxCode, ct) is not null) continue;

            var id = Guid.CreateVersion7();
            var request = new RegisterEnterpriseRequest(e.TaxCode, e.Legal, e.Short, e.Sectors, e.Kinds,
                new AddressInput($"Số {10 + i} đường Hoàng Liên (hư cấu)", e.Commune, e.District),
                new RepresentativeInput($"Nguyễn Văn Demo {i + 1}", "Giám đốc"),
                new ContactInput($"0214 3800 {100 + i}", $"lienhe{i + 1}@example.invalid"));
            var registered = RegisterEnterprise.Decide(RegisterEnterprise.Parse(request, geography).Command, id, clock.GetUtcNow());
            var state = Enterprise.When(null, registered.Events[0])!;
            var licence = LicenceCommands.Grant(state, LicenceCommands.Parse(new GrantLicenceRequest(
                $"{100 + i}/GP-DEMO", e.Kinds[0] == "postal-operator" ? "postal" : e.Kinds[0] == "public-internet-agent" ? "public-internet-agent" : "telecom-network",
                e.Kinds[0] == "public-internet-agent" ? "department" : "ministry",
                today.AddYears(-4), today.AddDays(30 * (i + 1)))).Command, Guid.CreateVersion7());

            session.Events.StartStream<Enterprise>(id, [.. registered.Events, .. licence.Events]);
            session.Insert(new TaxCodeClaim(e.TaxCode, id));
            await session.SaveChangesAsync(ct);
            loaded++;
        }
        LogLoaded(logger, loaded, Enterprises.Length - loaded);
        return loaded;
    }

    [LoggerMessage(LogLevel.Information, "Demo data: registered {Loaded} enterprises, {Skipped} already present")]
    private static partial void LogLoaded(ILogger logger, int loaded, int skipped);
}
