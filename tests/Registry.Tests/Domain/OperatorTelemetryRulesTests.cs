using System.Diagnostics;
using Microsoft.Extensions.Hosting;
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
