using System.Net;
using System.Net.Http.Json;
using Marten;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Contracts.Registry;
using Platform.Registry;
using Platform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Infrastructure.Tests.Api;

public class LinkAndFeedTests(TestServers servers, InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private readonly HttpClient _client = host.CreateClient();

    /// <summary>The Registry and this service on one RabbitMQ vhost: an enterprise suspended in the
    /// Registry can no longer request sharing here, and its sites are flagged for the Department.</summary>
    [Fact]
    public async Task An_enterprise_suspended_in_the_registry_is_refused_new_requests_here()
    {
        await using var infrastructure = new InfrastructureHost(servers);
        await infrastructure.InitializeAsync();
        await using var registry = new ServiceHost<RegistryApi>(servers, "registrydb") { SharedMessaging = infrastructure.MessagingUri };
        await registry.InitializeAsync();
        var (reg, infra) = (registry.CreateClient(), infrastructure.CreateClient());

        async Task<Guid> RegisterAsync(string shortName, string taxCode)
        {
            var response = await reg.PostAsJsonAsync("/api/registry/enterprises", new
            {
                taxCode, legalName = $"Công ty {shortName}", shortName, sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
                headOffice = new { street = "Số 1", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
                representative = new { name = "Nguyễn Văn A", title = "Giám đốc" }, contact = new { phone = "0214 3800 100", email = "a@example.invalid" },
            });
            return (await response.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }
        var owner = await RegisterAsync("Viettel", "5399900014");
        var requester = await RegisterAsync("MobiFone", "5399900021");
        await Eventually.Until(async () =>
        {
            await using var s = infrastructure.Store.QuerySession();
            return (await s.LoadManyAsync<KnownEnterprise>(owner, requester)).Count;
        }, n => n == 2, what: "both enterprises known in Infrastructure");

        var tower = await infrastructure.OperationalTowerAsync(infra, owner);
        await (await reg.PostAsJsonAsync($"/api/registry/enterprises/{requester}/suspension", new { reason = "Vi phạm quy định báo cáo" })).ExpectAsync(HttpStatusCode.OK);
        await Eventually.Until(async () =>
        {
            await using var s = infrastructure.Store.QuerySession();
            return (await s.LoadAsync<KnownEnterprise>(requester))!.Status;
        }, status => status == "suspended", what: "suspension reaches Infrastructure");

        var before = await infrastructure.EventCountAsync();
        var refused = await (await infra.PostAsJsonAsync("/api/infrastructure/sharing-requests", new { siteId = tower, requesterId = requester, purpose = "Lắp anten" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("enterprise-not-active", refused.GetProperty("code").GetString());
        Assert.Contains("Vi phạm quy định báo cáo", refused.GetProperty("detail").GetString());
        Assert.Equal(before, await infrastructure.EventCountAsync());

        await (await reg.PostAsJsonAsync($"/api/registry/enterprises/{owner}/cessation", new { reason = "Giải thể" })).ExpectAsync(HttpStatusCode.OK);
        var flags = await Eventually.Until(async () => await (await infra.GetAsync("/api/infrastructure/flags")).Json(),
            f => f.EnumerateArray().Any(x => x.GetProperty("id").GetGuid() == tower), what: "ceased owner's site flagged");
        Assert.Equal("ceased", flags.EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == tower).GetProperty("enterpriseStatus").GetString());
    }

    [Fact]
    public async Task Known_enterprises_ignore_redelivered_and_overtaken_events()
    {
        var id = await host.KnownEnterpriseAsync("Redelivered");
        var bus = host.Services.GetRequiredService<IBus>();
        var ceased = new EnterpriseCeasedV1(Guid.NewGuid(), id, 3, DateTimeOffset.UtcNow, "Giải thể");
        await bus.Publish(ceased);
        await bus.Publish(ceased); // redelivered
        await bus.Publish(new EnterpriseSuspendedV1(Guid.NewGuid(), id, 2, DateTimeOffset.UtcNow, "overtaken")); // older, arrives late
        await bus.Publish(new EnterpriseDetailsAmendedV1(Guid.NewGuid(), id, 4, DateTimeOffset.UtcNow, "Công ty Mới", "Mới", ["telecom"], ["network-operator"], "Huyện Bắc Hà", "Thị trấn Bắc Hà", "Số 9"));
        var known = await Eventually.Until(async () =>
        {
            await using var s = host.Store.QuerySession();
            return (await s.LoadAsync<KnownEnterprise>(id))!;
        }, k => k.ShortName == "Mới", what: "amendment applied");
        await Task.Delay(300);
        await using var session = host.Store.QuerySession();
        known = (await session.LoadAsync<KnownEnterprise>(id))!;
        Assert.Equal(("ceased", "Giải thể", 3L, 4L), (known.Status, known.StatusReason, known.StatusVersion, known.DetailsVersion));
    }

    [Fact]
    public async Task Outside_systems_receive_site_events_and_the_feed_serves_them()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri,
            IntegrationEventNames.ExchangeFor<SiteRegisteredV1>(), IntegrationEventNames.ExchangeFor<SiteStatusChangedV1>());
        var owner = await host.KnownEnterpriseAsync("Vinaphone");
        var tower = await host.OperationalTowerAsync(_client, owner);
        var messages = await Eventually.Until(() => Task.FromResult(consumer.Received.Where(m => m.Body.GetProperty("siteId").GetGuid() == tower).ToList()),
            m => m.Count == 4, what: "registered + 3 status changes");
        Assert.Equal(owner, messages[0].Body.GetProperty("ownerId").GetGuid());
        Assert.Equal("greenfield-tower", messages[0].Body.GetProperty("kind").GetString());
        Assert.False(messages[0].Body.TryGetProperty("latitude", out _)); // coordinates stay confidential
        Assert.Equal(["permit-requested", "approved", "operational"], messages.Skip(1).Select(m => m.Body.GetProperty("status").GetString()));

        var feed = await Eventually.Until(async () => await (await _client.GetAsync("/api/infrastructure/feed?after=0&limit=1000")).Json(),
            f => f.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("data").TryGetProperty("siteId", out var s) && s.GetGuid() == tower) == 4,
            what: "site events in the feed");
        Assert.Contains(feed.GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == "site-registered.v1");
    }

    [Fact]
    public async Task Planned_civil_works_are_published_and_others_can_join()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var other = await host.KnownEnterpriseAsync("MobiFone");
        var start = Platform.BuildingBlocks.Domain.DepartmentClock.Today(TimeProvider.System).AddMonths(2);
        var created = await (await _client.PostAsJsonAsync("/api/infrastructure/civil-works", new
        {
            ownerId = owner, routeOrArea = "Đào rãnh dọc đường Hoàng Liên", district = "Thành phố Lào Cai", kind = "trenching",
            plannedStart = start, durationDays = 30, permitDate = start.AddDays(-10),
        })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var far = await (await _client.PostAsJsonAsync("/api/infrastructure/civil-works", new
        {
            ownerId = owner, routeOrArea = "Tuyến xa", district = "Thành phố Lào Cai", kind = "duct-laying", plannedStart = start.AddMonths(8), durationDays = 10,
        })).ExpectAsync(HttpStatusCode.Created);

        await (await _client.PostAsJsonAsync($"/api/infrastructure/civil-works/{id}/interest", new { enterpriseId = other, note = "Muốn kéo cáp quang chung" })).ExpectAsync(HttpStatusCode.OK);
        var again = await (await _client.PostAsJsonAsync($"/api/infrastructure/civil-works/{id}/interest", new { enterpriseId = other })).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-interested", again.GetProperty("code").GetString());
        var own = await (await _client.PostAsJsonAsync($"/api/infrastructure/civil-works/{id}/interest", new { enterpriseId = owner })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("own-works", own.GetProperty("code").GetString());

        var published = (await (await _client.GetAsync("/api/infrastructure/civil-works?pageSize=200")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        var works = published.EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == id);
        Assert.Equal(["MobiFone"], works.GetProperty("interested").EnumerateArray().Select(i => i.GetString()));
        Assert.DoesNotContain(published.EnumerateArray(), w => w.GetProperty("id").GetGuid() == far.GetProperty("id").GetGuid()); // beyond six months

        var invalid = await (await _client.PostAsJsonAsync("/api/infrastructure/civil-works", new { ownerId = owner, plannedStart = "2000-01-01", kind = "x" })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["district", "durationDays", "kind", "plannedStart", "routeOrArea"], invalid.FieldErrors());
    }
    [Fact]
    public async Task Planned_civil_works_are_read_a_page_at_a_time_soonest_first()
    {
        var owner = await host.KnownEnterpriseAsync("Viettel");
        var today = Platform.BuildingBlocks.Domain.DepartmentClock.Today(TimeProvider.System);
        foreach (var days in new[] { 50, 20, 35, 20 })
            await (await _client.PostAsJsonAsync("/api/infrastructure/civil-works", new
            {
                ownerId = owner, routeOrArea = $"Tuyến {days} ngày", district = "Thành phố Lào Cai", kind = "trenching", plannedStart = today.AddDays(days), durationDays = 5,
            })).ExpectAsync(HttpStatusCode.Created);

        var all = await PagedLists.AllPagesAsync(_client, "/api/infrastructure/civil-works", pageSize: 2);
        Assert.True(all.Count >= 4);
        var starts = all.Select(w => DateOnly.Parse(w.GetProperty("plannedStart").GetString()!)).ToList();
        Assert.Equal(starts.Order(), starts);
        foreach (var (query, field) in new[] { ("pageSize=201", "pageSize"), ("pageSize=0", "pageSize"), ("page=0", "page") })
            Assert.Equal([field], (await (await _client.GetAsync($"/api/infrastructure/civil-works?{query}")).ExpectProblemAsync(HttpStatusCode.BadRequest)).FieldErrors());
    }
}
