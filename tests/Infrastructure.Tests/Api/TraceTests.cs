using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Marten;
using Platform.BuildingBlocks.Enterprises;
using Platform.Registry;
using Platform.Testing;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>One trace from the HTTP request in the Registry, through the Marten append, the
/// forwarder's publish and the RabbitMQ delivery, to the Infrastructure service's read-model update.</summary>
public class TraceTests(TestServers servers)
{
    [Fact]
    public async Task A_registration_shares_its_trace_id_with_the_consuming_service()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Platform" or "MassTransit" or "Marten" or "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await using var infrastructure = new InfrastructureHost(servers);
        await infrastructure.InitializeAsync();
        await using var registry = new ServiceHost<RegistryApi>(servers, "registrydb") { SharedMessaging = infrastructure.MessagingUri };
        await registry.InitializeAsync();

        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/registry/enterprises")
        {
            Content = JsonContent.Create(new
            {
                taxCode = "5399900014", legalName = "Công ty Viettel", shortName = "Viettel", sectors = new[] { "telecom" }, kinds = new[] { "network-operator" },
                headOffice = new { street = "Số 1", commune = "Phường Cốc Lếu", district = "Thành phố Lào Cai" },
                representative = new { name = "Nguyễn Văn A", title = "Giám đốc" }, contact = new { phone = "0214 3800 100", email = "a@example.invalid" },
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var id = (await (await registry.CreateClient().SendAsync(request)).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await Eventually.Until(async () =>
        {
            await using var s = infrastructure.Store.QuerySession();
            return await s.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: "Infrastructure knows the enterprise");
        await Task.Delay(300); // let the consume span end

        var trace = spans.Where(s => s.TraceId == traceId).ToList();
        string Describe() => string.Join("\n", trace.Select(s => $"{s.Source.Name}: {s.DisplayName} [{s.Kind}]"));
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.Contains(trace, s => s.Source.Name == "Platform" && s.DisplayName == "forward enterprise-registered.v1");
        Assert.True(trace.Any(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer), Describe());
        Assert.True(trace.Any(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer), Describe());
        // The consumer's read-model write happens inside the same trace.
        var consume = trace.First(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
        Assert.True(trace.Any(s => s.Source.Name is "Npgsql" or "Marten" && s.StartTimeUtc >= consume.StartTimeUtc), Describe());

        // The append carried the trace id as its correlation id, visible in the enterprise's timeline.
        var view = await (await registry.CreateClient().GetAsync($"/api/registry/enterprises/{id}")).Json();
        Assert.Equal(traceId.ToString(), view.GetProperty("history")[0].GetProperty("correlationId").GetString());
    }
}
