using Platform.BuildingBlocks.Domain;
using Platform.Registry.Enterprises;
using Xunit;

namespace Registry.Tests.Domain;

/// <summary>The shape every service's decisions share: each event addressed to its stream.</summary>
public class DecisionTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid();

    [Fact]
    public void Events_keep_their_stream_and_order_across_streams()
    {
        var decision = Decision.Append(A, "a1").AndAppend(B, "b1").AndAppend(A, "a2");
        Assert.Equal(["a1", "b1", "a2"], decision.Events);
        Assert.Equal(["a1", "a2"], decision.EventsFor(A));
        Assert.Equal(["b1"], decision.EventsFor(B));
        Assert.Empty(decision.NewStreams);
    }

    [Fact]
    public void A_started_stream_names_its_aggregate_and_survives_combining()
    {
        var decision = Decision.Start<Enterprise>(A, "registered").AndAppend(B, "linked");
        Assert.Equal(typeof(Enterprise), Assert.Single(decision.NewStreams).Value);
        Assert.Equal(A, decision.NewStreams.Keys.Single());
    }

    [Fact]
    public void A_refusal_on_either_side_refuses_the_whole_decision()
    {
        var refused = Rejection.Conflict("x", "no");
        Assert.Equal(refused, Decision.Append(A, "a").And(refused).Rejection);
        Assert.Equal(refused, ((Decision)refused).AndAppend(B, "b").Rejection);
        Assert.Empty(((Decision)refused).AndAppend(B, "b").Events);
    }

    [Fact]
    public void Nothing_is_accepted_and_empty() =>
        Assert.True(Decision.Nothing is { IsAccepted: true, Events.Count: 0 });
}
