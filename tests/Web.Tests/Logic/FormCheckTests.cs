using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Logic;

/// <summary>The console's own reading of form fields (days, amounts, choices) and the paging of long lists.</summary>
public class FormCheckTests
{
    [Fact]
    public void A_day_is_read_as_dd_MM_yyyy_and_an_unreadable_one_is_an_error_on_its_field()
    {
        var check = new FormCheck();
        Assert.Equal(new DateOnly(2026, 9, 5), check.Date("05/09/2026", "deadline"));
        Assert.Equal(new DateOnly(2026, 9, 5), check.Date("5/9/2026", "deadline"));
        Assert.False(check.Any);

        Assert.Null(check.Date("09/31/2026", "deadline")); // month 31: the American order is not read
        Assert.Null(check.Date("", "date", required: true));
        Assert.Null(check.Date(" ", "answeredOn")); // optional and empty: no error
        var problem = check.Problem!;
        Assert.Equal(400, problem.Status);
        Assert.Equal([FormCheck.NotADate], problem.For("deadline"));
        Assert.Equal([FormCheck.Required], problem.For("date"));
        Assert.Empty(problem.For("answeredOn"));
    }

    [Theory]
    [InlineData("1.234.567", 1234567)]
    [InlineData("1.234.567 ₫", 1234567)]
    [InlineData("2500000", 2500000)]
    public void An_amount_is_whole_dong_typed_with_dots(string typed, double expected)
    {
        var check = new FormCheck();
        Assert.Equal((decimal)expected, check.Vnd(typed, "amount"));
        Assert.Null(check.Problem);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("12,5")]
    [InlineData("mười nghìn")]
    public void A_negative_fractional_or_wordy_amount_is_refused(string typed)
    {
        var check = new FormCheck();
        Assert.Null(check.Vnd(typed, "amount"));
        Assert.Equal([FormCheck.NotAnAmount], check.Problem!.For("amount"));
    }

    [Fact]
    public void A_choice_must_be_one_of_the_offered_ids()
    {
        var check = new FormCheck();
        var id = Guid.NewGuid();
        Assert.Equal(id, check.Id(id.ToString(), "enterpriseId"));
        Assert.Null(check.Id("", "assigneeEnterpriseId", required: false));
        Assert.False(check.Any);
        Assert.Null(check.Id("not-an-id", "enterpriseId"));
        Assert.Equal([FormCheck.Required], check.Problem!.For("enterpriseId"));
    }
}
