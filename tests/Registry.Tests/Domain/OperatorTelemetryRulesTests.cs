using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Platform.BuildingBlocks.Http;
using Xunit;

namespace Registry.Tests.Domain;

public class OperatorTelemetryRulesTests
{
    [Theory]
    [InlineData(ActivityKind.Client, "postgresql", true)]                  // a database command outside any request: the daemon polling
    [InlineData(ActivityKind.Client, "GET", true)]                         // a feed read outside any request
    [InlineData(ActivityKind.Internal, "marten.daemon.highwatermark", true)]
    [InlineData(ActivityKind.Server, "POST /api/registry/enterprises", false)]
    [InlineData(ActivityKind.Consumer, "registry-known-enterprise receive", false)]
    [InlineData(ActivityKind.Producer, "forward enterprise-registered.v1", false)]
    [InlineData(ActivityKind.Internal, "catch up registry feed", false)]
    public void Roots_that_are_polling_are_not_sampled(ActivityKind kind, string name, bool polling) =>
        Assert.Equal(polling, BackgroundPollingSampler.IsBackgroundPolling(kind, name));

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("1", 1.0)]
    [InlineData("0", 1.0)]      // "no traces at all" is not a share: every trace is kept
    [InlineData("1.5", 1.0)]
    [InlineData("a tenth", 1.0)]
    public void The_share_of_traces_kept_comes_from_the_OpenTelemetry_variable(string? value, double ratio) =>
        Assert.Equal(ratio, BackgroundPollingSampler.RatioFrom(value));

    [Fact]
    public void A_share_keeps_whole_traces_by_trace_id_and_polling_is_never_kept()
    {
        var sampler = new BackgroundPollingSampler(0.25);
        var ids = Enumerable.Range(0, 4000).Select(_ => ActivityTraceId.CreateRandom()).ToList();
        SamplingDecision Decide(ActivityTraceId id, ActivityKind kind, string name) =>
            sampler.ShouldSample(new SamplingParameters(default, id, name, kind)).Decision;

        var kept = ids.Where(id => Decide(id, ActivityKind.Server, "POST /api/registry/enterprises") == SamplingDecision.RecordAndSample).ToList();
        Assert.InRange(kept.Count, 800, 1200); // a quarter, give or take
        // The same trace id gets the same answer in every service (a consumer's root span, the forwarder's).
        Assert.All(kept, id => Assert.Equal(SamplingDecision.RecordAndSample, Decide(id, ActivityKind.Consumer, "registry-known-enterprise receive")));
        Assert.All(ids.Except(kept), id => Assert.Equal(SamplingDecision.Drop, Decide(id, ActivityKind.Producer, "forward enterprise-registered.v1")));
        // Polling is dropped (not even recorded), whatever its trace id.
        Assert.All(ids, id => Assert.Equal(SamplingDecision.Drop, Decide(id, ActivityKind.Client, "postgresql")));
        Assert.All(ids.Take(100), id => Assert.Equal(SamplingDecision.RecordAndSample,
            new BackgroundPollingSampler().ShouldSample(new SamplingParameters(default, id, "POST /api/registry/enterprises", ActivityKind.Server)).Decision));
    }

    [Theory]
    [InlineData(201, null, "accepted", null)]
    [InlineData(200, null, "accepted", null)]
    [InlineData(409, "tax-code-taken", "refused", "tax-code-taken")]
    [InlineData(422, null, "refused", "business-rule")]
    [InlineData(403, null, "refused", "forbidden")]
    [InlineData(428, null, "refused", "precondition-required")]
    [InlineData(429, null, "refused", "rate-limited")]
    [InlineData(500, null, "failed", "500")]
    public void Commands_are_classified_by_status_and_problem_code(int status, string? code, string outcome, string? problem) =>
        Assert.Equal((outcome, problem), CommandMetrics.Classify(status, code));
}
