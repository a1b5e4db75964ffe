using Microsoft.Extensions.Hosting;
using Platform.Web.Account;
using Platform.Web.Api;
using Platform.Web.Components.Pages;
using Platform.Web.Components.Shared;
using Xunit;

namespace Web.Tests.Logic;

public class PageLogicTests
{
    private static ObligationRow Row(string period, DateOnly due, bool overdue = false, bool late = false, string status = "due") =>
        new(Guid.NewGuid(), Guid.NewGuid(), "VNPT", "telecom-monthly", period, due, status, 0, late, overdue, false, 1);

    [Fact]
    public void The_dashboard_shows_the_five_most_urgent_and_keeps_the_API_order_among_equals()
    {
        var rows = Enumerable.Range(1, 8).Select(i => Row($"2026-{i:D2}", new DateOnly(2026, 12 - i, 10))).ToList();
        var shown = Dashboards.MostUrgent(rows, r => r.DueOn.DayNumber);
        Assert.Equal(["2026-08", "2026-07", "2026-06", "2026-05", "2026-04"], shown.Select(r => r.Period));

        var ties = new[] { ("a", 3), ("b", 1), ("c", 1) };
        Assert.Equal(["b", "c", "a"], Dashboards.MostUrgent(ties, t => t.Item2).Select(t => t.Item1));
    }

    [Fact]
    public void The_density_chart_shows_the_districts_with_a_known_density()
    {
        var report = new IndicatorReport("telecom-monthly", "2026-10", null, 2, [],
            [new GroupTotals("Bát Xát", [], 28.5m), new GroupTotals("Sa Pa", [], null)], [], 1000, 30m, 35m, false);
        Assert.Equal([("Bát Xát", 28.5m)], Dashboards.DensityBars(report));
    }

    [Theory]
    [InlineData("overdue", "cell-overdue", "overdue")]
    [InlineData("submitted-late", "cell-late", "submitted")]
    [InlineData("accepted-late", "cell-late", "accepted")]
    [InlineData("accepted", "cell-accepted", "accepted")]
    [InlineData("not-due", "cell-none", "not-due")]
    [InlineData(null, "cell-none", "not-due")]
    public void Status_matrix_cells_are_coloured_overdue_then_late_then_by_status(string? cell, string css, string status)
    {
        Assert.Equal(css, ReportCells.CellClass(cell));
        Assert.Equal(status, ReportCells.CellStatus(cell));
    }

    [Fact]
    public void An_overdue_row_is_red_before_it_is_late()
    {
        Assert.Equal("overdue", ReportCells.RowClass(Row("2026-01", default, overdue: true, late: true)));
        Assert.Equal("late", ReportCells.RowClass(Row("2026-01", default, late: true, status: "accepted")));
        Assert.Equal("s-draft", ReportCells.RowClass(Row("2026-01", default, status: "draft")));
    }

    [Fact]
    public void Query_strings_leave_out_empty_parameters_and_escape_the_rest()
    {
        Assert.Equal("/api/registry/enterprises?q=vi%E1%BB%85n%20th%C3%B4ng&page=2",
            Query.Build("/api/registry/enterprises", ("q", "viễn thông"), ("sector", null), ("status", " "), ("page", "2")));
        Assert.Equal("/x", Query.Build("/x"));
    }

    [Theory]
    [InlineData("/bao-cao", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData(null, false)]
    public void Sign_in_returns_only_to_a_page_of_the_console(string? url, bool local) => Assert.Equal(local, SignIn.IsLocal(url));

    [Fact]
    public void The_signed_in_user_carries_the_token_and_acts_only_for_its_enterprise()
    {
        var own = Guid.NewGuid();
        var principal = SignIn.Principal("rep", PlatformRoles.Representative, own, "token-123");
        Assert.Equal("token-123", principal.FindFirst(SignIn.AccessTokenClaim)?.Value);
        Assert.Equal(own, principal.RepresentedEnterprise());
        Assert.True(principal.MayActFor(own));
        Assert.False(principal.MayActFor(Guid.NewGuid()));
        Assert.False(principal.ReadsEverything());
    }

    [Theory]
    [InlineData("monthly", "2026-11-20", "2026-10")]
    [InlineData("monthly", "2026-01-05", "2025-12")]
    [InlineData("quarterly", "2026-02-10", "2025-Q4")]
    [InlineData("quarterly", "2026-11-20", "2026-Q3")]
    [InlineData("annual", "2026-11-20", "2025")]
    public void The_latest_period_of_a_template_follows_its_period_type(string type, string today, string latest) =>
        Assert.Equal(latest, ReportPeriods.Latest(type, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("annual", "2025", true)]
    [InlineData("annual", "2025-10", false)]
    [InlineData("quarterly", "2025-Q4", true)]
    [InlineData("quarterly", "2025-Q5", false)]
    [InlineData("monthly", "2025-10", true)]
    [InlineData("monthly", "2025-13", false)]
    [InlineData("monthly", "2025", false)]
    public void A_period_fits_a_template_only_when_written_as_its_periods_are(string type, string period, bool fits) =>
        Assert.Equal(fits, ReportPeriods.Fits(type, period));

    [Theory]
    [InlineData("11/2026", "2026-11-01")]
    [InlineData("3/2027", "2027-03-01")]
    [InlineData("2026-09", "2026-09-01")]
    [InlineData("13/2026", null)]
    [InlineData("2026", null)]
    [InlineData("", null)]
    public void A_calendar_month_is_read_as_mm_yyyy_or_the_links_yyyy_mm(string text, string? first) =>
        Assert.Equal(first is null ? null : DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), Platform.Web.Formatting.Vn.ParseMonth(text));
}
