using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Decides, for a span that starts a trace, whether it is work an operator wants to see. The async
/// daemons poll the event store every second, and consumers poll other services' change feeds: a
/// database command or an outgoing HTTP call with no request, message or job around it is such
/// polling, and so is a root span of Marten's daemon. Those are neither recorded nor sampled (the activity
/// exists for the trace context only, so no instrumentation spends CPU filling in its tags), and neither
/// they nor the spans they cause elsewhere (the feed request a poll makes) are exported. Everything
/// else that starts a trace is kept: an incoming request, a consumed message, and the Platform's own
/// spans (a forwarded event, a job round that changed something), all of them or, with a
/// <paramref name="ratio"/> below 1, that share of them chosen by trace id. Spans with a parent follow it
/// (wrap this in <see cref="ParentBasedSampler"/>), so a sampled trace is whole, across services too.
/// </summary>
public sealed class BackgroundPollingSampler(double ratio = 1.0) : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    // Dropped, not recorded: the activity is still created for the trace context (correlation ids, traceparent
    // on events and messages), but no instrumentation fills it in, which is where a span's CPU goes.
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private readonly TraceIdRatioBasedSampler? _share = ratio is > 0 and < 1 ? new TraceIdRatioBasedSampler(ratio) : null;

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        IsBackgroundPolling(parameters.Kind, parameters.Name) ? Drop
        : _share is null || _share.ShouldSample(parameters).Decision == SamplingDecision.RecordAndSample ? Keep
        : Drop;

    public static bool IsBackgroundPolling(ActivityKind kind, string name) =>
        kind == ActivityKind.Client || name.StartsWith("marten.", StringComparison.Ordinal);

    /// <summary>The share of traces kept, from OpenTelemetry's own variable <c>OTEL_TRACES_SAMPLER_ARG</c> (as with
    /// <c>parentbased_traceidratio</c>); 1 (every trace) when unset or not a number in (0, 1].</summary>
    public static double RatioFrom(string? value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 1 ? r : 1.0;
}
