using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The accessibility check of a page: axe-core (Deque.AxeCore.Playwright) over what the browser shows now.
/// Serious and critical violations fail the test, each listed with its rule, help text and the elements concerned;
/// moderate and minor ones are printed to the test output only.</summary>
public static class Accessibility
{
    private static readonly HashSet<string> Failing = ["serious", "critical"];

    /// <summary>Checks the page as it is now; <paramref name="name"/> says which page in the failure message.</summary>
    public static async Task ExpectAccessibleAsync(IPage page, string name, ITestOutputHelper? output = null)
    {
        var result = await page.RunAxe();
        var violations = result.Violations ?? [];
        foreach (var v in violations.Where(v => !Failing.Contains(v.Impact ?? "")))
            output?.WriteLine($"[axe] {name}: {v.Impact} {v.Id} ({v.Nodes.Length} elements): {v.Help}");
        var failing = violations.Where(v => Failing.Contains(v.Impact ?? "")).ToList();
        if (failing.Count > 0)
            Assert.Fail($"{name} ({new Uri(page.Url).PathAndQuery}) has {failing.Count} serious or critical accessibility violations:\n" + Describe(failing));
        output?.WriteLine($"[axe] {name}: no serious or critical violation ({result.Passes?.Length ?? 0} rules passed)");
    }

    public static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target}: {Shorten(n.Html)}"))));

    private static string Shorten(string? html) => html is null ? "" : html.Length <= 160 ? html : html[..160] + "…";
}
