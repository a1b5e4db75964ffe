using Marten;
using Platform.BuildingBlocks.Domain;

namespace Platform.BuildingBlocks.Commands;

/// <summary>
/// The streams one command reads for writing, each loaded once: the stream the command is about at the version
/// the caller expects (If-Match), any other at the version read, so a concurrent change of either makes the
/// commit fail instead of deciding on stale state. Appends only to what was loaded or what the decision starts.
/// </summary>
public sealed class StreamsForWriting
{
    private readonly IDocumentSession _session;
    private readonly Guid? _target;
    private readonly long? _expectedVersion;
    private readonly Dictionary<Guid, Loaded> _loaded = new();

    internal StreamsForWriting(IDocumentSession session, Guid? target, long? expectedVersion, CancellationToken ct) =>
        (_session, _target, _expectedVersion, Cancellation) = (session, target, expectedVersion, ct);

    /// <summary>For read-only look-ups beside the streams (other documents, projections): never written through.</summary>
    public IQuerySession Query => _session;

    public CancellationToken Cancellation { get; }

    /// <summary>The stream's state, or null when it does not exist; a second call returns the first load.</summary>
    public async Task<T?> LoadAsync<T>(Guid id) where T : class
    {
        if (_loaded.TryGetValue(id, out var seen)) return (T?)seen.Aggregate;
        var stream = id == _target && _expectedVersion is { } expected
            ? await _session.Events.FetchForWriting<T>(id, expected, Cancellation)
            : await _session.Events.FetchForWriting<T>(id, Cancellation);
        _loaded[id] = new Loaded(stream.Aggregate, stream.StartingVersion ?? 0, stream.AppendMany);
        return stream.Aggregate;
    }

    /// <summary>A document kept beside the streams in the same transaction: a copy of another service's facts, a feed
    /// cursor. Never a decision's events, which go only through the decision.</summary>
    public void Store<T>(T document) where T : notnull => _session.Store(document);

    /// <summary>A document inserted in the same transaction, whose id may exist only once (a claim on a tax code):
    /// if it already exists nothing is written and the command is refused with <paramref name="whenTaken"/>.</summary>
    public void InsertUnique<T>(T document, Rejection whenTaken) where T : notnull
    {
        _session.Insert(document);
        WhenTaken = whenTaken;
    }

    internal Rejection? WhenTaken { get; private set; }

    internal void Append(Decision decision)
    {
        foreach (var stream in decision.Changes.GroupBy(c => c.StreamId))
        {
            var events = stream.Select(c => c.Event).ToArray();
            if (decision.NewStreams.TryGetValue(stream.Key, out var aggregate)) _session.Events.StartStream(aggregate, stream.Key, events);
            else if (_loaded.TryGetValue(stream.Key, out var loaded) && loaded.Aggregate is not null) loaded.Append(events);
            else throw new InvalidOperationException($"Stream {stream.Key} was neither loaded for writing nor started by the decision.");
        }
    }

    /// <summary>The stream's version once the decision is committed.</summary>
    internal long VersionAfter(Guid id, Decision decision) =>
        (_loaded.TryGetValue(id, out var loaded) && !decision.NewStreams.ContainsKey(id) ? loaded.StartingVersion : 0) + decision.EventsFor(id).Count;

    private sealed record Loaded(object? Aggregate, long StartingVersion, Action<object[]> Append);
}
