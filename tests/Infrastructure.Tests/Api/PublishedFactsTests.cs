using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>Facts outside systems act on, published as versioned contracts through RabbitMQ and served by the change
/// feed: refusals and declined offers (without the confidential explanation), undergrounding progress, planned civil
/// works and interest in them.</summary>
public class PublishedFactsTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private const string Requests = "/api/infrastructure/sharing-requests";
    private readonly HttpClient _client = host.CreateClient();

    private async Task<Guid> RequestAsync(Guid tower, Guid requester) =>
        (await (await _client.PostAsJsonAsync(Requests, new { siteId = tower, requesterId = requester, purpose = "Lắp anten 4G" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static Task<JsonElement> OneAsync(OutsideConsumer consumer, string idField, Guid id, string what) =>
        Eventually.Until(() => Task.FromResult(consumer.Received.Select(m => m.Body).FirstOrDefault(b => b.TryGetProperty(idField, out var v) && v.GetGuid() == id)),
            b => b.ValueKind == JsonValueKind.Object, what: what);

    [Fact]
    public async Task Refusals_declines_undergrounding_and_civil_works_reach_outside_systems_and_the_feed()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri,
            IntegrationEventNames.ExchangeFor<SharingRefusedV1>(), IntegrationEventNames.ExchangeFor<SharingOfferDeclinedV1>(),
            IntegrationEventNames.ExchangeFor<SiteCablesUndergroundedV1>(), IntegrationEventNames.ExchangeFor<CivilWorksPlannedV1>(),
            IntegrationEventNames.ExchangeFor<CivilWorksInterestRegisteredV1>());
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var (mobifone, vinaphone) = (await host.KnownEnterpriseAsync("MobiFone"), await host.KnownEnterpriseAsync("Vinaphone"));
        var tower = await host.OperationalTowerAsync(_client, owner);
        var today = Platform.BuildingBlocks.Domain.DepartmentClock.Today(TimeProvider.System);

        var refused = await RequestAsync(tower, mobifone);
        await (await _client.PostAsJsonAsync($"{Requests}/{refused}/refusal", new { reason = "no-capacity", explanation = "Cột chỉ chịu tải 2 anten ở độ cao 30 m" })).ExpectAsync(HttpStatusCode.OK);
        var declined = await RequestAsync(tower, vinaphone);
        await (await _client.PostAsJsonAsync($"{Requests}/{declined}/offer", new { monthlyFeeVnd = 5_000_000, termMonths = 60, technicalConditions = "Độ cao 30 m" })).ExpectAsync(HttpStatusCode.OK);
        await (await _client.PostAsJsonAsync($"{Requests}/{declined}/declining", new { reason = "Phí cao" })).ExpectAsync(HttpStatusCode.OK);
        var route = await host.RegisterSiteAsync(_client, InfrastructureHost.Tower(owner, name: "Tuyến cáp treo Hoàng Liên", kind: "aerial-cable-route", height: null, undergroundingYear: today.Year));
        await (await _client.PostAsJsonAsync($"/api/infrastructure/sites/{route}/undergrounding", new { on = today })).ExpectAsync(HttpStatusCode.OK);
        var works = (await (await _client.PostAsJsonAsync("/api/infrastructure/civil-works", new
        {
            ownerId = owner, routeOrArea = "Đào rãnh dọc đường Hoàng Liên", district = "Thành phố Lào Cai", kind = "trenching",
            plannedStart = today.AddMonths(2), durationDays = 30,
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await _client.PostAsJsonAsync($"/api/infrastructure/civil-works/{works}/interest", new { enterpriseId = mobifone, note = "Kéo cáp quang chung" })).ExpectAsync(HttpStatusCode.OK);

        var refusal = await OneAsync(consumer, "requestId", refused, "refusal published");
        Assert.Equal(("no-capacity", today.ToString("yyyy-MM-dd")), (refusal.GetProperty("reason").GetString(), refusal.GetProperty("refusedOn").GetString()));
        Assert.DoesNotContain("Cột chỉ chịu tải", refusal.GetRawText()); // the explanation stays confidential
        var decline = await OneAsync(consumer, "requestId", declined, "decline published");
        Assert.Equal((3L, today.ToString("yyyy-MM-dd")), (decline.GetProperty("streamVersion").GetInt64(), decline.GetProperty("declinedOn").GetString()));
        Assert.False(decline.TryGetProperty("reason", out _));
        var undergrounded = await OneAsync(consumer, "siteId", route, "undergrounding published");
        Assert.Equal(today.ToString("yyyy-MM-dd"), undergrounded.GetProperty("doneOn").GetString());
        var messages = await Eventually.Until(() => Task.FromResult(consumer.Received.Select(m => m.Body)
                .Where(b => b.TryGetProperty("worksId", out var w) && w.GetGuid() == works).ToList()), m => m.Count == 2, what: "works and interest published");
        Assert.Equal((owner, "trenching", 30), (messages[0].GetProperty("ownerId").GetGuid(), messages[0].GetProperty("kind").GetString(), messages[0].GetProperty("durationDays").GetInt32()));
        Assert.Equal((mobifone, 2L), (messages[1].GetProperty("enterpriseId").GetGuid(), messages[1].GetProperty("streamVersion").GetInt64()));

        var feed = await Eventually.Until(async () => await (await _client.GetAsync("/api/infrastructure/feed?after=0&limit=1000")).Json(),
            f => f.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("type").GetString() == "civil-works-interest-registered.v1"), what: "the feed serves them");
        var types = feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "sharing-refused.v1", "sharing-offer-declined.v1", "site-cables-undergrounded.v1", "civil-works-planned.v1", "civil-works-interest-registered.v1" }, types);
    }
}
