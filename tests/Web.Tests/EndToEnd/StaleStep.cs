using Microsoft.Playwright;

namespace Web.Tests.EndToEnd;

/// <summary>The stale-step check every workflow shares. A page was read before another user's change; the step sent from
/// it is refused by the API (409 for a transition, 412 for an edit, 428 when a first value was entered meanwhile), the page
/// says so with "Tải lại trang", and the reload shows the state as it is now, without the refusal.</summary>
public static class StaleStep
{
    /// <param name="page">The page as it was read before <paramref name="meanwhile"/>.</param>
    /// <param name="meanwhile">Another user's change (through the API or another session or tab).</param>
    /// <param name="step">The step taken on <paramref name="page"/>, from what it showed.</param>
    /// <param name="status">What the API answers: "409", "412" or "428".</param>
    /// <param name="refused">Checks while the refusal is shown (a screenshot, nothing written).</param>
    /// <param name="reloaded">Checks after the reload: the other user's change is shown.</param>
    public static async Task ExpectRefusedAsync(IPage page, Func<Task> meanwhile, Func<Task> step, string status, Func<Task> reloaded, Func<Task>? refused = null)
    {
        await meanwhile();
        await step();
        await Assertions.Expect(page.Locator(".problem.conflict")).ToHaveAttributeAsync("data-status", status);
        await Assertions.Expect(page.Locator("a.reload")).ToHaveTextAsync("Tải lại trang");
        if (refused is not null) await refused();
        await page.ClickAsync("a.reload");
        await Assertions.Expect(page.Locator(".problem")).ToHaveCountAsync(0);
        await reloaded();
    }

    /// <summary>The same, on <paramref name="address"/> opened first.</summary>
    public static async Task ExpectRefusedAsync(IPage page, string address, Func<Task> meanwhile, Func<Task> step, string status, Func<Task> reloaded, Func<Task>? refused = null)
    {
        await page.GotoAsync(address);
        await ExpectRefusedAsync(page, meanwhile, step, status, reloaded, refused);
    }

    /// <summary>A second tab of the same session on the page's address (or <paramref name="address"/>), read now: it goes
    /// stale when the first tab acts.</summary>
    public static async Task<IPage> SecondTabAsync(this IPage page, string? address = null)
    {
        var tab = await page.Context.NewPageAsync();
        await tab.GotoAsync(address ?? page.Url);
        return tab;
    }
}
