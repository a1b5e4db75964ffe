using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Infrastructure.Demo;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>Every event of the Infrastructure store says who or what appended it and on which correlation: people
/// through the API (a representative for its enterprise), the demo seed. (No consumer or job of this service appends events.)</summary>
public class EventAuditTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    [Fact]
    public async Task Every_event_records_its_actor_role_enterprise_and_correlation()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        await host.KnownEnterpriseAsync("VNPT");
        // The seed loads only into a register without sites: first.
        Assert.True(await DemoData.LoadAsync(host.Store, TimeProvider.System, NullLogger.Instance, default) > 0);
        var representative = host.CreateClientAs("enterprise-representative", owner);
        await (await representative.PostAsJsonAsync("/api/infrastructure/sites", InfrastructureHost.Tower(owner))).ExpectAsync(HttpStatusCode.Created);
        await (await host.CreateClient().PostAsJsonAsync("/api/infrastructure/sites", InfrastructureHost.Tower(owner, name: "Trạm BTS Kim Tân"))).ExpectAsync(HttpStatusCode.Created);

        var trails = await host.Store.TrailsAsync();
        Assert.DoesNotContain(trails, t => !t.Complete);
        Assert.Contains(trails, t => t.Actor == "test-enterprise-representative" && t.Role == "enterprise-representative" && t.ActingFor == owner.ToString());
        Assert.Contains(trails, t => t.Actor == "test-manager" && t.ActingFor == "department");
        Assert.Contains(trails, t => t.Actor == "job:seed-demo" && t.Role == "system");
    }
}
