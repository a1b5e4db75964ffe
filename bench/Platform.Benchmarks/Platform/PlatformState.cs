namespace Platform.Benchmarks.Platform;

/// <summary>What the load has created so far and what each service is known to have learnt, so every
/// command the driver sends is a valid one (an owner Infrastructure knows, invitees Meetings knows, an open obligation).</summary>
public sealed class PlatformState
{
    private readonly object _gate = new();
    private readonly List<Guid> _infrastructureKnows = [];
    private readonly List<Guid> _meetingsKnows = [];
    private readonly List<SiteRef> _sites = [];
    private readonly Queue<Guid> _openObligations = new();
    private readonly Queue<Guid> _submittedReports = new();
    private int _sequence;

    public sealed class SiteRef(Guid id, Guid ownerId)
    {
        public Guid Id { get; } = id;
        public Guid OwnerId { get; } = ownerId;
        public int NextRequester;
    }

    public int Next() => Interlocked.Increment(ref _sequence);

    public void InfrastructureKnows(Guid id) { lock (_gate) _infrastructureKnows.Add(id); }
    public void MeetingsKnows(Guid id) { lock (_gate) _meetingsKnows.Add(id); }
    public void ObligationOpened(Guid submissionId) { lock (_gate) _openObligations.Enqueue(submissionId); }
    public void SiteRegistered(Guid siteId, Guid ownerId) { lock (_gate) _sites.Add(new SiteRef(siteId, ownerId)); }
    public void ReportSubmitted(Guid submissionId) { lock (_gate) _submittedReports.Enqueue(submissionId); }

    public int InfrastructureKnown { get { lock (_gate) return _infrastructureKnows.Count; } }
    public int MeetingsKnown { get { lock (_gate) return _meetingsKnows.Count; } }
    public int OpenObligations { get { lock (_gate) return _openObligations.Count; } }

    public Guid? SiteOwner()
    {
        lock (_gate) return _infrastructureKnows.Count == 0 ? null : _infrastructureKnows[Random.Shared.Next(_infrastructureKnows.Count)];
    }

    /// <summary>A site and a requester that is not its owner; requesters rotate per site so a pair rarely repeats
    /// (a repeated open pair is refused with 409 request-already-open, which the figures would show).</summary>
    public (Guid Site, Guid Requester)? SharingPair()
    {
        lock (_gate)
        {
            if (_sites.Count == 0 || _infrastructureKnows.Count < 2) return null;
            var site = _sites[Random.Shared.Next(_sites.Count)];
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var requester = _infrastructureKnows[site.NextRequester++ % _infrastructureKnows.Count];
                if (requester != site.OwnerId) return (site.Id, requester);
            }
            return null;
        }
    }

    public Guid[]? Invitees(int count)
    {
        lock (_gate)
        {
            if (_meetingsKnows.Count < count) return null;
            var picked = new HashSet<Guid>();
            while (picked.Count < count) picked.Add(_meetingsKnows[Random.Shared.Next(_meetingsKnows.Count)]);
            return [.. picked];
        }
    }

    /// <summary>An obligation nobody has submitted yet, else a submitted report to return and resubmit (the worker owns it until it puts it back).</summary>
    public (Guid Submission, bool Fresh)? TakeReport()
    {
        lock (_gate)
        {
            if (_openObligations.TryDequeue(out var open)) return (open, true);
            if (_submittedReports.TryDequeue(out var submitted)) return (submitted, false);
            return null;
        }
    }
}
