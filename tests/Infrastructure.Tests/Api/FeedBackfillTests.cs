using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Feeds;
using Platform.Registry;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>A service that was not listening when the Registry published catches up from the
/// Registry's HTTP change feed: here the two run on different RabbitMQ vhosts, so only the feed connects them.</summary>
public class FeedBackfillTests(TestServers servers)
{
    [Fact]
    public async Task Enterprises_published_before_this_service_listened_arrive_through_the_change_feed()
    {
        await using var registry = new ServiceHost<RegistryApi>(servers, "registrydb");
        await registry.InitializeAsync();
        var reg = registry.CreateClient();
        var ids = new List<Guid>();
        foreach (var (name, taxCode) in new[] { ("Viettel", "5399900014"), ("MobiFone", "5399900021") })
        {
            var response = await reg.PostAsJsonAsync("/api/registry/enterprises", new
            {
                taxCode, legalName = $"Công ty {name}", shortName = name, sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
                headOffice = new { street = "Số 1", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
                representative = new { name = "Nguyễn Văn A", title = "Giám đốc" }, contact = new { phone = "0214 3800 100", email = "a@example.invalid" },
            });
            ids.Add((await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }
        await (await reg.PostAsJsonAsync($"/api/registry/enterprises/{ids[1]}/suspension", new { reason = "Tạm dừng" })).ExpectAsync(HttpStatusCode.OK);

        await using var infrastructure = new InfrastructureHost(servers)
        {
            // The feed is read over HTTP from the Registry's in-process server.
            ExtraServices = services => services.AddHttpClient(RegistryFeedBackfill.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => registry.Server.CreateHandler()),
        };
        infrastructure.ExtraSettings["services:registry:http:0"] = "http://localhost";
        infrastructure.ExtraSettings["Registry:FeedBackfill:Interval"] = "00:00:01";
        await infrastructure.InitializeAsync();
        var backfill = infrastructure.Services.GetRequiredService<RegistryFeedBackfill>();
        await Eventually.Until(() => backfill.CatchUpAsync(default), _ => true, what: "a catch-up round"); // surfaces any error

        var known = await Eventually.Until(async () =>
        {
            await using var s = infrastructure.Store.QuerySession();
            return await s.LoadManyAsync<KnownEnterprise>(ids[0], ids[1]);
        }, k => k.Count == 2 && k.Any(e => e.Status == "suspended"), TimeSpan.FromSeconds(30), "both enterprises from the feed");
        Assert.Equal(["MobiFone", "Viettel"], known.Select(k => k.ShortName).Order());
        Assert.Equal(("suspended", "Tạm dừng"), (known.Single(k => k.Id == ids[1]).Status, known.Single(k => k.Id == ids[1]).StatusReason));

        await using var session = infrastructure.Store.QuerySession();
        var cursor = await session.LoadAsync<FeedCursor>("registry");
        Assert.True(cursor!.Position >= 3, $"cursor at {cursor.Position}");
    }
}
