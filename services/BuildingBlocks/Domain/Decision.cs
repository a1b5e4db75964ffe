namespace Platform.BuildingBlocks.Domain;

/// <summary>Why a command was refused; maps one-to-one onto an HTTP problem-details status.</summary>
public enum RejectionKind
{
    /// <summary>The input is malformed or incomplete (400, with field errors).</summary>
    Invalid,
    /// <summary>The thing the command is about does not exist (404).</summary>
    NotFound,
    /// <summary>The command conflicts with the current state: a duplicate, a transition not allowed from here (409).</summary>
    Conflict,
    /// <summary>Well-formed, but breaks a business rule given the current state (422).</summary>
    Unprocessable,
    /// <summary>The caller may not act on this state (403): a representative acting for another enterprise.</summary>
    Forbidden,
}

/// <summary>A refused command: what kind of refusal, a short code, a human sentence and, for invalid
/// input, the errors per field (keys are the request's JSON field names).</summary>
public sealed record Rejection(RejectionKind Kind, string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, FieldCode?[]>? ErrorCodes = null)
{
    /// <summary>Invalid input; <paramref name="codes"/>, when given, has per field the code of each error at its position (null: none).</summary>
    public static Rejection Invalid(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, FieldCode?[]>? codes = null) =>
        new(RejectionKind.Invalid, "validation", "One or more fields are invalid.", errors, codes);

    public static Rejection Invalid(string field, string error) => Invalid(new Dictionary<string, string[]> { [field] = [error] });
    public static Rejection NotFound(string detail) => new(RejectionKind.NotFound, "not-found", detail);
    public static Rejection Conflict(string code, string detail) => new(RejectionKind.Conflict, code, detail);
    public static Rejection Unprocessable(string code, string detail) => new(RejectionKind.Unprocessable, code, detail);
    public static Rejection Forbidden() => new(RejectionKind.Forbidden, "forbidden", "You may not act on this.");
}

/// <summary>One event and the stream it is appended to.</summary>
public sealed record StreamEvent(Guid StreamId, object Event);

/// <summary>
/// The result of a pure decision: the events to append, each addressed to its stream, or why the command
/// was refused. A rule that spans streams (an agreement makes a tenant of the site) is a decision with events
/// for both, so it is read and tested in the decide function, and the runner only appends what it is given.
/// </summary>
public readonly record struct Decision
{
    private static readonly IReadOnlyDictionary<Guid, Type> NoNewStreams = new Dictionary<Guid, Type>();

    private Decision(IReadOnlyList<StreamEvent> changes, IReadOnlyDictionary<Guid, Type> newStreams, Rejection? rejection) =>
        (Changes, NewStreams, Rejection) = (changes, newStreams, rejection);

    /// <summary>The events in the order they are appended, each with its stream.</summary>
    public IReadOnlyList<StreamEvent> Changes { get; } = [];

    /// <summary>The streams this decision starts, with the aggregate each one is the stream of.</summary>
    public IReadOnlyDictionary<Guid, Type> NewStreams { get; } = NoNewStreams;

    public Rejection? Rejection { get; }
    public bool IsAccepted => Rejection is null;

    /// <summary>Every event, whatever its stream.</summary>
    public IReadOnlyList<object> Events => Changes.Select(c => c.Event).ToArray();

    /// <summary>The events for one stream, in order.</summary>
    public IReadOnlyList<object> EventsFor(Guid streamId) => Changes.Where(c => c.StreamId == streamId).Select(c => c.Event).ToArray();

    /// <summary>Accepted with nothing to record (the state already is what the command asks for).</summary>
    public static Decision Nothing => new([], NoNewStreams, null);

    /// <summary>Events appended to an existing stream.</summary>
    public static Decision Append(Guid streamId, params object[] events) =>
        new(events.Select(e => new StreamEvent(streamId, e)).ToArray(), NoNewStreams, null);

    /// <summary>A new stream of <typeparamref name="TAggregate"/> with its first events.</summary>
    public static Decision Start<TAggregate>(Guid streamId, params object[] events) =>
        new(events.Select(e => new StreamEvent(streamId, e)).ToArray(), new Dictionary<Guid, Type> { [streamId] = typeof(TAggregate) }, null);

    public static Decision Reject(Rejection rejection) => new([], NoNewStreams, rejection);

    /// <summary>This decision's events followed by <paramref name="next"/>'s; a refusal of either refuses both.</summary>
    public Decision And(Decision next)
    {
        if (Rejection is not null) return this;
        if (next.Rejection is not null) return next;
        var started = new Dictionary<Guid, Type>(NewStreams);
        foreach (var (id, type) in next.NewStreams) started[id] = type;
        return new Decision([.. Changes, .. next.Changes], started, null);
    }

    /// <summary>Adds events for another stream (or more for the same one).</summary>
    public Decision AndAppend(Guid streamId, params object[] events) => And(Append(streamId, events));

    public static implicit operator Decision(Rejection rejection) => Reject(rejection);
}
