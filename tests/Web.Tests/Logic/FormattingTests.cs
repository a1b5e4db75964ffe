using Platform.Web.Formatting;
using Xunit;

namespace Web.Tests.Logic;

public class FormattingTests
{
    [Fact]
    public void Dates_are_day_month_year_in_Vietnam_time()
    {
        Assert.Equal("05/03/2026", Vn.Date(new DateOnly(2026, 3, 5)));
        // 20:30 UTC on 31 December is already 1 January in Hà Nội.
        Assert.Equal("01/01/2027", Vn.Date(new DateTimeOffset(2026, 12, 31, 20, 30, 0, TimeSpan.Zero)));
        Assert.Equal("01/01/2027 03:30", Vn.DateTime(new DateTimeOffset(2026, 12, 31, 20, 30, 0, TimeSpan.Zero)));
        Assert.Equal("", Vn.Date((DateOnly?)null));
    }

    [Fact]
    public void Money_is_whole_dong_with_dots_between_thousands()
    {
        Assert.Equal("9.500.000.000 ₫", Vn.Vnd(9_500_000_000m));
        Assert.Equal("1.235 ₫", Vn.Vnd(1234.6m));
        Assert.Equal("0 ₫", Vn.Vnd(0m));
    }

    [Fact]
    public void Figures_group_thousands_with_dots_and_mark_decimals_with_a_comma()
    {
        Assert.Equal("1.234.567", Vn.Number(1234567m));
        Assert.Equal("35,25", Vn.Number(35.25m));
        Assert.Equal("98,5", Vn.Number(98.50m));
    }

    [Theory]
    [InlineData("1.234.567", 1234567)]
    [InlineData("100000", 100000)]
    [InlineData(" 98,5 ", 98.5)]
    [InlineData("-3", -3)]
    [InlineData("9.500.000.000 ₫", 9500000000)]
    public void Typed_figures_are_read_the_Vietnamese_way(string typed, double expected) =>
        Assert.Equal((decimal)expected, Vn.ParseNumber(typed));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12a")]
    public void Text_that_is_no_figure_reads_as_none(string typed) => Assert.Null(Vn.ParseNumber(typed));

    [Fact]
    public void Days_are_read_as_typed_or_as_a_date_input_sends_them()
    {
        Assert.Equal(new DateOnly(2026, 10, 31), Vn.ParseDate("31/10/2026"));
        Assert.Equal(new DateOnly(2026, 10, 31), Vn.ParseDate("2026-10-31"));
        Assert.Null(Vn.ParseDate("10/31/2026"));
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 59, 59, TimeSpan.Zero), Vn.EndOfDepartmentDay(new DateOnly(2026, 10, 31)).ToUniversalTime());
    }

    [Fact]
    public void The_previous_month_is_the_default_indicator_period() =>
        Assert.Equal("2026-12", Vn.PreviousMonth(new DateOnly(2027, 1, 15)));
}
