using Microsoft.AspNetCore.Http;
using Platform.Contracts.Api;
using Platform.Web.Api;

namespace Platform.Web.Components.Shared;

/// <summary>How a form finds enterprises among any number of them without a WebSocket circuit: the picker's search box and
/// its "Tìm" button post the whole form back (what was typed and chosen is kept, nothing is sent to an API), and the picker
/// lists the active enterprises whose name or tax code matches (the Registry's directory search, without diacritics).</summary>
public static class EnterpriseSearch
{
    /// <summary>The name of every picker's search button; its value is the picker's input id.</summary>
    public const string Button = "picker-search";

    /// <summary>How many matches (and, before any search, enterprises) a picker lists.</summary>
    public const int Shown = 25;

    public static string QueryField(string inputId) => $"picker-q.{inputId}";

    /// <summary>The post is a picker's search, not the form's command: the page only shows the form again.</summary>
    public static bool Requested(HttpContext? http) =>
        http is { Request.HasFormContentType: true } && http.Request.Form.ContainsKey(Button);

    /// <summary>What was typed in a picker's search box (kept across every post of its form).</summary>
    public static string? TypedQuery(HttpContext? http, string inputId) =>
        http is { Request.HasFormContentType: true } && http.Request.Form[QueryField(inputId)].ToString() is { Length: > 0 } q ? q.Trim() : null;

    /// <summary>One page of active enterprises matching <paramref name="query"/> (all when null), by name.</summary>
    public static Task<ApiResult<PageOf<DirectoryEntry>>> FindAsync(PlatformApis apis, string? query) =>
        apis.Registry.GetAsync<PageOf<DirectoryEntry>>(Query.Build("/api/registry/enterprises",
            ("status", "active"), ("q", query), ("page", "1"), ("pageSize", Shown.ToString())));

    /// <summary>The chosen enterprises the matches do not hold, read one by one so a choice survives any search.</summary>
    public static async Task<List<DirectoryEntry>> ChosenAsync(PlatformApis apis, IEnumerable<string> chosen, IReadOnlyList<DirectoryEntry> listed)
    {
        var found = new List<DirectoryEntry>();
        foreach (var id in chosen.Select(c => Guid.TryParse(c, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct())
        {
            if (listed.FirstOrDefault(e => e.Id == id) is { } shown) { found.Add(shown); continue; }
            if ((await apis.Registry.GetAsync<EnterpriseView>($"/api/registry/enterprises/{id}")).Value is { } e)
                found.Add(new DirectoryEntry(e.Id, e.TaxCode, e.LegalName, e.ShortName, e.Sectors, e.Kinds, e.HeadOffice.District, e.HeadOffice.Commune,
                    e.Status, e.RegisteredAt, e.Version));
        }
        return found;
    }
}
