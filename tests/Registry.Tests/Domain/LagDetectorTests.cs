using Platform.BuildingBlocks.EventStore;
using Xunit;

namespace Registry.Tests.Domain;

public class LagDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Behind_at_every_sample_for_longer_than_allowed_is_degraded_even_while_moving()
    {
        var detector = new LagDetector(TimeSpan.FromSeconds(30));
        Assert.Null(detector.Observe("forwarder", 10, 50, T0));
        Assert.Null(detector.Observe("forwarder", 30, 90, T0.AddSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(40), detector.Observe("forwarder", 70, 120, T0.AddSeconds(40)));
    }

    [Fact]
    public void Catching_up_once_starts_the_clock_again_and_names_are_tracked_apart()
    {
        var detector = new LagDetector(TimeSpan.FromSeconds(30));
        detector.Observe("a", 10, 50, T0);
        Assert.Null(detector.Observe("a", 50, 50, T0.AddSeconds(25)));
        Assert.Null(detector.Observe("a", 60, 70, T0.AddSeconds(50)));
        Assert.NotNull(detector.Observe("a", 61, 70, T0.AddSeconds(81)));
        Assert.Null(detector.Observe("b", 0, 50, T0.AddSeconds(81)));
    }
}
