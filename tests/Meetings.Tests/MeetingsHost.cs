using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts.Registry;
using Platform.Meetings;
using Platform.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace Meetings.Tests;

/// <summary>The Meetings service on its own fresh database and vhost; the overdue job runs every second and
/// the clock can be moved forward.</summary>
public class MeetingsHost(TestServers servers) : ServiceHost<MeetingsApi>(servers, "meetingsdb")
{
    public AdjustableClock Clock { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Meetings:OverdueCheck:CheckInterval"] = "00:00:01",
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public Task<long> EventCountAsync() => Store.DomainEventCountAsync();

    /// <summary>Announces an enterprise the way the Registry does (its real contract, through RabbitMQ) and waits until this service knows it.</summary>
    public async Task<Guid> KnownEnterpriseAsync(string shortName = "Viettel")
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow,
            $"Công ty {shortName}", shortName, "5399900014", ["telecom"], ["network-operator"], "Thành phố Trà Vinh", "Phường 1", "Số 1"));
        await Eventually.Until(async () =>
        {
            await using var session = Store.QuerySession();
            return await session.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: $"{shortName} known");
        return id;
    }

    public static string Today => Platform.BuildingBlocks.Domain.DepartmentClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    public static object Briefing(Guid[] enterprises, string? date = null, string kind = "quarterly-briefing") => new
    {
        kind, title = "Giao ban quý III", date = date ?? Today, place = "Hội trường Sở", chair = "Phó Giám đốc Sở",
        agenda = new[] { "Kết quả 8 tháng" }, invitedEnterpriseIds = enterprises,
        invitedOfficials = new[] { new { name = "Nguyễn Văn Demo", title = "Trưởng phòng", organisation = "Sở TT&TT" } },
    };

    public static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A meeting scheduled for today and held, every invitee present.</summary>
    public async Task<Guid> HeldMeetingAsync(HttpClient client, params Guid[] enterprises)
    {
        var id = await IdOf(await client.PostAsJsonAsync("/api/meetings/meetings", Briefing(enterprises)));
        var attendance = enterprises.Select(e => new { inviteeId = e, presence = "present" }).ToArray();
        (await client.PostAsJsonAsync($"/api/meetings/meetings/{id}/holding", new { attendance })).EnsureSuccessStatusCode();
        return id;
    }

    public static async Task<Guid> ItemIdOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("itemId").GetGuid();
    }
}
