using Platform.Contracts;

namespace Platform.BuildingBlocks.Domain;

/// <summary>Enum values as the API and the contracts spell them: kebab-case ("network-operator"). The spelling is
/// <see cref="CodeList"/>'s, which the contracts and the console share.</summary>
public static class Codes
{
    public static string Of<T>(T value) where T : struct, Enum => CodeList.Of(value);

    public static IEnumerable<string> All<T>() where T : struct, Enum => CodeList.All<T>();

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum => CodeList.TryParse(code, out value);

    public static string[] Of<T>(IEnumerable<T> values) where T : struct, Enum => values.Select(Of).ToArray();
}
