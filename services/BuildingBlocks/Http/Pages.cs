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
}
