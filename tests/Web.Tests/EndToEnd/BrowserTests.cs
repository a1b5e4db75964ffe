using System.Globalization;
using Microsoft.Playwright;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>What the browser test classes on the console's shared platform (<see cref="ConsoleCollection"/>) have in common:
/// the Department's today and its dates as the console writes them, Playwright's assertions, the screenshot and the
/// accessibility check of the page shown, and a tax code of the test's own (other tests share the platform's register).</summary>
public abstract class BrowserTests(PlatformUnderTest platform, ITestOutputHelper output)
{
    protected PlatformUnderTest Platform => platform;
    protected ITestOutputHelper Output => output;

    /// <summary>Today in Vietnam (UTC+7), the console's today.</summary>
    protected static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    /// <summary>A date as the console writes it (dd/MM/yyyy in any browser locale).</summary>
    protected static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected Task Shot(IPage page, string name) => platform.Screenshots.TakeAsync(page, name, output);

    /// <summary>The axe check of the page as it is shown (serious or critical violations fail).</summary>
    protected Task Axe(IPage page, string name) => Accessibility.ExpectAccessibleAsync(page, name, output);

    /// <summary>The screenshot, then the axe check of the same page.</summary>
    protected async Task ShotAndCheck(IPage page, string name)
    {
        await Shot(page, name);
        await Axe(page, name);
    }

    protected string NewTaxCode() => platform.Allocate.TaxCode();
}
