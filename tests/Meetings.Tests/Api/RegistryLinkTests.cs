using System.Net;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts.Registry;
using Platform.Registry;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

public class RegistryLinkTests(TestServers servers, MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private readonly HttpClient _client = host.CreateClient();

    /// <summary>The Registry and this service on one RabbitMQ vhost: ceasing an enterprise in the Registry removes it
    /// from a pending agreement and from a meeting still to come, with the reason kept.</summary>
    [Fact]
    public async Task Ceasing_an_enterprise_in_the_registry_removes_it_from_a_pending_agreement_and_future_invitations()
    {
        await using var meetings = new MeetingsHost(servers);
        await meetings.InitializeAsync();
        await using var registry = new ServiceHost<RegistryApi>(servers, "registrydb") { SharedMessaging = meetings.MessagingUri };
        await registry.InitializeAsync();
        var (reg, api) = (registry.CreateClient(), meetings.CreateClient());

        async Task<Guid> RegisterAsync(string shortName, string taxCode) => (await (await reg.PostAsJsonAsync("/api/registry/enterprises", new
        {
            taxCode, legalName = $"Công ty {shortName}", shortName, sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
            headOffice = new { street = "Số 1", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" }, // a unit of the configured province (Lào Cai)
            representative = new { name = "Nguyễn Văn A", title = "Giám đốc" }, contact = new { phone = "0294 3800 100", email = "a@example.invalid" },
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var viettel = await RegisterAsync("Viettel", "5399900014");
        var sfone = await RegisterAsync("S-Fone", "5399900021");
        await Eventually.Until(async () =>
        {
            await using var s = meetings.Store.QuerySession();
            return (await s.LoadManyAsync<KnownEnterprise>(viettel, sfone)).Count;
        }, n => n == 2, what: "both enterprises known in Meetings");

        var year = DateOnly.Parse(Today).Year;
        var agreement = await IdOf(await api.PostAsJsonAsync("/api/meetings/agreements", new
        {
            year, title = $"Chương trình phối hợp năm {year}", enterpriseIds = new[] { viettel, sfone },
            commitments = new[] { new { text = "Giao ban 6 tháng", category = "briefing", party = "both", cadence = "six-monthly" } },
        }));
        await (await api.PostAsJsonAsync($"/api/meetings/agreements/{agreement}/signatures", new { signedBy = "Giám đốc Sở", signedOn = Today })).ExpectAsync(HttpStatusCode.OK);
        await (await api.PostAsJsonAsync($"/api/meetings/agreements/{agreement}/signatures", new { enterpriseId = viettel, signedBy = "Giám đốc Viettel", signedOn = Today })).ExpectAsync(HttpStatusCode.OK);
        var upcoming = await IdOf(await api.PostAsJsonAsync("/api/meetings/meetings", Briefing([viettel, sfone], DateOnly.Parse(Today).AddDays(30).ToString("yyyy-MM-dd"))));

        await (await reg.PostAsJsonAsync($"/api/registry/enterprises/{sfone}/cessation", new { reason = "Sáp nhập vào công ty mẹ" })).ExpectAsync(HttpStatusCode.OK);

        var view = await Eventually.Until(async () => await (await api.GetAsync($"/api/meetings/agreements/{agreement}")).Json(),
            a => a.GetProperty("removedParties").GetArrayLength() == 1, what: "S-Fone removed from the agreement");
        var removed = view.GetProperty("removedParties")[0];
        Assert.Equal(sfone, removed.GetProperty("enterpriseId").GetGuid());
        Assert.Contains("Sáp nhập vào công ty mẹ", removed.GetProperty("reason").GetString());
        Assert.Equal("in-force", view.GetProperty("status").GetString()); // everyone left had signed
        var meeting = await Eventually.Until(async () => (await (await api.GetAsync($"/api/meetings/meetings/{upcoming}")).Json()).GetProperty("meeting"),
            m => m.GetProperty("withdrawn").GetArrayLength() == 1, what: "S-Fone withdrawn from the meeting");
        Assert.Equal([viettel], meeting.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Contains("Sáp nhập", meeting.GetProperty("withdrawn")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_redelivered_cessation_changes_nothing_more_and_the_feed_serves_meeting_events()
    {
        var sfone = await host.KnownEnterpriseAsync("S-Fone");
        var meeting = await IdOf(await _client.PostAsJsonAsync("/api/meetings/meetings", Briefing([sfone], DateOnly.Parse(Today).AddDays(5).ToString("yyyy-MM-dd"))));
        var ceased = new EnterpriseCeasedV1(Guid.NewGuid(), sfone, 2, DateTimeOffset.UtcNow, "Giải thể");
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(ceased);
        await bus.Publish(ceased);
        await Eventually.Until(async () => (await (await _client.GetAsync($"/api/meetings/meetings/{meeting}")).Json()).GetProperty("meeting").GetProperty("withdrawn").GetArrayLength(),
            n => n == 1, what: "withdrawn");
        await Task.Delay(1000);
        var detail = await _client.GetAsync($"/api/meetings/meetings/{meeting}");
        Assert.Equal("\"2\"", detail.Headers.ETag?.Tag);

        var feed = await Eventually.Until(async () => await (await _client.GetAsync("/api/meetings/feed?after=0&limit=1000")).Json(),
            f => f.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("data").TryGetProperty("meetingId", out var m) && m.GetGuid() == meeting),
            what: "meeting-scheduled in the feed");
        Assert.Contains(feed.GetProperty("items").EnumerateArray(), i => i.GetProperty("type").GetString() == "meeting-scheduled.v1");
        await (await _client.GetAsync("/api/meetings/feed?limit=0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
