using MassTransit;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// A consumer's retries as ONE retry filter (it was two nested ones, one per kind of failure, and every message paid for
/// both: two policy contexts, two wrapped consume contexts, two async frames, though almost no message fails). Each kind
/// is counted on its own:
/// <list type="bullet">
/// <item>the database or the network briefly away (<see cref="TransientFailures"/>): up to <see cref="TransientTries"/> more
/// tries with exponential back-off from 200 ms to 15 s (about a minute and a half in all);</item>
/// <item>anything else (the message's fault, a bug): <see cref="QuickIntervals"/> (four quick tries), then the <c>_error</c> queue;</item>
/// <item>a <see cref="MessageArrivedEarlyException"/>: not here. It leaves the stream's partition and the endpoint's retry
/// takes it (<see cref="MessagingSetup"/>).</item>
/// </list>
/// </summary>
public sealed class ConsumerRetryPolicy : IRetryPolicy
{
    public const int TransientTries = 10;

    public static readonly TimeSpan[] QuickIntervals = [.. new[] { 100, 500, 1000, 2000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>The wait before the <paramref name="retry"/>-th (0-based) try after a transient failure: 200 ms plus 2^retry × 400–600 ms,
    /// at most 15 s, so concurrent consumers do not all come back at the same moment.</summary>
    public static TimeSpan TransientDelay(int retry) =>
        TimeSpan.FromMilliseconds(Math.Min(200 + Math.Pow(2, Math.Min(retry, 16)) * Random.Shared.Next(400, 600), 15_000));

    public bool IsHandled(Exception exception) => exception is not MessageArrivedEarlyException;

    RetryPolicyContext<T> IRetryPolicy.CreatePolicyContext<T>(T context) => new PolicyContext<T>(context);

    void IProbeSite.Probe(ProbeContext context) =>
        context.Set(new { Policy = "Platform consumer", TransientTries, QuickIntervals });

    /// <summary>Whether a failure with <paramref name="exception"/> is tried again, after <paramref name="transient"/> and
    /// <paramref name="quick"/> retries so far; <paramref name="next"/> describes that retry.</summary>
    private static bool Next<T>(T context, Exception exception, int transient, int quick, CancellationToken ct, out RetryContext<T> next)
        where T : class, PipeContext
    {
        if (exception is MessageArrivedEarlyException)
        {
            next = new Retry<T>(context, exception, transient, quick, Kind.None, ct);
            return false;
        }
        if (TransientFailures.IsTransient(exception))
        {
            next = new Retry<T>(context, exception, transient + 1, quick, Kind.Transient, ct);
            return transient < TransientTries;
        }
        next = new Retry<T>(context, exception, transient, quick + 1, Kind.Quick, ct);
        return quick < QuickIntervals.Length;
    }

    private enum Kind { None, Transient, Quick }

    private sealed class PolicyContext<T>(T context) : RetryPolicyContext<T> where T : class, PipeContext
    {
        private CancellationTokenSource? _cancel;
        private CancellationTokenRegistration _registration;

        public T Context { get; } = context;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext) =>
            Next(Context, exception, 0, 0, Token(), out retryContext) && !_cancel!.IsCancellationRequested;

        public Task RetryFaulted(Exception exception) => Task.CompletedTask;

        public void Cancel() => _cancel?.Cancel();

        public void Dispose()
        {
            _registration.Dispose();
            _cancel?.Dispose();
        }

        // Made only when a message fails: the retries stop when the message's own token is cancelled (the endpoint stops).
        private CancellationToken Token()
        {
            if (_cancel is not null) return _cancel.Token;
            _cancel = new CancellationTokenSource();
            if (Context.CancellationToken.CanBeCanceled) _registration = Context.CancellationToken.Register(_cancel.Cancel);
            return _cancel.Token;
        }
    }

    private sealed class Retry<T>(T context, Exception exception, int transient, int quick, Kind kind, CancellationToken ct) : RetryContext<T>
        where T : class, PipeContext
    {
        public T Context { get; } = context;
        public CancellationToken CancellationToken { get; } = ct;
        public Exception Exception { get; } = exception;
        public int RetryCount => transient + quick - 1;
        public int RetryAttempt => transient + quick;
        public Type ContextType => typeof(T);

        public TimeSpan? Delay => kind switch
        {
            Kind.Transient when transient <= TransientTries => TransientDelay(transient - 1),
            Kind.Quick when quick <= QuickIntervals.Length => QuickIntervals[quick - 1],
            _ => null,
        };

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext) =>
            Next(Context, exception, transient, quick, CancellationToken, out retryContext) && !CancellationToken.IsCancellationRequested;

        public Task PreRetry() => Task.CompletedTask;

        public Task RetryFaulted(Exception exception) => Task.CompletedTask;
    }
}
