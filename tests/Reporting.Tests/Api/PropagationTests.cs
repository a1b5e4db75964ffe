using Platform.BuildingBlocks.Commands;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>
/// How the Registry's events reach Reporting: obligations opened with the enterprise's copy (no scheduler
/// round), the queues the consumers read, and one enterprise's events applied in order while many
/// enterprises are applied at once.
/// </summary>
public class PropagationTests(TestServers servers)
{
    private static string ThisMonth(TimeProvider clock) => ReportingPeriod.Containing(PeriodType.Monthly, DepartmentClock.Today(clock)).Key;

    /// <summary>A host whose schedule runs once at start and then only after a day, so nothing but the event can open obligations.</summary>
    private static async Task<ReportingHost> HostWithoutScheduleRoundsAsync(TestServers servers)
    {
        var host = new ReportingHost(servers);
        host.ExtraSettings["Reporting:ScheduleInterval"] = "1.00:00:00";
        await host.InitializeAsync();
        return host;
    }

    [Fact]
    public async Task A_registered_enterprise_has_its_obligations_as_soon_as_Reporting_knows_it()
    {
        await using var host = await HostWithoutScheduleRoundsAsync(servers);
        var id = await host.OperatorAsync("Viettel", monthsAgo: 2);

        // Same transaction as the copy: no waiting here.
        await using var query = host.Store.QuerySession();
        var months = Enumerable.Range(0, 3).Select(back => ReportingPeriod.Containing(PeriodType.Monthly, DepartmentClock.Today(host.Clock).AddMonths(-back)).Key);
        var opened = await query.LoadManyAsync<Submission>(months.Select(m => ObligationScheduler.SubmissionIdFor(id, Templates.TelecomMonthly.Code, m)).ToArray());
        Assert.Equal(3, opened.Count);
        Assert.All(opened, s => Assert.Equal(id, s.EnterpriseId));
    }

    [Fact]
    public async Task Applying_the_same_changes_again_opens_nothing_twice_and_new_kinds_open_their_templates()
    {
        await using var host = await HostWithoutScheduleRoundsAsync(servers);
        var reactions = host.Services.GetServices<IKnownEnterpriseReaction>().ToList();
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow.AddMonths(-1);
        IIntegrationEvent[] changes =
        [
            new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, at, "Công ty Bưu chính", "BC", "5399900099", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 2"),
            new EnterpriseDetailsAmendedV1(Guid.NewGuid(), id, 2, at.AddDays(1), "Công ty Bưu chính", "BC", ["telecom", "postal"], ["network-operator", "postal-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 2"),
        ];

        // A change-feed page: both events in one command, committed once.
        var page = await CommandRunner.RunAsync(() => host.Store.IdentitySession(), async streams =>
        {
            var decision = Decision.Nothing;
            foreach (var change in changes) decision = Assert.NotNull(await KnownEnterpriseChanges.ApplyAsync(streams, change, decision, default, reactions));
            return decision;
        }, default);
        Assert.True(page.IsDone);
        var first = await SubmissionIdsAsync(host, id);
        Assert.Contains(ObligationScheduler.SubmissionIdFor(id, Templates.TelecomMonthly.Code, ThisMonth(host.Clock)), first);
        Assert.Contains(ObligationScheduler.SubmissionIdFor(id, Templates.PostalQuarterly.Code,
            ReportingPeriod.Containing(PeriodType.Quarterly, DepartmentClock.Today(host.Clock)).Key), first);

        // Redelivered, one at a time: the copy is newer already, nothing is staged, nothing opened again.
        foreach (var change in changes)
        {
            var again = await CommandRunner.RunAsync(host.Store.LightweightSession, async streams =>
            {
                Assert.Null(await KnownEnterpriseChanges.ApplyAsync(streams, change, Decision.Nothing, default, reactions));
                return Decision.Nothing;
            }, default);
            Assert.Equal(0, again.Appended);
        }
        Assert.Equal(first, await SubmissionIdsAsync(host, id));
        await using var events = host.Store.QuerySession();
        Assert.Equal(first.Count, await events.Events.QueryRawEventDataOnly<ObligationOpened>().Where(o => o.EnterpriseId == id).CountAsync());
    }

    [Fact]
    public async Task Consumers_read_durable_quorum_queues()
    {
        await using var host = new ReportingHost(servers);
        await host.InitializeAsync();
        var vhost = host.MessagingUri.AbsolutePath.TrimStart('/');
        foreach (var queue in new[] { "reporting-known-enterprise", "reporting-operator-site", "reporting-cooperation-agreement" })
        {
            var json = JsonDocument.Parse(await servers.GetQueueJsonAsync(host.MessagingUri, queue)).RootElement;
            Assert.Equal(("quorum", true), (json.GetProperty("type").GetString(), json.GetProperty("durable").GetBoolean()));
            Assert.Equal(vhost, json.GetProperty("vhost").GetString());
        }
    }

    /// <summary>
    /// Many enterprises' events at once, each enterprise's in its stream order: registered, suspended, amended,
    /// reinstated, ceased. Consumers take 16 messages at a time; one enterprise's must still apply one after
    /// another (each reads and rewrites the copy), or a later change is overwritten by an earlier one.
    /// </summary>
    [Fact]
    public async Task One_enterprises_events_apply_in_order_while_many_enterprises_apply_at_once()
    {
        await using var host = await HostWithoutScheduleRoundsAsync(servers);
        var bus = host.Services.GetRequiredService<IBus>();
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        var at = DateTimeOffset.UtcNow;
        IIntegrationEvent[] Stream(Guid id) =>
        [
            new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, at, "Công ty A", "A", "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"),
            new EnterpriseSuspendedV1(Guid.NewGuid(), id, 2, at, "Tạm dừng"),
            new EnterpriseDetailsAmendedV1(Guid.NewGuid(), id, 3, at, "Công ty A mới", "A mới", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"),
            new EnterpriseReinstatedV1(Guid.NewGuid(), id, 4, at),
            new EnterpriseCeasedV1(Guid.NewGuid(), id, 5, at, "Giải thể"),
        ];
        // As the forwarder publishes: a stream's events one after another, the streams side by side.
        await Task.WhenAll(ids.Select(async id =>
        {
            foreach (var message in Stream(id))
                await bus.Publish(message, message.GetType(), ctx => ctx.Headers.Set(PlatformMessageHeaders.StreamId, id.ToString()));
        }));

        IReadOnlyList<KnownEnterprise> copies = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            await using var query = host.Store.QuerySession();
            copies = await query.LoadManyAsync<KnownEnterprise>(ids.ToArray());
            if (copies.Count == ids.Count && copies.All(k => k.StatusVersion == 5 && k.DetailsVersion == 3)) break;
        }
        Assert.True(copies.Count == ids.Count && copies.All(k => k.StatusVersion == 5 && k.DetailsVersion == 3),
            $"{copies.Count} of {ids.Count} known; (status version, details version): " +
            string.Join(", ", copies.GroupBy(k => (k.StatusVersion, k.DetailsVersion)).Select(g => $"{g.Key}×{g.Count()}")));
        Assert.All(copies, k => Assert.Equal(("ceased", "A mới"), (k.Status, k.ShortName)));
        // Nothing was parked: the error queue is created with the first fault, so it should not even exist.
        var error = await Record.ExceptionAsync(() => servers.GetQueueJsonAsync(host.MessagingUri, "reporting-known-enterprise_error"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, Assert.IsType<HttpRequestException>(error).StatusCode);
    }

    /// <summary>
    /// A suspension that arrives before its registration (the broker returns a crashed consumer's unacknowledged
    /// messages, and they may come back behind later ones; the fault scenario saw it) leaves its stream's
    /// partition while it waits for a retry, so the registration behind it is applied meanwhile, and then the
    /// suspension is: nothing is parked, nothing lost.
    /// </summary>
    [Fact]
    public async Task A_change_that_arrives_before_its_registration_lets_the_registration_overtake_it()
    {
        await using var host = await HostWithoutScheduleRoundsAsync(servers);
        var bus = host.Services.GetRequiredService<IBus>();
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        await bus.Publish(new EnterpriseSuspendedV1(Guid.NewGuid(), id, 2, at, "Tạm dừng"), ctx => ctx.Headers.Set(PlatformMessageHeaders.StreamId, id.ToString()));
        await bus.Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, at, "Công ty B", "B", "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"),
            ctx => ctx.Headers.Set(PlatformMessageHeaders.StreamId, id.ToString()));

