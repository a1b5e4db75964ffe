namespace Platform.Web.Components.Shared;

public static class Query
{
    /// <summary>A path with the non-empty parameters as its query string, escaped.</summary>
    public static string Build(string path, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return present.Count == 0 ? path : $"{path}?{string.Join('&', present)}";
    }
}
