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
        Xunit.Assert.True(gaps.Count == 0, $"{gaps.Count} gaps in the operations' declared answers:\n" + string.Join("\n", gaps));
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
                var declared = responses.Select(x => x.Name).ToHashSet();
                foreach (var (status, why) in ProblemsOwed(path.Name, operation))
                    if (!declared.Contains(status)) gaps.Add($"{name}: does not declare {status} ({why})");
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

    /// <summary>The problems an operation is bound to answer with, so a client must know them: 401/403 under /api/ (a token
    /// and a role), 404 for an id or number in the path (unknown, or not matching the route), 400 or 422 for a write.</summary>
    private static IEnumerable<(string Status, string Why)> ProblemsOwed(string path, JsonProperty operation)
    {
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            yield return ("401", "every API operation needs a token");
            yield return ("403", "every API operation has a policy");
        }
        var routeParameters = operation.Value.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").ToList() : [];
        // A free-text segment (a period such as 2026-10) is checked as input (400); an id or a number names something or matches no route.
        if (routeParameters.Any(p => p.TryGetProperty("schema", out var schema)
                && (schema.TryGetProperty("format", out var format) && format.GetString() == "uuid"
                    || schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "integer")))
            yield return ("404", "an id or number in the path");
        if (operation.Name is "post" or "put" or "patch" or "delete" && !operation.Value.GetProperty("responses").TryGetProperty("400", out _))
            yield return ("422", "a write refuses bad input with 400 or a broken rule with 422");
    }

    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));
}
