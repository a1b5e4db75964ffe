using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Logic;

public class TrendChartTests
{
    [Fact]
    public void A_period_without_an_accepted_report_breaks_the_line_instead_of_dropping_to_zero()
    {
        var g = new TrendGeometry(4, [100m, null, 200m, 300m], target: 400m);
        // Ticks 0, 100, …, 400: the plot's top is the target; x from 84 to 684 in three steps.
        Assert.Equal([0m, 100m, 200m, 300m, 400m], g.Ticks);
        Assert.Equal(["84,202", "484,140 684,78"], g.Segments([100m, null, 200m, 300m]));
    }

    [Theory]
    [InlineData(35, 40)] // density against a target of 35: steps of 10
    [InlineData(700_000, 800_000)]
    [InlineData(0.5, 0.6)]
    public void The_value_axis_ends_at_a_round_step_above_the_largest_value(double max, double top)
    {
        var ticks = TrendGeometry.NiceTicks((decimal)max);
        Assert.Equal((decimal)top, ticks[^1]);
        Assert.Equal(0m, ticks[0]);
        Assert.InRange(ticks.Count, 3, 6);
    }
}
