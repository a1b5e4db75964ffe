using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Http;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>Alone: the counts below are exact only while no other test of this assembly sends commands.</summary>
[CollectionDefinition(nameof(OperatorTelemetry), DisableParallelization = true)]
public sealed class OperatorTelemetry;

/// <summary>
/// What an operator sees of the Registry in the dashboard: its own metrics (commands by use case and
/// outcome, events appended, licences expiring) and traces of real work only, not of the daemon's polling.
/// </summary>
[Collection(nameof(OperatorTelemetry))]
public class OperatorTelemetryTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private static DateOnly Today => DepartmentClock.Today(TimeProvider.System);

    [Fact]
    public async Task Commands_are_counted_by_use_case_and_outcome_with_the_problem_code_and_events_by_type()
    {
        using var metrics = new PlatformMetrics();
        var taxCode = TestData.NewTaxCode();
        await (await _client.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise(taxCode))).ExpectAsync(HttpStatusCode.Created);
        var duplicate = await (await _client.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise(taxCode))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await host.CreateClientAs(PlatformRolesAuditor).PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise())).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await _client.GetAsync("/api/registry/enterprises"); // a read is not a command

        var commands = metrics.Of("platform.commands");
        Assert.Equal(3, commands.Sum(m => m.Value));
        var registrations = commands.Where(m => m.Tag(CommandMetrics.UseCaseTag) == "POST /api/registry/enterprises").ToList();
        Assert.Equal(3, registrations.Count);
        Assert.Single(registrations, m => m.Tag(CommandMetrics.OutcomeTag) == "accepted" && m.Tag(CommandMetrics.ProblemTag) is null);
        Assert.Single(registrations, m => m.Tag(CommandMetrics.OutcomeTag) == "refused" && m.Tag(CommandMetrics.ProblemTag) == duplicate.GetProperty("code").GetString());
        Assert.Single(registrations, m => m.Tag(CommandMetrics.OutcomeTag) == "refused" && m.Tag(CommandMetrics.ProblemTag) == "forbidden");
        Assert.Equal(3, metrics.Of("platform.command.duration").Count(m => m.Value > 0));

        // Only the accepted registration appended; the refusals wrote nothing.
        var appended = metrics.Of("platform.events.appended");
        Assert.Equal(1, appended.Where(m => m.Tag("platform.event_type") == "enterprise_registered").Sum(m => m.Value));
        Assert.Equal(1, appended.Sum(m => m.Value));
    }

    [Fact]
    public async Task Licences_expiring_within_90_days_are_a_gauge()
    {
        var gauges = host.Services.GetRequiredService<BusinessGauges>();
        await gauges.CountAllAsync(default);
        var before = gauges.Current("platform.licences.expiring")!.Value;

        foreach (var expiresOn in new[] { Today.AddDays(30), Today.AddDays(90), Today.AddDays(91), Today.AddYears(3) })
        {
            var id = await host.RegisterAsync(_client);
            await (await _client.PostAsJsonAsync($"/api/registry/enterprises/{id}/licences",
                new { number = "1/GP-BTTTT", type = "telecom-network", issuingAuthority = "ministry", issuedOn = Today.AddYears(-3), expiresOn })).ExpectAsync(HttpStatusCode.Created);
        }
        await gauges.CountAllAsync(default);

        Assert.Equal(before + 2, gauges.Current("platform.licences.expiring")); // day 30 and day 90; not day 91, not 3 years
        using var metrics = new PlatformMetrics();
        metrics.Collect();
        Assert.Contains(metrics.Of("platform.licences.expiring"), m => m.Value == before + 2);
    }

    [Fact]
    public async Task Daemon_polling_is_not_traced_and_a_command_is_traced_from_the_request_to_the_forwarder()
    {
        using var traces = new RecordedActivities();
        await Task.Delay(TimeSpan.FromSeconds(3)); // the daemon polls its high-water mark every second meanwhile
        var response = await _client.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise());
        await response.ExpectAsync(HttpStatusCode.Created);

        var request = await Eventually.Until(() => Task.FromResult(traces.Recorded.FirstOrDefault(a => a.Kind == ActivityKind.Server
            && a.DisplayName.StartsWith("POST", StringComparison.Ordinal) && a.GetTagItem("url.path") is "/api/registry/enterprises")),
            a => a is not null, TimeSpan.FromSeconds(10), "the request's span");
        var forwarded = await Eventually.Until(() => Task.FromResult(traces.Recorded.FirstOrDefault(a => a.TraceId == request!.TraceId
            && a.DisplayName == "forward enterprise-registered.v1")), a => a is not null, TimeSpan.FromSeconds(30), "the forwarder's span in the request's trace");
        Assert.Contains(traces.Recorded, a => a.TraceId == request!.TraceId && a.Kind == ActivityKind.Producer); // the publish to RabbitMQ

        // Polling happened (it was seen, not recorded), and none of it was recorded as a trace of its own.
        Assert.Contains(traces.Unrecorded, a => a.Parent is null && a.DisplayName.StartsWith("marten.", StringComparison.Ordinal));
        Assert.DoesNotContain(traces.Recorded, a => a.Parent is null && a.ParentSpanId == default
            && (a.Kind == ActivityKind.Client || a.DisplayName.StartsWith("marten.", StringComparison.Ordinal)));
        Assert.NotNull(forwarded);
    }

    private const string PlatformRolesAuditor = "auditor";
}
