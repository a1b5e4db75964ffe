using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Meetings.Demo;
using Platform.Testing;
using Xunit;

namespace Meetings.Tests.Api;

public class DemoDataTests(MeetingsHost host) : IClassFixture<MeetingsHost>
{
    [Fact]
    public async Task Demo_data_loads_the_tra_vinh_briefing_and_hai_duong_programme_once()
    {
        await host.KnownEnterpriseAsync("Viettel");
        await host.KnownEnterpriseAsync("VNPT");
        await DemoData.LoadAsync(host.Store, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var events = await host.EventCountAsync();
        await DemoData.LoadAsync(host.Store, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        Assert.Equal(events, await host.EventCountAsync());

        var client = host.CreateClient();
        var briefing = (await (await client.GetAsync($"/api/meetings/meetings/{DemoData.BriefingId}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("meeting");
        Assert.Equal("minutes-published", briefing.GetProperty("status").GetString());
        Assert.Equal(3, briefing.GetProperty("difficulties").GetArrayLength());
        var register = (await (await client.GetAsync("/api/meetings/escalations")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(["ministry", "peoples-committee"], register.EnumerateArray().Select(e => e.GetProperty("to").GetString()).Order());
        var agreement = await (await client.GetAsync($"/api/meetings/agreements/{DemoData.AgreementId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("expired", 2010), (agreement.GetProperty("status").GetString(), agreement.GetProperty("year").GetInt32()));
        var overdue = await (await client.GetAsync("/api/meetings/action-items?status=overdue")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, overdue.GetProperty("total").GetInt32()); // 2009 conclusions still open today
        (await client.GetAsync($"/api/meetings/meetings/{DemoData.BriefingId}/minutes")).EnsureSuccessStatusCode();
    }
}
