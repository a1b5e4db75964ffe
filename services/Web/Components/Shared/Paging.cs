namespace Platform.Web.Components.Shared;

/// <summary>Paging of long lists. Every list the console shows long is paged by its API (<c>PageOf</c>, page and pageSize);
/// the console asks for the page in its own address ("trang"), so every page is a plain link.</summary>
public static class Paging
{
    public const int DefaultPageSize = 25;
    public const string QueryName = "trang";
}
