using System.Text;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Commands;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Registry;
using Platform.Testing;
using RabbitMQ.Client;
using Xunit;

namespace Infrastructure.Tests.Api;

/// <summary>
/// The consumers' group commit (<see cref="CopyBatch{TConsumer}"/>) on the real event store: messages waiting while a
/// copy commits are applied in one session; a bad one fails alone; a copy never goes back to an older version. And the
/// whole path over RabbitMQ: a burst with a poison message in it.
/// </summary>
public class CopyBatchTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private sealed class TestConsumer;

    private CopyBatch<TestConsumer> NewBatch() => new(host.Services.GetRequiredService<AuditedSessionFactory>(), new ConfigurationBuilder().Build());

    /// <summary>Holds the batch's commit slot until released, so the calls made meanwhile wait and form one batch.</summary>
    private static (Task Call, TaskCompletionSource Release) Blocker(CopyBatch<TestConsumer> batch)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (batch.RunAsync(async _ => await release.Task, default), release);
    }

    private static EnterpriseRegisteredV1 Registered(Guid id, string name, long version = 1) => new(Guid.NewGuid(), id, version, DateTimeOffset.UtcNow,
        $"Công ty {name}", name, "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1");

    private static EnterpriseDetailsAmendedV1 Amended(Guid id, string name, long version) => new(Guid.NewGuid(), id, version, DateTimeOffset.UtcNow,
        $"Công ty {name}", name, ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1");

    private async Task<IReadOnlyList<KnownEnterprise>> KnownAsync(params Guid[] ids)
    {
        await using var session = host.Store.QuerySession();
        return await session.LoadManyAsync<KnownEnterprise>(ids);
    }

    [Fact]
    public void Copies_and_every_other_session_are_opened_by_one_audited_session_factory()
    {
        // CopyBatch takes the factory as itself (for its identity-map sessions), the rest as Marten's ISessionFactory.
        Assert.Same(host.Services.GetRequiredService<AuditedSessionFactory>(), host.Services.GetRequiredService<ISessionFactory>());
    }

    [Fact]
    public async Task Messages_waiting_while_a_copy_commits_are_applied_together_in_one_session()
    {
        var batch = NewBatch();
        var (first, release) = Blocker(batch);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var sessions = new List<object>();
        var waiting = ids.Select(id => batch.RunAsync(async streams =>
        {
            lock (sessions) sessions.Add(streams.Query);
            await KnownEnterpriseChanges.ApplyAsync(streams, Registered(id, "Gtel"), Decision.Nothing, default);
        }, default)).ToArray();
        await Task.Delay(200);
        Assert.All(waiting, call => Assert.False(call.IsCompleted)); // nothing commits while another commit runs
        release.SetResult();
        await Task.WhenAll(waiting.Append(first));

        Assert.Equal(5, sessions.Count);
        Assert.Single(sessions.Distinct()); // one session, so one transaction
        Assert.Equal(5, (await KnownAsync(ids)).Count);
    }

    [Fact]
    public async Task A_grouped_copy_is_recorded_as_the_consumer_of_its_queue()
    {
        const string consumer = "consumer:infrastructure-known-enterprise";
        var batch = NewBatch();
        var (first, release) = Blocker(batch);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        var stamped = new List<(string? Actor, string? Role, bool IdentityMap)>();
        // Each message is consumed as its queue's consumer (ConsumerActorFilter sets the ambient actor around it).
        var waiting = ids.Select(id => Task.Run(async () =>
        {
            using var actor = SystemActor.ActAs(consumer, Guid.NewGuid().ToString("N"));
            await batch.RunAsync(async streams =>
            {
                var session = (IDocumentSession)streams.Query;
                lock (stamped) stamped.Add((session.LastModifiedBy, session.GetHeader(AuditedSessionFactory.RoleHeader)?.ToString(), IsIdentityMap(session)));
                await KnownEnterpriseChanges.ApplyAsync(streams, Registered(id, "Gtel"), Decision.Nothing, default);
            }, default);
        })).ToArray();
        await Task.Delay(300); // all three wait behind the blocker, so they form one group
        release.SetResult();
        await Task.WhenAll(waiting.Append(first));

        Assert.Equal(3, stamped.Count);
        Assert.All(stamped, s => Assert.Equal((consumer, SystemActor.Role), (s.Actor, s.Role)));
        Assert.Contains(stamped, s => s.IdentityMap); // the group's one session sees its own earlier changes
        Assert.Equal(3, (await KnownAsync(ids)).Count);
    }

    private static bool IsIdentityMap(IDocumentSession session) => session.GetType().Name.Contains("Identity", StringComparison.Ordinal);

    [Fact]
    public async Task A_change_that_fails_in_a_batch_fails_alone_and_the_others_commit()
    {
        var batch = NewBatch();
        var (first, release) = Blocker(batch);
        var good = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var bad = Guid.NewGuid();
        var runs = 0;
        var calls = good.Select(id => batch.RunAsync(async streams =>
        {
            Interlocked.Increment(ref runs);
            await KnownEnterpriseChanges.ApplyAsync(streams, Registered(id, "Gtel"), Decision.Nothing, default);
        }, default)).ToList();
        // A suspension of an enterprise never registered here: its change throws, in the batch and again alone.
        var poison = batch.RunAsync(streams =>
            KnownEnterpriseChanges.ApplyAsync(streams, new EnterpriseSuspendedV1(Guid.NewGuid(), bad, 2, DateTimeOffset.UtcNow, "Vi phạm"), Decision.Nothing, default), default);
        calls.Insert(2, poison);
        release.SetResult();
        await first;

        await Assert.ThrowsAsync<EnterpriseNotYetKnownException>(() => poison);
        await Task.WhenAll(calls.Where(c => c != poison));
        Assert.Equal(4, (await KnownAsync(good)).Count);
        Assert.Empty(await KnownAsync(bad));
        Assert.Equal(8, runs); // each good change once in the failed batch, once on its own
    }

    [Fact]
    public async Task In_a_batch_a_copy_never_goes_back_to_an_older_version()
    {
        var id = Guid.NewGuid();
        var batch = NewBatch();
        await batch.RunAsync(streams => KnownEnterpriseChanges.ApplyAsync(streams, Registered(id, "Gtel"), Decision.Nothing, default), default);
        var (first, release) = Blocker(batch);
        // Version 3 then version 2 of the same copy in one batch: the second must see the first's change, not the stored version 1.
        var newer = batch.RunAsync(streams => KnownEnterpriseChanges.ApplyAsync(streams, Amended(id, "Gtel 3", 3), Decision.Nothing, default), default);
        var older = batch.RunAsync(streams => KnownEnterpriseChanges.ApplyAsync(streams, Amended(id, "Gtel 2", 2), Decision.Nothing, default), default);
        release.SetResult();
        await Task.WhenAll(first, newer, older);

        var known = Assert.Single(await KnownAsync(id));
        Assert.Equal((3L, "Gtel 3"), (known.DetailsVersion, known.ShortName));
    }

    [Fact]
    public async Task Over_RabbitMQ_a_burst_is_applied_in_batches_and_its_poison_message_alone_ends_in_the_error_queue()
    {
        var batchSizes = new List<long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "platform.consumer.batch_size") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => { lock (batchSizes) batchSizes.Add(value); });
        listener.Start();

        var bus = host.Services.GetRequiredService<IBus>();
        var ids = Enumerable.Range(0, 80).Select(_ => Guid.NewGuid()).ToArray();
        var poison = Guid.NewGuid();
        // Each on its own stream (the header the forwarder sets), so they are taken in parallel, as the Registry's are.
        Task Publish(EnterpriseRegisteredV1 e) => bus.Publish(e, c => c.Headers.Set(PlatformMessageHeaders.StreamId, e.EnterpriseId.ToString()));
        await Task.WhenAll(ids.Take(40).Select(id => Publish(Registered(id, "Gtel"))));
        // No sectors: the copy cannot be made (its change throws), every time.
        await Publish(Registered(poison, "Hỏng") with { Sectors = null! });
        await Task.WhenAll(ids.Skip(40).Select(id => Publish(Registered(id, "Gtel"))));

        await Eventually.Until(() => KnownAsync(ids), known => known.Count == ids.Length, TimeSpan.FromSeconds(60), "every good registration applied");
        var errors = await Eventually.Until(() => PeekAsync(host.MessagingUri, "infrastructure-known-enterprise_error"), m => m.Count >= 1,
            TimeSpan.FromSeconds(60), "the poison message in the error queue");
        Assert.Single(errors);
        Assert.Contains(poison.ToString(), errors[0]);
        Assert.Empty(await KnownAsync(poison));
        lock (batchSizes) Assert.True(batchSizes.Where(s => s > 1).Sum() >= 10, $"batches: {string.Join(",", batchSizes)}");
    }

    private static async Task<List<string>> PeekAsync(Uri amqp, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync("copy-batch-tests");
        await using var channel = await connection.CreateChannelAsync();
        var bodies = new List<string>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } message) bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { } // no such queue (yet)
        return bodies;
    }
}
