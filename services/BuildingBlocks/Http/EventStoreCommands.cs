using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Domain;

namespace Platform.BuildingBlocks.Http;

/// <summary>The one way endpoints change a stream: fetch it at the version the client saw, run the
/// pure decision, append its events, commit. A stale version or a concurrent writer gives 409 and
/// writes nothing.</summary>
public static class EventStoreCommands
{
    /// <summary>Attempts when the client sent no If-Match and a concurrent writer (a user, a background
    /// job) got in first: the decision simply runs again on the new state, so nothing is lost.</summary>
    private const int AttemptsWithoutIfMatch = 3;

    public static async Task<IResult> ExecuteAsync<TState>(
        this IDocumentSession session, HttpContext http, Guid streamId,
        Func<TState, Decision> decide, string notFoundDetail) where TState : class
    {
        if (!StreamVersion.TryReadIfMatch(http.Request, out var expected)) return Problems.BadIfMatch();
        var ct = http.RequestAborted;
        for (var attempt = 1; ; attempt++)
        {
            // A retry starts from a clean session (with the same audit stamping): nothing of the failed attempt may leak into it.
            await using var retrySession = attempt == 1 ? null : http.RequestServices.GetRequiredService<ISessionFactory>().OpenSession();
            session = retrySession ?? session;
            try
            {
                var stream = expected is { } v
                    ? await session.Events.FetchForWriting<TState>(streamId, v, ct)
                    : await session.Events.FetchForWriting<TState>(streamId, ct);
                if (stream.Aggregate is null) return Problems.From(Rejection.NotFound(notFoundDetail));

                var decision = decide(stream.Aggregate);
                if (decision.Rejection is { } rejection) return Problems.From(rejection);

                stream.AppendMany(decision.Events.ToArray());
                await session.SaveChangesAsync(ct);
                var version = (stream.StartingVersion ?? 0) + decision.Events.Count;
                StreamVersion.SetETag(http.Response, version);
                return TypedResults.Ok(new StreamChanged(streamId, version));
            }
            catch (Exception ex) when (IsConcurrencyConflict(ex))
            {
                if (expected is not null || attempt == AttemptsWithoutIfMatch) return Problems.StaleVersion(expected);
            }
        }
    }

    public static bool IsConcurrencyConflict(Exception ex) =>
        ex is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
        || ex.InnerException is ConcurrencyException or EventStreamUnexpectedMaxEventIdException;
}

/// <summary>Body of a successful change: the stream and its version after the change (also the ETag).</summary>
public sealed record StreamChanged(Guid Id, long Version);
