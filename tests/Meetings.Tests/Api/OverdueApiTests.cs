using Platform.Meetings.Actions;
using Platform.BuildingBlocks.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Contracts.Meetings;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

/// <summary>Moves its host's clock, so it has a host of its own.</summary>
public class OverdueApiTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task An_item_past_its_deadline_shows_overdue_first_at_once_and_is_published_overdue_once()
    {
        await using var outside = await OutsideConsumer.StartAsync(host.MessagingUri, IntegrationEventNames.ExchangeFor<ActionItemOverdueV1>());
        var viettel = await host.KnownEnterpriseAsync("Viettel");
        var late = await IdOf(await _client.PostAsJsonAsync("/api/meetings/action-items", new { title = "Báo cáo trạm BTS", assigneeKind = "enterprise", assigneeEnterpriseId = viettel, deadline = Today }));
        var later = await IdOf(await _client.PostAsJsonAsync("/api/meetings/action-items", new { title = "Việc còn hạn", assigneeKind = "enterprise", assigneeEnterpriseId = viettel, deadline = DateOnly.Parse(Today).AddDays(30) }));

        host.Clock.Shift = TimeSpan.FromDays(2);
        // Derived at query time: no job needs to have run.
        var tracker = (await (await _client.GetAsync("/api/meetings/action-items")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal([late, later], tracker.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(("overdue", 2), (tracker[0].GetProperty("status").GetString(), tracker[0].GetProperty("daysOverdue").GetInt32()));
        var overdueOnly = (await (await _client.GetAsync("/api/meetings/action-items?status=overdue")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Single(overdueOnly.EnumerateArray());
        // The operators' gauge counts what the tracker shows as overdue (a query of its own, same rule).
        var gauges = host.Services.GetRequiredService<BusinessGauges>();
        await gauges.CountAllAsync(default);
        Assert.Equal(1, gauges.Current(OverdueActionItemsGauge.Gauge.Name));

        var message = await Eventually.Until(() => Task.FromResult(outside.Received.ToList()), m => m.Count >= 1, what: "overdue published");
        Assert.Equal(late, message[0].Body.GetProperty("actionItemId").GetGuid());
        Assert.Equal(viettel, message[0].Body.GetProperty("assigneeEnterpriseId").GetGuid());
        await Task.Delay(2500); // a few more job rounds
        Assert.Single(outside.Received);

        await (await _client.PostAsJsonAsync($"/api/meetings/action-items/{late}/completion", new { evidence = "Đã gửi báo cáo" })).ExpectAsync(HttpStatusCode.OK);
        var stats = await (await _client.GetAsync("/api/meetings/action-items/statistics")).ExpectAsync(HttpStatusCode.OK);
        var row = stats.EnumerateArray().Single(r => r.GetProperty("key").GetString() == $"enterprise:{viettel}");
        Assert.Equal((1, 1), (row.GetProperty("completedLate").GetInt32(), row.GetProperty("inProgressWithinTerm").GetInt32()));
    }
}
