using Microsoft.Playwright;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The accessibility check itself, on fixed HTML in Debian's Chromium (no platform needed): it must fail on a
/// serious or critical violation, else a page that passes it proves nothing. One Chromium for the class (xunit makes an
/// instance per test, and a launch costs seconds); each test has a browser context of its own.</summary>
public sealed class AccessibilityCheckTests(AccessibilityCheckTests.Chromium chromium) : IClassFixture<AccessibilityCheckTests.Chromium>
{
    public sealed class Chromium : IAsyncLifetime
    {
        private IPlaywright _playwright = null!;
        public IBrowser Browser { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = PlatformUnderTest.ChromiumPath, Headless = true, Args = ["--headless", "--no-sandbox", "--disable-gpu"],
            });
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
    }

    private const string Accessible = """
        <!DOCTYPE html><html lang="vi"><head><title>Biên bản</title></head><body><main><h1>Giao ban</h1>
        <form><label for="d">Hạn</label><input id="d" name="d"><button type="submit">Lưu</button></form></main></body></html>
        """;

    [Fact]
    public async Task A_page_with_labelled_fields_passes()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(Accessible);
        await Accessibility.ExpectAccessibleAsync(page, "accessible");
    }

    [Theory]
    [InlineData("""<main><h1>x</h1><form><input id="d" name="d"><button type="submit">Lưu</button></form></main>""", "label")] // critical
    [InlineData("""<main><h1>x</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>""", "image-alt")] // critical
    [InlineData("""<main><h1>x</h1><button type="submit"></button></main>""", "button-name")] // critical
    public async Task A_page_with_a_serious_or_critical_violation_fails(string body, string rule)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync($"""<!DOCTYPE html><html lang="vi"><head><title>t</title></head><body>{body}</body></html>""");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.ExpectAccessibleAsync(page, "broken"));
        Assert.Contains(rule, failure.Message);
    }
}
