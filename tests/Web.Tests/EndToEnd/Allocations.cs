using System.Globalization;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>
/// What the browser tests of the one shared platform must not share, handed to each test by <see cref="PlatformUnderTest"/>:
/// years (the Department has one cooperation agreement a year; population figures are per year), report months (provincial totals and trends add
/// up every accepted report of a month) and tax codes (an enterprise is registered once). Tests that picked fixed offsets
/// by hand collided when a new test chose the same year or month; from here each test gets its own.
/// </summary>
public sealed class Allocations(DateOnly today)
{
    private readonly Lock _gate = new();
    private int _nextYear = today.Year + 1;
    private int _nextMonthBack = 2;
    private bool _lastMonthTaken;
    private int _serial = Random.Shared.Next(100_000, 8_000_000);

    /// <summary>The Department's day (Vietnam time) the allocations count from.</summary>
    public DateOnly Today => today;

    /// <summary>A valid tax code no other test of this platform registers (a random start: the databases outlive a run).</summary>
    public string TaxCode()
    {
        while (true)
        {
            var first9 = $"57{Interlocked.Increment(ref _serial) % 10_000_000:D7}";
            if (Platform.Registry.Enterprises.TaxCode.CheckDigit(first9) is { } check) return first9 + check;
        }
    }

    /// <summary>The first of <paramref name="count"/> consecutive future years no other test uses: the Department has one
    /// cooperation agreement a year (a renewal takes the next year too), and population figures are per year.</summary>
    public int Years(int count = 1)
    {
        Assert.InRange(count, 1, 5);
        lock (_gate)
        {
            var first = _nextYear;
            _nextYear += count;
            Assert.True(_nextYear <= 2100, "the Meetings API takes years up to 2100");
            return first;
        }
    }

    /// <summary>Last month ("yyyy-MM"), the period the dashboard and the indicators page show by default: one test only may
    /// report in it, or that test's totals would include another's reports.</summary>
    public string LastMonth()
    {
        lock (_gate)
        {
            Assert.False(_lastMonthTaken, "last month is already another test's: take Months(n) instead");
            _lastMonthTaken = true;
            return Month(1);
        }
    }

    /// <summary><paramref name="count"/> consecutive past months ("yyyy-MM", oldest first), before last month, that no other
    /// test reports in.</summary>
    public IReadOnlyList<string> Months(int count)
    {
        Assert.InRange(count, 1, 12);
        lock (_gate)
        {
            var back = _nextMonthBack + count - 1;
            _nextMonthBack += count;
            return Enumerable.Range(0, count).Select(i => Month(back - i)).ToList();
        }
    }

    /// <summary>The first day of a "yyyy-MM" month.</summary>
    public static DateOnly FirstDay(string month) => DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Month(int back) => today.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
