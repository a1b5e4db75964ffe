using System.Net;
using System.Text.Json;
using Xunit;

namespace Platform.Testing;

/// <summary>Reads a list answered as a page (<c>PageOf</c>) page by page and checks the pages agree with the whole list:
/// the same total on every page, each page as long as the total makes it and the one past the end empty, each item once, in the
/// whole list's order.</summary>
public static class PagedLists
{
    public static async Task<List<JsonElement>> AllPagesAsync(HttpClient client, string url, int pageSize)
    {
        var separator = url.Contains('?') ? '&' : '?';
        var whole = await (await client.GetAsync($"{url}{separator}pageSize=200")).ExpectAsync(HttpStatusCode.OK);
        var expected = whole.GetProperty("items").EnumerateArray().Select(Id).ToList();
        Assert.Equal(expected.Count, whole.GetProperty("total").GetInt32());
        var read = new List<JsonElement>();
        // As many pages as the total makes, each full but the last, then one past the end that is empty: a server that
        // ignored the page number would answer page 1 again, which the whole list's order below then refuses (and the
        // loop ends whatever the server answers).
        var pages = (expected.Count + pageSize - 1) / pageSize;
        for (var page = 1; page <= pages + 1; page++)
        {
            var one = await (await client.GetAsync($"{url}{separator}page={page}&pageSize={pageSize}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal((expected.Count, page, pageSize), (one.GetProperty("total").GetInt32(), one.GetProperty("page").GetInt32(), one.GetProperty("pageSize").GetInt32()));
            var items = one.GetProperty("items").EnumerateArray().ToList();
            var expectedCount = page <= pages ? Math.Min(pageSize, expected.Count - (page - 1) * pageSize) : 0;
            Assert.True(items.Count == expectedCount, $"page {page} of {url} holds {items.Count} items, expected {expectedCount} ({expected.Count} in all, {pageSize} a page)");
            read.AddRange(items);
        }
        Assert.Equal(expected, read.Select(Id));
        return read;
    }

    private static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();
}
