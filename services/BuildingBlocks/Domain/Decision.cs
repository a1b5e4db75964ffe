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
}

/// <summary>A refused command: what kind of refusal, a short code, a human sentence and, for invalid
/// input, the errors per field (keys are the request's JSON field names).</summary>
public sealed record Rejection(RejectionKind Kind, string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Rejection Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(RejectionKind.Invalid, "validation", "One or more fields are invalid.", errors);

    public static Rejection Invalid(string field, string error) => Invalid(new Dictionary<string, string[]> { [field] = [error] });
    public static Rejection NotFound(string detail) => new(RejectionKind.NotFound, "not-found", detail);
    public static Rejection Conflict(string code, string detail) => new(RejectionKind.Conflict, code, detail);
    public static Rejection Unprocessable(string code, string detail) => new(RejectionKind.Unprocessable, code, detail);
}

/// <summary>
/// The result of a pure decision: the events to append, or why the command was refused.
/// Decide functions return it so they can be tested without a database.
/// </summary>
public readonly record struct Decision
{
    private Decision(IReadOnlyList<object> events, Rejection? rejection) => (Events, Rejection) = (events, rejection);

    public IReadOnlyList<object> Events { get; }
    public Rejection? Rejection { get; }
    public bool IsAccepted => Rejection is null;

    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Reject(Rejection rejection) => new([], rejection);

    public static implicit operator Decision(Rejection rejection) => Reject(rejection);
}
