using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Testing;

/// <summary>One measurement of an instrument, with its tags.</summary>
public sealed record Measured(double Value, KeyValuePair<string, object?>[] Tags)
{
    public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value?.ToString();
}

/// <summary>Every measurement of the Platform meter while it lives, in the order measured (of every host in the test process).</summary>
public sealed class PlatformMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, Measured Measurement)> _seen = new(); // in the order measured

    public PlatformMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Microsoft.Extensions.Hosting.PlatformTelemetry.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _seen.Enqueue((i.Name, new Measured(v, tags.ToArray()))));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => _seen.Enqueue((i.Name, new Measured(v, tags.ToArray()))));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _seen.Enqueue((i.Name, new Measured(v, tags.ToArray()))));
        _listener.Start();
    }

    public void Collect() => _listener.RecordObservableInstruments();
    public List<Measured> Of(string instrument) => _seen.Where(s => s.Instrument == instrument).Select(s => s.Measurement).ToList();
    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Sees every activity of every source without changing the sampling decision (it asks only for
/// propagation), so <see cref="Activity.Recorded"/> is what the service's own OpenTelemetry sampler decided.
/// </summary>
public sealed class RecordedActivities : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public RecordedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public List<Activity> Recorded => _stopped.Where(a => a.Recorded).ToList();
    public List<Activity> Unrecorded => _stopped.Where(a => !a.Recorded).ToList();
    public void Dispose() => _listener.Dispose();
}
