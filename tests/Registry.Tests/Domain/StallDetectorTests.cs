using Platform.BuildingBlocks.EventStore;
using Xunit;

namespace Registry.Tests.Domain;

public class StallDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Caught_up_is_never_stalled_however_long_it_stays()
    {
        var detector = new StallDetector(TimeSpan.FromMinutes(2));
        Assert.Null(detector.Observe("forwarder", 10, 10, T0));
        Assert.Null(detector.Observe("forwarder", 10, 10, T0.AddHours(5)));
    }

    [Fact]
    public void Behind_and_not_moving_for_longer_than_allowed_is_a_stall()
    {
        var detector = new StallDetector(TimeSpan.FromMinutes(2));
        Assert.Null(detector.Observe("forwarder", 10, 50, T0));
        Assert.Null(detector.Observe("forwarder", 10, 60, T0.AddMinutes(2)));
        Assert.Equal(TimeSpan.FromMinutes(3), detector.Observe("forwarder", 10, 60, T0.AddMinutes(3)));
    }

    [Fact]
    public void Moving_resets_the_clock_and_names_are_tracked_apart()
    {
        var detector = new StallDetector(TimeSpan.FromMinutes(2));
        detector.Observe("a", 10, 50, T0);
        Assert.Null(detector.Observe("a", 11, 50, T0.AddMinutes(3)));
        Assert.Null(detector.Observe("a", 11, 50, T0.AddMinutes(4)));
        Assert.NotNull(detector.Observe("a", 11, 50, T0.AddMinutes(5.5)));
        Assert.Null(detector.Observe("b", 0, 50, T0.AddMinutes(5.5)));
    }
}
