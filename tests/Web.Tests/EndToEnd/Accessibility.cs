using System.Diagnostics;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>The accessibility check of a page: axe-core (as bundled by Deque.AxeCore.Commons) over what the browser shows now.
/// Serious and critical violations fail the test, each listed with its rule, help text and the elements concerned;
/// moderate and minor ones are printed to the test output only.</summary>
public static class Accessibility
{
    private static readonly HashSet<string> Failing = ["serious", "critical"];

    /// <summary>Checks the page as it is now; <paramref name="name"/> says which page in the failure message.</summary>
    public static async Task ExpectAccessibleAsync(IPage page, string name, ITestOutputHelper? output = null)
    {
        var clock = Stopwatch.StartNew();
        var result = await RunAsync(page);
        var took = clock.ElapsedMilliseconds;
        var violations = result.Violations ?? [];
        foreach (var v in violations.Where(v => !Failing.Contains(v.Impact ?? "")))
            output?.WriteLine($"[axe] {name}: {v.Impact} {v.Id} ({v.Nodes.Length} elements): {v.Help}");
        var failing = violations.Where(v => Failing.Contains(v.Impact ?? "")).ToList();
        if (failing.Count > 0)
            Assert.Fail($"{name} ({new Uri(page.Url).PathAndQuery}) has {failing.Count} serious or critical accessibility violations:\n" + Describe(failing));
        output?.WriteLine($"[axe] {name}: no serious or critical violation ({result.Passes?.Length ?? 0} rules passed, {took} ms)");
    }

    /// <summary>axe-core's own <c>axe.run</c> over the page's document, in the page. Deque's <c>RunAxe</c> runs the same rules
    /// frame by frame and then opens a blank page to merge the frames' results: 2.1–5.2 s a call here against 0.3–1.8 s for
    /// this over the accessibility test's 43 pages (the test 2 min 8 s → 39 s), with the same rules passed and the same
    /// findings on each. The console has no frames to merge.</summary>
    private static async Task<AxeResult> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'")) await page.EvaluateAsync(AxeSource);
        // As text: the results share arrays (each rule's tags), which Playwright's own serialisation keeps as references.
        return new AxeResult(JObject.Parse(await page.EvaluateAsync<string>("async () => JSON.stringify(await axe.run(document))")));
    }

    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    public static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target}: {Shorten(n.Html)}"))));

    private static string Shorten(string? html) => html is null ? "" : html.Length <= 160 ? html : html[..160] + "…";
}
