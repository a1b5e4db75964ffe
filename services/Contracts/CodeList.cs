using System.Text.Json;

namespace Platform.Contracts;

/// <summary>
/// How a code list's values are spelt wherever they leave a service: in the integration events, the APIs and the
/// console's forms: kebab-case ("network-operator"). Each list is one enum of this project, so the services parse
/// with it, the AsyncAPI document lists it (<see cref="CodeListAttribute"/>) and the console offers it.
/// </summary>
public static class CodeList
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of).ToArray();

    /// <summary>The codes of a code-list enum given by its type (the AsyncAPI generator and its test).</summary>
    public static IReadOnlyList<string> All(Type enumType) =>
        Enum.GetNames(enumType).Select(JsonNamingPolicy.KebabCaseLower.ConvertName).ToArray();

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        var wanted = code?.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<T>())
            if (Of(candidate) == wanted)
            {
                value = candidate;
                return true;
            }
        value = default;
        return false;
    }
}

/// <summary>Marks a string (or list of strings) field of a contract whose values come from a code list: the
/// AsyncAPI document lists that enum's codes as the field's <c>enum</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CodeListAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;
}
