using Microsoft.Playwright;
using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>Screenshots of the main pages, saved by every run into the git-ignored <c>.local/screenshots/</c> of the
/// repository (PLATFORM_SCREENSHOTS overrides), listed in index.txt and printed to the test output.</summary>
public sealed class Screenshots
{
    private readonly object _gate = new();

    public Screenshots()
    {
        Directory = Environment.GetEnvironmentVariable("PLATFORM_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), ".local", "screenshots");
        if (System.IO.Directory.Exists(Directory))
            foreach (var old in System.IO.Directory.GetFiles(Directory, "*.png")) File.Delete(old);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(IndexFile, "");
    }

    public string Directory { get; }
    private string IndexFile => Path.Combine(Directory, "index.txt");

    /// <summary>Saves the whole page as <c>&lt;name&gt;.png</c> and prints the file name.</summary>
    public async Task<string> TakeAsync(IPage page, string name, ITestOutputHelper? output = null)
    {
        var file = Path.Combine(Directory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        lock (_gate) File.AppendAllText(IndexFile, $"{name}.png\t{new Uri(page.Url).PathAndQuery}\n");
        output?.WriteLine($"[screenshot] {file}  ({new Uri(page.Url).PathAndQuery})");
        return file;
    }

    /// <summary>Prints the run's screenshots where `dotnet test` shows it (the test host's standard error).</summary>
    public void PrintSummary()
    {
        var names = System.IO.Directory.GetFiles(Directory, "*.png").Select(Path.GetFileName).Order().ToList();
        Console.Error.WriteLine($"[Web.Tests] {names.Count} screenshots in {Directory}: {string.Join(", ", names)}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }
}
