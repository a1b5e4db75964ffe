using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Registry;
using Platform.Testing;
using Xunit;
using static Meetings.Tests.MeetingsHost;

namespace Meetings.Tests.Api;

/// <summary>Every event of the Meetings store says who or what appended it and on which correlation: people through
/// the API, the overdue job, the ceased-enterprise consumer. Moves its host's clock, so it has a host of its own.</summary>
public class EventAuditTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    [Fact]
    public async Task Every_event_records_its_actor_role_and_correlation_including_jobs_and_consumers()
    {
        var client = host.CreateClient();
        var sfone = await host.KnownEnterpriseAsync("S-Fone");
        await IdOf(await client.PostAsJsonAsync("/api/meetings/action-items", new { title = "Báo cáo trạm BTS", assigneeKind = "enterprise", assigneeEnterpriseId = sfone, deadline = Today }));
        await IdOf(await client.PostAsJsonAsync("/api/meetings/meetings", Briefing([sfone], DateOnly.Parse(Today).AddDays(10).ToString("yyyy-MM-dd"))));
        var correlation = Guid.NewGuid().ToString("N");
        await host.Services.GetRequiredService<IBus>().Publish(new EnterpriseCeasedV1(Guid.NewGuid(), sfone, 2, DateTimeOffset.UtcNow, "Giải thể"),
            c => c.Headers.Set("platform-correlation-id", correlation));
        host.Clock.Shift = TimeSpan.FromDays(2);

        var trails = await Eventually.Until(() => host.Store.TrailsAsync(),
            t => t.Any(x => x.Type == "action_item_became_overdue") && t.Any(x => x.Actor?.StartsWith("consumer:") == true), what: "job and consumer appended");
        Assert.DoesNotContain(trails, t => !t.Complete);
        var overdue = trails.Single(t => t.Type == "action_item_became_overdue");
        Assert.Equal(("job:overdue-action-items", "system", "department"), (overdue.Actor, overdue.Role, overdue.ActingFor));
        var withdrawn = trails.First(t => t.Actor?.StartsWith("consumer:") == true);
        Assert.Equal(("consumer:meetings-ceased-enterprise", "system"), (withdrawn.Actor, withdrawn.Role));
        Assert.Contains(trails, t => t.Actor == "test-manager" && t.Role == "department-manager");
    }
}
