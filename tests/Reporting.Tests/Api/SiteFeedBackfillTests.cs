using System.Net;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Feeds;
using Platform.Contracts.Registry;
using Platform.Infrastructure;
using Platform.Reporting.CrossChecks;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>Sites the Infrastructure service registered before Reporting listened reach Reporting through
/// the Infrastructure change feed: the two run on different RabbitMQ vhosts, so only the feed connects them.</summary>
public class SiteFeedBackfillTests(TestServers servers)
{
    [Fact]
    public async Task Towers_registered_before_Reporting_listened_arrive_through_the_Infrastructure_feed()
    {
        await using var infrastructure = new ServiceHost<InfrastructureApi>(servers, "infrastructuredb");
        await infrastructure.InitializeAsync();
        var owner = Guid.NewGuid();
        await infrastructure.Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), owner, 1, DateTimeOffset.UtcNow,
            "Công ty Viettel", "Viettel", "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"));
        await Eventually.Until(async () =>
        {
            await using var s = infrastructure.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await s.LoadAsync<KnownEnterprise>(owner);
        }, k => k is not null, what: "owner known to Infrastructure");
        var client = infrastructure.CreateClient();
        var created = await (await client.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = "Trạm BTS Cốc Lếu", kind = "greenfield-tower", ownerId = owner, district = "Thành phố Lào Cai", commune = "Phường Cốc Lếu",
            latitude = 22.4856, longitude = 103.9707, address = "Thôn 1", heightMetres = 40m, tenantCapacity = 2, zone = "in-plan",
        })).ExpectAsync(HttpStatusCode.Created);
        var site = created.GetProperty("id").GetGuid();
        foreach (var step in new[] { "permit-request", "permit-approval", "operation" })
            await (await client.PostAsJsonAsync($"/api/infrastructure/sites/{site}/{step}", new { on = "2024-01-10" })).ExpectAsync(HttpStatusCode.OK);

        await using var reporting = new ReportingHost(servers);
        reporting.ReadsFeedOf(InfrastructureFeedBackfill.Source, infrastructure);
        await reporting.InitializeAsync();
        var backfill = reporting.Services.GetRequiredService<InfrastructureFeedBackfill>();
        await Eventually.Until(() => backfill.CatchUpAsync(default), _ => true, what: "a catch-up round"); // surfaces any error

        var copy = await Eventually.Until(async () =>
        {
            await using var s = reporting.Store.QuerySession();
            return await s.LoadAsync<OperatorSite>(site);
        }, s => s is not null && s.Transitions.Count == 4, TimeSpan.FromSeconds(30), "the tower and its three status changes from the feed");
        Assert.Equal((owner, true, false), (copy!.OwnerId, copy.OperationalOn(new DateOnly(2024, 1, 10)), copy.OperationalOn(new DateOnly(2024, 1, 9))));

        await using var session = reporting.Store.QuerySession();
        Assert.True((await session.LoadAsync<FeedCursor>("infrastructure"))!.Position >= 4);
        Assert.Equal(0, await backfill.CatchUpAsync(default)); // caught up: a second round applies nothing
    }
}
