using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Testing;

/// <summary>
/// Checks a message body against its contract's schema in the committed docs/asyncapi.json, the document outside
/// systems were given: every field's JSON type (a decimal written as a string where the document says number fails),
/// required fields, code lists, nested objects and arrays.
/// </summary>
public static class ContractSchema
{
    private static readonly Lazy<JsonNode> Document = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "asyncapi.json")))!);

    public static JsonNode For(string contract) =>
        Document.Value["components"]!["schemas"]![contract] ?? throw new InvalidOperationException($"docs/asyncapi.json has no schema {contract}");

    /// <summary>What in <paramref name="body"/> the contract's schema does not allow, one line each (none: it conforms).</summary>
    public static IReadOnlyList<string> Violations(string contract, JsonElement body)
    {
        var found = new List<string>();
        Check(For(contract), body, contract, found);
        return found;
    }

    private static void Check(JsonNode schema, JsonElement value, string path, List<string> found)
    {
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!allowed.Any(t => Is(t, value)))
            {
                found.Add($"{path}: {value.ValueKind} {value.GetRawText()} where the document says {string.Join(" or ", allowed)}");
                return;
            }
        }
        if (schema["enum"] is JsonArray codes && value.ValueKind == JsonValueKind.String && !codes.Any(c => c!.GetValue<string>() == value.GetString()))
            found.Add($"{path}: \"{value.GetString()}\" is not in the document's list");
        if (value.ValueKind == JsonValueKind.Object && schema["properties"] is JsonObject properties)
        {
            foreach (var name in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
                if (!value.TryGetProperty(name, out _)) found.Add($"{path}.{name}: required, missing");
            foreach (var field in value.EnumerateObject())
                if (properties[field.Name] is { } fieldSchema) Check(fieldSchema, field.Value, $"{path}.{field.Name}", found);
                else found.Add($"{path}.{field.Name}: not in the document");
        }
        if (value.ValueKind == JsonValueKind.Array && schema["items"] is { } items)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Check(items, item, $"{path}[{i++}]", found);
        }
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"schema type {type} not known to this check"),
    };

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
