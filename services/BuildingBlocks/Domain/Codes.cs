using System.Text.Json;

namespace Platform.BuildingBlocks.Domain;

/// <summary>Enum values as the API and the contracts spell them: kebab-case ("network-operator").</summary>
public static class Codes
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IEnumerable<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of);

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        value = Enum.GetValues<T>().FirstOrDefault(v => Of(v) == code?.Trim().ToLowerInvariant());
        return code is not null && Of(value) == code.Trim().ToLowerInvariant();
    }

    public static string[] Of<T>(IEnumerable<T> values) where T : struct, Enum => values.Select(Of).ToArray();
}
