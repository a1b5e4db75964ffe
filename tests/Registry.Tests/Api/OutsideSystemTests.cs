using System.Net;
using System.Net.Http.Json;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>Another government system, on plain RabbitMQ.Client, receives the Registry's events.</summary>
public class OutsideSystemTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Receives_EnterpriseRegisteredV1_with_every_field_after_a_post()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri, IntegrationEventNames.ExchangeFor<EnterpriseRegisteredV1>());
        var taxCode = TestData.NewTaxCode();
        var id = await host.RegisterAsync(_client, TestData.Enterprise(taxCode, sectors: ["telecom", "it"]));

        var (body, headers) = await Eventually.Until(
            () => Task.FromResult(consumer.Received.FirstOrDefault(m => m.Body.GetProperty("enterpriseId").GetGuid() == id)),
            m => m.Body.ValueKind != System.Text.Json.JsonValueKind.Undefined, what: "EnterpriseRegisteredV1 on the outside queue");

        Assert.Equal("application/json", headers["content-type"]);
        Assert.Equal(1, body.GetProperty("streamVersion").GetInt64());
        Assert.Equal(taxCode, body.GetProperty("taxCode").GetString());
        Assert.Equal("Tổng công ty Viễn thông MobiFone – chi nhánh Lào Cai", body.GetProperty("legalName").GetString());
        Assert.Equal("MobiFone", body.GetProperty("shortName").GetString());
        Assert.Equal(["telecom", "it"], body.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["network-operator"], body.GetProperty("kinds").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Thành phố Lào Cai", body.GetProperty("district").GetString());
        Assert.Equal("Phường Cốc Lếu", body.GetProperty("commune").GetString());
        Assert.Equal("Số 1 đường Hoàng Liên", body.GetProperty("streetAddress").GetString());
        Assert.True(DateTimeOffset.UtcNow - body.GetProperty("occurredAt").GetDateTimeOffset() < TimeSpan.FromMinutes(1));

        // The message id is the event id, and the event is also in the feed with the same id.
        var eventId = body.GetProperty("eventId").GetGuid();
        Assert.Contains(eventId.ToString(), headers["message-id"]!.ToString());
        var feed = await (await _client.GetAsync("/api/registry/feed?after=0&limit=1000")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(feed.GetProperty("items").EnumerateArray(), e => e.GetProperty("data").GetProperty("eventId").GetGuid() == eventId);
    }
}
