using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Meetings;
using Platform.Meetings.Agreements;
using Platform.Reporting;
using Platform.Testing;
using RabbitMQ.Client;
using Xunit;

namespace Fault.Tests;

/// <summary>
/// What the broker can do to a consumer besides dying: deliver the same message twice, and deliver a
/// message the consumer cannot handle. Messages are published here with plain RabbitMQ.Client, the way
/// another system (or a redelivery after a lost acknowledgement) puts them on the contract's exchange.
/// </summary>
public class DeliveryTests(PrivateServers privateServers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_same_message_delivered_twice_is_applied_once()
    {
        await using var meetings = new ServiceHost<MeetingsApi>(privateServers.Servers, "meetingsdb");
        await meetings.InitializeAsync();
        var (viettel, sfone) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var (id, name) in new[] { (viettel, "Viettel"), (sfone, "S-Fone") })
            await PublishAsync(meetings.MessagingUri, Registered(id, name));
        await Eventually.Until(async () =>
        {
            await using var s = meetings.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await s.LoadManyAsync<KnownEnterprise>(viettel, sfone);
        }, k => k.Count == 2, what: "both enterprises known to Meetings");
        var drafted = await (await meetings.CreateClient().PostAsJsonAsync("/api/meetings/agreements", new
        {
            year = 2031, title = "Chương trình phối hợp năm 2031", enterpriseIds = new[] { viettel, sfone },
            commitments = new[] { new { text = "Báo cáo định kỳ", category = "reporting", party = "enterprises", cadence = "none" } },
        })).ExpectAsync(HttpStatusCode.Created);
        var agreement = drafted.GetProperty("id").GetGuid();

        // S-Fone ceases: the Registry's event, delivered twice with the same message id and event id.
        var ceased = new EnterpriseCeasedV1(Guid.NewGuid(), sfone, 2, DateTimeOffset.UtcNow, "Thu hồi giấy phép");
        var messageId = Guid.NewGuid();
        await PublishAsync(meetings.MessagingUri, ceased, messageId);
        await PublishAsync(meetings.MessagingUri, ceased, messageId);

        var store = meetings.Services.GetRequiredService<IDocumentStore>();
        await Eventually.Until(async () =>
        {
            await using var s = store.QuerySession();
            return await s.Events.FetchStreamAsync(agreement);
        }, events => events.Any(e => e.Data is AgreementPartyRemoved), what: "S-Fone removed from the agreement");
        await Eventually.Until(async () => await Queues.DepthAsync(meetings.MessagingUri, "meetings-ceased-enterprise"), depth => depth == 0, what: "both deliveries consumed");
        await using var session = store.QuerySession();
        var removed = (await session.Events.FetchStreamAsync(agreement)).Where(e => e.Data is AgreementPartyRemoved).ToList();
        Assert.Single(removed);
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_after_its_retries_and_the_queue_goes_on()
    {
        await using var reporting = new ServiceHost<ReportingApi>(privateServers.Servers, "reportingdb");
        await reporting.InitializeAsync();
        var unknown = Guid.NewGuid();
        var publishedAt = DateTimeOffset.UtcNow;
        // Two kinds of poison: a body that is not JSON, and a valid event the consumer refuses every time
        // (a suspension of an enterprise whose registration never comes).
        await PublishRawAsync(reporting.MessagingUri, IntegrationEventNames.ExchangeFor<EnterpriseRegisteredV1>(), "{ this is not json", typeof(EnterpriseRegisteredV1), Guid.NewGuid());
        await PublishAsync(reporting.MessagingUri, new EnterpriseSuspendedV1(Guid.NewGuid(), unknown, 2, DateTimeOffset.UtcNow, "Vi phạm"));
        var good = Guid.NewGuid();
        await PublishAsync(reporting.MessagingUri, Registered(good, "Gtel"));

        var store = reporting.Services.GetRequiredService<IDocumentStore>();
        await Eventually.Until(async () =>
        {
            await using var s = store.QuerySession();
            return await s.LoadAsync<KnownEnterprise>(good);
        }, k => k is not null, what: "the good message applied behind the poison");

        var errors = await Eventually.Until(() => Queues.PeekAsync(reporting.MessagingUri, "reporting-known-enterprise_error"), m => m.Count >= 2,
            TimeSpan.FromSeconds(90), "both poison messages in the error queue");
        Assert.Equal(2, errors.Count);
        var refused = errors.Single(e => e.Body.Contains(unknown.ToString()));
        var headers = string.Join("; ", refused.Headers.Select(h => $"{h.Key}={h.Value}"));
        Assert.True(refused.Headers.TryGetValue("MT-Fault-ExceptionType", out var exceptionType), headers);
        Assert.Contains(nameof(EnterpriseNotYetKnownException), exceptionType);
        // Parked only after its retries: a change for an enterprise not known yet may have arrived before its
        // registration, so it is retried for about 19 s (200 ms … 10 s): MassTransit stamps when it gave up.
        Assert.True(DateTimeOffset.Parse(refused.Headers["MT-Fault-Timestamp"]!) - publishedAt >= TimeSpan.FromSeconds(18), headers);
        Assert.Contains(errors, e => e.Body.StartsWith("{ this is not json"));
        Assert.Equal(0u, await Queues.DepthAsync(reporting.MessagingUri, "reporting-known-enterprise"));
        await using var session = store.QuerySession();
        Assert.Null(await session.LoadAsync<KnownEnterprise>(unknown));

        // The operator sees it: the parked gauge counts both, and health turns Degraded (not Unhealthy: the
        // service works on) with a description naming the error queue and what to do.
        var monitor = reporting.Services.GetRequiredService<QueueMonitor>();
        await monitor.SampleAsync(default);
        Assert.Equal((0u, 2u), monitor.Depths["reporting-known-enterprise"]);
        var health = await (await reporting.CreateClient().GetAsync("/health")).ExpectAsync(HttpStatusCode.OK);
        var queues = health.GetProperty("checks").GetProperty("queues");
        Assert.Equal("Degraded", queues.GetProperty("status").GetString());
        Assert.Contains("2 message(s) parked in reporting-known-enterprise_error", queues.GetProperty("description").GetString());
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
    }

    private static EnterpriseRegisteredV1 Registered(Guid id, string name) => new(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow,
        $"Công ty {name}", name, "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1");

    private static Task PublishAsync<T>(Uri amqp, T message, Guid? messageId = null) where T : IIntegrationEvent =>
        PublishRawAsync(amqp, IntegrationEventNames.ExchangeFor<T>(), JsonSerializer.Serialize(message, Json), typeof(T), messageId ?? Guid.NewGuid());

    /// <summary>Publishes like an outside system: plain JSON on the contract's exchange, the contract named in MT-MessageType.</summary>
    private static async Task PublishRawAsync(Uri amqp, string exchange, string body, Type contract, Guid messageId)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync("fault-tests-publisher");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var properties = new BasicProperties
        {
            MessageId = messageId.ToString(), ContentType = "application/json", Persistent = true,
            Headers = new Dictionary<string, object?> { ["MT-MessageType"] = $"urn:message:{contract.Namespace}:{contract.Name}" },
        };
        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }
}
