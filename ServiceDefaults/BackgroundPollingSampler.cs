using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Decides, for a span that starts a trace, whether it is work an operator wants to see. The async
/// daemons poll the event store every second, and consumers poll other services' change feeds: a
/// database command or an outgoing HTTP call with no request, message or job around it is such
/// polling, and so is a root span of Marten's daemon. Those are recorded but not sampled, so neither
/// they nor the spans they cause elsewhere (the feed request a poll makes) are exported. Everything
/// else that starts a trace is kept: an incoming request, a consumed message, and the Platform's own
/// spans (a forwarded event, a job round that changed something). Spans with a parent follow it
/// (wrap this in <see cref="ParentBasedSampler"/>).
/// </summary>
public sealed class BackgroundPollingSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Skip = new(SamplingDecision.RecordOnly);

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        IsBackgroundPolling(parameters.Kind, parameters.Name) ? Skip : Keep;

    public static bool IsBackgroundPolling(ActivityKind kind, string name) =>
        kind == ActivityKind.Client || name.StartsWith("marten.", StringComparison.Ordinal);
}
