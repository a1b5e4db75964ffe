using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.EventStore;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Group commit for one consumer's copies (one per consumer type, so per queue and replica). A message that finds no
/// commit running is applied at once as its own command, as before: at low rates a batch is one message and costs
/// nothing more. Messages that arrive while a commit runs wait, and are then applied together as ONE command (one
/// session, one transaction) instead of one each. Each message's <c>Consume</c> returns only after the transaction
/// holding its change committed, so MassTransit acknowledges it after the commit, and the per-message pipeline
/// (stream partition, retries, <c>_error</c> queue) is unchanged around it. When a batch fails (one message's change
/// throws, or the commit does), nothing of it is kept and every message of it is applied again as its own command, so
/// only the bad one fails, retries and ends in <c>_error</c>. Only for changes that keep copies: a change that decides
/// events (an appended event carries its own message's correlation id) runs as its own command.
/// <c>Platform:Messaging:GroupCommit=false</c> turns it off (every message its own command, as before).
/// </summary>
/// <param name="sessions">The service's session factory (EventStoreSetup), so a copy's session is stamped like every
/// other (the consumer's queue as the actor); a group's session has an identity map.</param>
public sealed class CopyBatch<TConsumer>(AuditedSessionFactory sessions, IConfiguration configuration) where TConsumer : class
{
    private readonly bool _enabled = configuration.GetValue("Platform:Messaging:GroupCommit", true);

    private static readonly Histogram<long> Size = PlatformTelemetry.Meter.CreateHistogram<long>(
        "platform.consumer.batch_size", "{message}", "Messages whose copies a consumer committed in one transaction");

    private readonly object _gate = new();
    private List<Waiting> _waiting = [];
    private bool _committing;

    /// <summary>Applies <paramref name="change"/> (which only keeps copies: <see cref="StreamsForWriting.Store{T}"/>) and returns
    /// once it is committed, alone or with the changes of other messages waiting meanwhile; throws what the change throws.</summary>
    public async Task RunAsync(Func<StreamsForWriting, Task> change, CancellationToken ct)
    {
        Waiting? me = null;
        if (!_enabled)
        {
            await AloneAsync(change, ct);
            return;
        }
        lock (_gate)
        {
            if (_committing) _waiting.Add(me = new Waiting(change));
            else _committing = true;
        }
        if (me is null)
        {
            try
            {
                await AloneAsync(change, ct);
            }
            finally
            {
                HandOver();
            }
            return;
        }
        switch (await me.Turn.Task)
        {
            case Turn.Committed:
                return;
            case Turn.Alone:
                await AloneAsync(change, ct);
                return;
            case Turn.Lead:
                try
                {
                    await LeadAsync(me.Batch!, ct);
                }
                finally
                {
                    HandOver();
                }
                if (me.Failed) await AloneAsync(change, ct);
                return;
        }
    }

    /// <summary>Who commits next: the messages that waited meanwhile, as one batch led by the first of them; none: idle.</summary>
    private void HandOver()
    {
        List<Waiting> batch;
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _committing = false;
                return;
            }
            (batch, _waiting) = (_waiting, []);
        }
        batch[0].Batch = batch;
        batch[0].Turn.TrySetResult(Turn.Lead);
    }

    private async Task LeadAsync(List<Waiting> batch, CancellationToken ct)
    {
        Size.Record(batch.Count);
        try
        {
            // Identity map: two messages of a batch may change the same copy, and the second must see the first's change.
            await CommandRunner.RunAsync(batch.Count == 1 ? sessions.OpenSession : sessions.OpenIdentitySession,
                async streams =>
                {
                    foreach (var waiting in batch) await waiting.Change(streams);
                    return Decision.Nothing;
                }, ct);
        }
        catch
        {
            // Nothing of the batch was committed: each message again on its own, so only the one at fault fails.
            foreach (var waiting in batch) waiting.Failed = true;
            foreach (var waiting in batch.Skip(1)) waiting.Turn.TrySetResult(Turn.Alone);
            return;
        }
        foreach (var waiting in batch.Skip(1)) waiting.Turn.TrySetResult(Turn.Committed);
    }

    private Task AloneAsync(Func<StreamsForWriting, Task> change, CancellationToken ct) =>
        CommandRunner.RunAsync(sessions.OpenSession, async streams =>
        {
            await change(streams);
            return Decision.Nothing;
        }, ct);

    private enum Turn { Committed, Alone, Lead }

    private sealed class Waiting(Func<StreamsForWriting, Task> change)
    {
        public Func<StreamsForWriting, Task> Change { get; } = change;
        public TaskCompletionSource<Turn> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<Waiting>? Batch { get; set; }
        public bool Failed { get; set; }
    }
}
