using Platform.Registry.Enterprises;
using Web.Tests.EndToEnd;
using Xunit;

namespace Web.Tests.Logic;

/// <summary>The browser tests' allocator: what it hands one test, it hands no other.</summary>
public class AllocationsTests
{
    [Fact]
    public void Each_test_gets_years_report_months_and_tax_codes_of_its_own()
    {
        var allocate = new Allocations(new DateOnly(2026, 11, 29));
        Assert.Equal(2027, allocate.Years());
        Assert.Equal(2028, allocate.Years(2)); // 2028 and 2029: a renewal takes the next year too
        Assert.Equal(2030, allocate.Years());

        Assert.Equal("2026-10", allocate.LastMonth()); // the dashboard's period, for one test only
        Assert.ThrowsAny<Exception>(() => allocate.LastMonth());
        Assert.Equal(["2026-08", "2026-09"], allocate.Months(2)); // consecutive, oldest first, before last month
        Assert.Equal(["2026-07"], allocate.Months(1));

        var codes = Enumerable.Range(0, 500).Select(_ => allocate.TaxCode()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.True(TaxCode.TryParse(code, out _, out var error), $"{code}: {error}"));
    }
}
