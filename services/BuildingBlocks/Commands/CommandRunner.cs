using JasperFx;
using JasperFx.Events;
using Marten;
using Platform.BuildingBlocks.Domain;

namespace Platform.BuildingBlocks.Commands;

/// <summary>A use case once its input is parsed: load what it writes, authorize on that state, decide.</summary>
public delegate Task<Decision> CommandBody(StreamsForWriting streams);

/// <summary>What became of a command: appended (the target stream's version after it), refused, or beaten by a concurrent writer.</summary>
public sealed record CommandOutcome(long Version, int Appended, Rejection? Rejection = null, bool Conflict = false)
{
    public bool IsDone => Rejection is null && !Conflict;
}

/// <summary>
/// The one write path of every service, for HTTP endpoints, background jobs and consumers alike: open a session,
/// run the command (load, authorize, decide), append each event to its stream, commit in one transaction.
/// A concurrent writer fails the commit; without an expected version the command is decided again on the
/// new state (a state transition still makes sense or is refused), with one it is a conflict.
/// </summary>
public static class CommandRunner
{
    /// <param name="aroundCommit">A scope opened once the decision is known and closed after the commit (a trace of its own for a
    /// background command that turned out to write something); null for none.</param>
    public static async Task<CommandOutcome> RunAsync(Func<IDocumentSession> openSession, CommandBody body, CancellationToken ct,
        Guid? target = null, long? expectedVersion = null, int attempts = 1, Func<Decision, IDisposable?>? aroundCommit = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Each attempt starts from a clean session: nothing of a failed attempt may leak into the next.
            await using var session = openSession();
            var streams = new StreamsForWriting(session, target, expectedVersion, ct);
            try
            {
                var decision = await body(streams);
                if (decision.Rejection is { } rejection) return new CommandOutcome(0, 0, rejection);
                streams.Append(decision);
                using (aroundCommit?.Invoke(decision)) await session.SaveChangesAsync(ct);
                return new CommandOutcome(target is { } id ? streams.VersionAfter(id, decision) : 0, decision.Changes.Count);
            }
            catch (DocumentAlreadyExistsException) when (streams.WhenTaken is { } taken)
            {
                return new CommandOutcome(0, 0, taken);
            }
            catch (Exception ex) when (IsConcurrencyConflict(ex))
            {
                if (expectedVersion is not null || attempt >= attempts) return new CommandOutcome(0, 0, Conflict: true);
            }
        }
    }

    /// <summary>The usual command: one stream; refused when it does not exist or the caller may not act on it.</summary>
    public static CommandBody On<TState>(Guid id, string notFound, Func<TState, Decision> decide, Func<TState, bool>? mayAct = null) where TState : class =>
        On<TState>(id, notFound, (state, _) => Task.FromResult(decide(state)), mayAct);

    /// <summary>As <see cref="On{TState}(Guid,string,Func{TState,Decision},Func{TState,bool}?)"/>, for a decision that needs
    /// more than the stream: other streams it writes (loaded through the same <see cref="StreamsForWriting"/>) or read-only facts.</summary>
    public static CommandBody On<TState>(Guid id, string notFound, Func<TState, StreamsForWriting, Task<Decision>> decide, Func<TState, bool>? mayAct = null)
        where TState : class => async streams =>
    {
        if (await streams.LoadAsync<TState>(id) is not { } state) return Rejection.NotFound(notFound);
        if (mayAct is not null && !mayAct(state)) return Rejection.Forbidden();
        return await decide(state, streams);
    };

    /// <summary>The usual command with its parsed request: a malformed request is refused before anything is loaded;
    /// otherwise the stream is loaded, the caller authorized on it, and the command decided.</summary>
    public static CommandBody On<TState, TCommand>(Guid id, string notFound, Parsed<TCommand> parsed, Func<TState, TCommand, Decision> decide,
        Func<TState, bool>? mayAct = null) where TState : class where TCommand : notnull =>
        parsed.Rejection is { } invalid ? Refuse(invalid) : On<TState>(id, notFound, state => decide(state, parsed.Command), mayAct);

    /// <summary>As <see cref="On{TState,TCommand}(Guid,string,Parsed{TCommand},Func{TState,TCommand,Decision},Func{TState,bool}?)"/>,
    /// for a decision that needs more than the stream.</summary>
    public static CommandBody On<TState, TCommand>(Guid id, string notFound, Parsed<TCommand> parsed,
        Func<TState, TCommand, StreamsForWriting, Task<Decision>> decide, Func<TState, bool>? mayAct = null) where TState : class where TCommand : notnull =>
        parsed.Rejection is { } invalid ? Refuse(invalid) : On<TState>(id, notFound, (state, streams) => decide(state, parsed.Command, streams), mayAct);

    /// <summary>A command that starts streams (or writes several) from its parsed request: refused before anything is loaded when malformed.</summary>
    public static CommandBody Start<TCommand>(Parsed<TCommand> parsed, Func<TCommand, StreamsForWriting, Task<Decision>> decide) where TCommand : notnull =>
        parsed.Rejection is { } invalid ? Refuse(invalid) : streams => decide(parsed.Command, streams);

    private static CommandBody Refuse(Rejection rejection) => _ => Task.FromResult<Decision>(rejection);

    public static bool IsConcurrencyConflict(Exception ex) =>
        ex is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
        || ex.InnerException is ConcurrencyException or EventStreamUnexpectedMaxEventIdException;
}
