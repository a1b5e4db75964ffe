using Platform.Contracts.Api;
using Platform.Web.Api;

namespace Platform.Web.Components.Shared;

/// <summary>Paging of long lists. The APIs that page (the directory) say so themselves; lists an API answers whole (action
/// items, agreements, escalations) are cut here, so a page never grows without bound. The page number travels in the
/// query string ("trang"), so every page is a plain link.</summary>
public static class Paging
{
    public const int DefaultPageSize = 25;
    public const string QueryName = "trang";

    /// <summary>The requested page of the list; a page past the end shows the last one, below 1 the first.</summary>
    public static PageOf<T> Slice<T>(IReadOnlyList<T> all, int? page, int pageSize = DefaultPageSize)
    {
        var pages = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        var p = Math.Clamp(page ?? 1, 1, pages);
        return new(all.Skip((p - 1) * pageSize).Take(pageSize).ToList(), all.Count, p, pageSize);
    }
}
