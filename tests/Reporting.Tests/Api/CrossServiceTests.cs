using System.Net;
using System.Net.Http.Json;
using Platform.Registry;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

public class CrossServiceTests(TestServers servers)
{
    /// <summary>An enterprise registered in the Registry gets its obligation for the current period here at once.</summary>
    [Fact]
    public async Task Registering_an_enterprise_in_the_registry_opens_its_obligations_here()
    {
        await using var reporting = new ReportingHost(servers);
        await reporting.InitializeAsync();
        await using var registry = new ServiceHost<RegistryApi>(servers, "registrydb") { SharedMessaging = reporting.MessagingUri };
        await registry.InitializeAsync();

        var created = await (await registry.CreateClient().PostAsJsonAsync("/api/registry/enterprises", new
        {
            taxCode = "5399900014", legalName = "Công ty Viettel Lào Cai", shortName = "Viettel", sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
            headOffice = new { street = "Số 1", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
            representative = new { name = "Nguyễn Văn A", title = "Giám đốc" }, contact = new { phone = "0214 3800 100", email = "a@example.invalid" },
        })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var obligations = await Eventually.Until(async () =>
            (await (await reporting.CreateClient().GetAsync($"/api/reporting/obligations?enterpriseId={id}")).Json()).GetProperty("items"),
            o => o.GetArrayLength() >= 1, TimeSpan.FromSeconds(30), "obligation opened by the schedule");
        var first = obligations[0];
        Assert.Equal(("telecom-monthly", "due"), (first.GetProperty("template").GetString(), first.GetProperty("status").GetString()));
        Assert.Equal(DateTime.UtcNow.AddHours(7).ToString("yyyy-MM"), first.GetProperty("period").GetString());
        Assert.Equal("Viettel", first.GetProperty("enterpriseName").GetString());
    }
}
