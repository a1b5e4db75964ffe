using System.Net.Sockets;
using MassTransit;
using MassTransit.Middleware;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.Messaging;
using Xunit;

namespace Infrastructure.Tests.Messaging;

/// <summary>The consumers' one retry filter (<see cref="ConsumerRetryPolicy"/>): how often and how soon each kind of failure is tried again.</summary>
public class ConsumerRetryPolicyTests
{
    private sealed class Message : BasePipeContext, PipeContext;

    private static readonly Exception DatabaseAway = new InvalidOperationException("commit failed", new SocketException((int)SocketError.ConnectionRefused));
    private static readonly Exception Bad = new InvalidOperationException("no sectors");

    /// <summary>Fails with each exception in turn; returns the retries granted (the delays before them) until one is refused.</summary>
    private static List<TimeSpan?> Retries(params Exception[] failures)
    {
        using var policy = ((IRetryPolicy)new ConsumerRetryPolicy()).CreatePolicyContext(new Message());
        var delays = new List<TimeSpan?>();
        if (!policy.CanRetry(failures[0], out var retry)) return delays;
        delays.Add(retry.Delay);
        foreach (var failure in failures.Skip(1))
        {
            if (!retry.CanRetry(failure, out retry)) return delays;
            delays.Add(retry.Delay);
        }
        throw new InvalidOperationException("more retries than failures given");
    }

    [Fact]
    public void The_database_away_is_tried_ten_more_times_backing_off_to_fifteen_seconds()
    {
        var delays = Retries(Enumerable.Repeat(DatabaseAway, 12).ToArray());
        Assert.Equal(10, delays.Count);
        Assert.InRange(delays[0]!.Value.TotalMilliseconds, 600, 800); // 200 + 400…600
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First || pair.Second!.Value.TotalSeconds >= 15 - 0.001));
        Assert.Equal(TimeSpan.FromSeconds(15), delays[^1]);
        Assert.InRange(delays.Sum(d => d!.Value.TotalSeconds), 60, 120);
    }

    [Fact]
    public void Any_other_failure_is_tried_four_more_times_quickly()
    {
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
            Retries(Enumerable.Repeat(Bad, 6).ToArray()));
    }

    [Fact]
    public void Each_kind_is_counted_on_its_own()
    {
        // Three quick tries used, then the database goes away: it still gets its ten; then the fourth quick try, and no fifth.
        var failures = Enumerable.Repeat(Bad, 3).Concat(Enumerable.Repeat(DatabaseAway, 10)).Concat([Bad, Bad]).ToArray();
        var delays = Retries(failures);
        Assert.Equal(14, delays.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), delays[^1]);
    }

    [Fact]
    public void A_message_that_arrived_early_is_left_to_the_endpoint()
    {
        var early = new EnterpriseNotYetKnownException(Guid.NewGuid());
        Assert.Empty(Retries(early));
        Assert.False(new ConsumerRetryPolicy().IsHandled(early));
        Assert.Single(Retries(Bad, early)); // also after a quick retry
    }
}
