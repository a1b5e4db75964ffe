using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.Contracts.Api;

namespace Platform.BuildingBlocks.Http;

/// <summary>Paging of a list answered as <see cref="PageOf{T}"/>: <c>page</c> from 1, <c>pageSize</c> up to a list's maximum.
/// A download (CSV, XLSX) is every matching row, never a page.</summary>
public static class Pages
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static FieldErrors Check(this FieldErrors errors, int page, int pageSize, int max = MaxPageSize) => errors
        .When(page < 1, "page", "must be 1 or more")
        .When(pageSize < 1 || pageSize > max, "pageSize", $"must be between 1 and {max}");

    /// <summary>One page of a list already filtered and ordered (lists whose order is decided on today's state, such as overdue
    /// tasks first, are ordered in memory). A page past the end is empty; <see cref="PageOf{T}.Total"/> still counts all.</summary>
    public static PageOf<T> Of<T>(IReadOnlyList<T> ordered, int page, int pageSize) =>
        new(ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList(), ordered.Count, page, pageSize);

    /// <summary>One page of a list the database orders and cuts, with the total. (Marten's paged list counts with the page's own
    /// rows, so a page past the end would say 0 of none.) A short first or last page gives the total itself; otherwise it is counted.</summary>
    public static async Task<PageOf<T>> OfAsync<T>(IQueryable<T> ordered, int page, int pageSize, CancellationToken ct) where T : notnull
    {
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        long total = items.Count < pageSize && (items.Count > 0 || page == 1) ? (long)(page - 1) * pageSize + items.Count : await ordered.CountAsync(ct);
        return new(items.ToList(), total, page, pageSize);
    }
}
