using Microsoft.Extensions.Localization;

namespace Platform.Web.Components.Shared;

/// <summary>The APIs write their messages in English; those the console knows are shown from the resource file
/// ("api.&lt;message&gt;"), any other as the API wrote it, so nothing the API said is lost.</summary>
public static class ApiText
{
    public static string Translate(IStringLocalizer localizer, string message)
    {
        var known = localizer["api." + message];
        return known.ResourceNotFound ? message : known.Value;
    }

    /// <summary>A field's messages in the console's language: those with a code the resources know ("field.&lt;code&gt;", with the
    /// unit it was looked for in and the suggestions) by their code, the others as <see cref="Translate"/> gives them.</summary>
    public static IReadOnlyList<string> Field(IStringLocalizer localizer, Api.ApiProblem problem, string field)
    {
        var codes = problem.CodesFor(field);
        // A business-rule 409 about this field (a request already open for the site chosen): its own message, here.
        if (problem.RuleField is { } ruled && string.Equals(ruled, field, StringComparison.OrdinalIgnoreCase)) return [Problem(localizer, problem)];
        return problem.For(field).Select((message, i) =>
            i < codes.Count && codes[i] is { } code && localizer["field." + code.Code] is { ResourceNotFound: false } known
                ? string.Format(System.Globalization.CultureInfo.CurrentCulture, known.Value, code.Within ?? "") +
                  (code.Suggestions is { Length: > 0 } names ? " " + localizer["field.suggestions", string.Join("; ", names)].Value : "")
                : Translate(localizer, message)).ToList();
    }

    /// <summary>What a problem says, in the console's language: the resource "problem.&lt;code&gt;" when there is one (the APIs'
    /// details carry ids and dates, so they are translated by their code), else the detail as <see cref="Translate"/> gives it.</summary>
    public static string Problem(IStringLocalizer localizer, Api.ApiProblem problem)
    {
        if (problem.Code is { Length: > 0 } code && localizer["problem." + code] is { ResourceNotFound: false } known) return known.Value;
        return string.IsNullOrWhiteSpace(problem.Detail) ? "" : Translate(localizer, problem.Detail);
    }

    /// <summary>The label of a code from an API ("accepted", "network-operator"); the code itself when there is none.</summary>
    public static string Code(IStringLocalizer localizer, string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        var label = localizer["code." + code];
        return label.ResourceNotFound ? code : label.Value;
    }
}