        var known = await Eventually.Until(async () =>
        {
            await using var query = host.Store.QuerySession();
            return await query.LoadAsync<KnownEnterprise>(id);
        }, k => k is { StatusVersion: 2 }, TimeSpan.FromSeconds(30), "the registration, then the suspension, applied");
        Assert.Equal(("suspended", 1L, 2L), (known!.Status, known.DetailsVersion, known.StatusVersion));
        var error = await Record.ExceptionAsync(() => servers.GetQueueJsonAsync(host.MessagingUri, "reporting-known-enterprise_error"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, Assert.IsType<HttpRequestException>(error).StatusCode); // nothing parked
    }

    /// <summary>
    /// The schedule no longer loads every enterprise each round: it scans once per department day (new periods
    /// start with a new day), so a copy that appeared without its event (stored directly here, as a copy saved
    /// by an earlier version would be) gets its obligations from the next day's scan, not from the next round.
    /// </summary>
    [Fact]
    public async Task The_schedule_scans_every_enterprise_once_a_day()
    {
        await using var host = new ReportingHost(servers); // a round every second
        await host.InitializeAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // today's scan has run (on an empty store)
        var id = Guid.NewGuid();
        var since = DateTimeOffset.UtcNow.AddMonths(-1);
        await using (var session = host.Store.LightweightSession())
        {
            session.Store(new KnownEnterprise(id, "5399900014", "Công ty X", "X", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu",
                KnownEnterprise.Active, null, 1, 1, since, since));
            await session.SaveChangesAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more rounds of the same day
        Assert.Empty(await SubmissionIdsAsync(host, id));

        host.Clock.Shift = TimeSpan.FromDays(1);
        await Eventually.Until(() => SubmissionIdsAsync(host, id), ids => ids.Count >= 2, TimeSpan.FromSeconds(30), "obligations opened by the next day's scan");
    }

    private static async Task<List<Guid>> SubmissionIdsAsync(ReportingHost host, Guid enterpriseId)
    {
        await using var query = host.Store.QuerySession();
        return (await query.Query<Submission>().Where(s => s.EnterpriseId == enterpriseId).Select(s => s.Id).ToListAsync()).Order().ToList();
    }
}
