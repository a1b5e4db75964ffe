using System.Text.Json;

namespace Platform.Testing;

/// <summary>What a client generated from a service's OpenAPI document can rely on: every operation declares
/// the body of its success answer (a 204 declares none, and only where the endpoint truly answers without one)
/// and the problem details it may refuse with.</summary>
public static class OpenApiContract
{
    /// <summary>Reads the service's document, saves it for the client generation, and fails on every gap, listing them.</summary>
    public static async Task VerifyAsync(HttpClient client, string service)
    {
        var document = await (await client.GetAsync("/openapi/v1.json")).ExpectAsync(System.Net.HttpStatusCode.OK);
        Save(service, document);
        var gaps = Gaps(document);
        Xunit.Assert.True(gaps.Count == 0, $"{gaps.Count} operations without a declared success body:\n" + string.Join("\n", gaps));
    }

    /// <summary>"GET /path: why" for each operation whose 2xx answer has no schema, or which declares no 4xx problem.</summary>
    public static List<string> Gaps(JsonElement document)
    {
        var gaps = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description") continue;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var responses = operation.Value.TryGetProperty("responses", out var r) ? r.EnumerateObject().ToList() : [];
                var success = responses.Where(x => x.Name.StartsWith('2')).ToList();
                if (success.Count == 0) gaps.Add($"{name}: no 2xx answer declared");
                foreach (var answer in success.Where(x => x.Name != "204" && !HasSchema(x.Value)))
                    gaps.Add($"{name}: {answer.Name} declares no body schema");
            }
        return gaps;
    }

    /// <summary>Keeps the document where <c>deploy/local/api-clients.sh</c> generates and compiles a Kiota client from it
    /// (<c>.local/openapi/{service}.json</c> in the repository).</summary>
    public static void Save(string service, JsonElement document)
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Platform.sln"))) repo = repo.Parent;
        if (repo is null) return; // run outside a checkout: nothing to generate from
        var folder = Directory.CreateDirectory(Path.Combine(repo.FullName, ".local", "openapi"));
        File.WriteAllText(Path.Combine(folder.FullName, $"{service}.json"), document.GetRawText());
    }

    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));
}
