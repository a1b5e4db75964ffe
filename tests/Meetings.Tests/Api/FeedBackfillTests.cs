using System.Net;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Feeds;
using Platform.Contracts.Registry;
using Platform.Infrastructure;
using Platform.Meetings.ComplianceLink;
using Platform.Reporting;
using Platform.Reporting.Submissions;
using Platform.Testing;
using Xunit;

namespace Meetings.Tests.Api;

/// <summary>Meetings' copies of Reporting's reports and Infrastructure's sharing requests when RabbitMQ never brought the
/// events (each service here on its own vhost, as for a service that started after the events were published): the feed
/// backfills read the other service's real change feed and bring the copies up to date.</summary>
public class FeedBackfillTests(TestServers servers)
{
    private static EnterpriseRegisteredV1 Registered(Guid id, string name, int monthsAgo = 0) => new(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow.AddMonths(-monthsAgo),
        $"Công ty {name}", name, "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1");

    private static async Task KnownAsync(IServiceProvider services, params Guid[] ids)
    {
        foreach (var id in ids)
            await Eventually.Until(async () =>
            {
                await using var s = services.GetRequiredService<IDocumentStore>().QuerySession();
                return await s.LoadAsync<KnownEnterprise>(id);
            }, k => k is not null, what: "enterprise known");
    }

    /// <summary>Meetings reading <paramref name="source"/>'s feed from the given host, on its own vhost.</summary>
    private MeetingsHost MeetingsReading<T>(string source, ServiceHost<T> other) where T : class
    {
        var meetings = new MeetingsHost(servers);
        meetings.ReadsFeedOf(source, other);
        return meetings;
    }

    [Fact]
    public async Task Reports_owed_before_Meetings_listened_arrive_through_the_Reporting_feed()
    {
        await using var reporting = new ServiceHost<ReportingApi>(servers, "reportingdb");
        await reporting.InitializeAsync();
        var op = Guid.NewGuid();
        await reporting.Services.GetRequiredService<IBus>().Publish(Registered(op, "Backfill Viettel", monthsAgo: 2));
        await KnownAsync(reporting.Services, op);
        var owed = await Eventually.Until(async () =>
        {
            await using var s = reporting.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await s.Query<Submission>().Where(x => x.EnterpriseId == op).ToListAsync();
        }, l => l.Count >= 2, TimeSpan.FromSeconds(30), "obligations opened by the registration");

        await using var meetings = MeetingsReading(ReportingFeedBackfill.Source, reporting);
        await meetings.InitializeAsync();
        var backfill = meetings.Services.GetRequiredService<ReportingFeedBackfill>();
        await Eventually.Until(() => backfill.CatchUpAsync(default), _ => true, what: "a catch-up round"); // surfaces any error

        var copies = await Eventually.Until(async () =>
        {
            await using var s = meetings.Store.QuerySession();
            return await s.LoadManyAsync<ReportDue>(owed.Select(o => o.Id).ToArray());
        }, c => c.Count == owed.Count && c.All(r => r.DueOn is not null), TimeSpan.FromSeconds(30), "every report owed copied from the feed");
        foreach (var o in owed)
        {
            var c = copies.Single(x => x.Id == o.Id);
            Assert.Equal((op, o.TemplateCode, o.Period, o.DueOn, (bool?)null), (c.EnterpriseId!.Value, c.Template, c.Period, c.DueOn!.Value, c.FirstSubmissionLate));
        }

        await using var session = meetings.Store.QuerySession();
        Assert.True((await session.LoadAsync<FeedCursor>(ReportingFeedBackfill.Source))!.Position > 0);
        Assert.Equal(0, await backfill.CatchUpAsync(default)); // caught up: a second round applies nothing
    }

    [Fact]
    public async Task Sharing_requests_answered_before_Meetings_listened_arrive_through_the_Infrastructure_feed()
    {
        await using var infrastructure = new ServiceHost<InfrastructureApi>(servers, "infrastructuredb");
        await infrastructure.InitializeAsync();
        var (owner, requester) = (Guid.NewGuid(), Guid.NewGuid());
        var bus = infrastructure.Services.GetRequiredService<IBus>();
        await bus.Publish(Registered(owner, "Backfill Chủ cột"));
        await bus.Publish(Registered(requester, "Backfill Thuê"));
        await KnownAsync(infrastructure.Services, owner, requester);
        var client = infrastructure.CreateClient();
        var site = (await (await client.PostAsJsonAsync("/api/infrastructure/sites", new
        {
            name = "Trạm BTS Backfill", kind = "greenfield-tower", ownerId = owner, district = "Thành phố Lào Cai", commune = "Phường Cốc Lếu",
            latitude = 22.4856, longitude = 103.9707, address = "Thôn 1", heightMetres = 40m, tenantCapacity = 2, zone = "in-plan",
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var step in new[] { "permit-request", "permit-approval", "operation" })
            await (await client.PostAsJsonAsync($"/api/infrastructure/sites/{site}/{step}", new { on = "2024-01-10" })).ExpectAsync(HttpStatusCode.OK);
        var request = (await (await client.PostAsJsonAsync("/api/infrastructure/sharing-requests", new { siteId = site, requesterId = requester, purpose = "Lắp anten 4G" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await client.PostAsJsonAsync($"/api/infrastructure/sharing-requests/{request}/offer", new { monthlyFeeVnd = 5_000_000, termMonths = 60, technicalConditions = "Độ cao 30 m" }))
            .ExpectAsync(HttpStatusCode.OK);
        var today = Platform.BuildingBlocks.Domain.DepartmentClock.Today(TimeProvider.System);

        await using var meetings = MeetingsReading(InfrastructureFeedBackfill.Source, infrastructure);
        await meetings.InitializeAsync();
        var backfill = meetings.Services.GetRequiredService<InfrastructureFeedBackfill>();
        await Eventually.Until(() => backfill.CatchUpAsync(default), _ => true, what: "a catch-up round");

        var copy = await Eventually.Until(async () =>
        {
            await using var s = meetings.Store.QuerySession();
            return await s.LoadAsync<SharingAnswerDue>(request);
        }, c => c is { SubmittedOn: not null, AnsweredOn: not null }, TimeSpan.FromSeconds(30), "the request and its offer copied from the feed");
        Assert.Equal((owner, today, today.AddDays(30), today), (copy!.OwnerId!.Value, copy.SubmittedOn!.Value, copy.AnswerDueOn!.Value, copy.AnsweredOn!.Value));
        Assert.True(copy.AsDueItem()!.DoneInTime);
        Assert.Equal(0, await backfill.CatchUpAsync(default));
    }
}
