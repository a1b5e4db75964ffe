using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Domain;
using Platform.Registry.Demo;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>Every event of the Registry's store says who or what appended it and on which correlation: people
/// through the API, the licence expiry job, the demo seed.</summary>
public class EventAuditTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Fact]
    public async Task Every_event_records_its_actor_role_and_correlation_including_the_jobs()
    {
        var client = host.CreateClient();
        var today = DepartmentClock.Today(TimeProvider.System);
        var id = await host.RegisterAsync(client);
        await (await client.PostAsJsonAsync($"/api/registry/enterprises/{id}/licences",
            new { number = "9/GP-BTTTT", type = "telecom-network", issuingAuthority = "ministry", issuedOn = today.AddYears(-3), expiresOn = today.AddDays(-1) }))
            .ExpectAsync(HttpStatusCode.Created);
        await Eventually.Until(async () => (await host.Store.TrailsAsync()).Any(t => t.Type == "licence_expired"), found => found, what: "the job expired the licence");
        await DemoData.LoadAsync(host.Store, TimeProvider.System, NullLogger.Instance, default);

        var trails = await host.Store.TrailsAsync();
        Assert.DoesNotContain(trails, t => !t.Complete);
        Assert.Equal(("test-manager", "department-manager"), trails.Where(t => t.Type == "enterprise_registered").Select(t => (t.Actor, t.Role)).First());
        Assert.Equal(("job:licence-expiry", "system"), trails.Where(t => t.Type == "licence_expired").Select(t => (t.Actor, t.Role)).Single());
        Assert.Equal(10, trails.Count(t => t.Actor == "job:seed-demo" && t.Type == "enterprise_registered"));
    }
}
