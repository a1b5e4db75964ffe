namespace Platform.Contracts.Api;

// The shapes every service's API answers with and the console reads: one timeline entry, one page. They live here,
// beside the code lists, because the console shares them without the services' event store.

/// <summary>One event of a stream's timeline with its audit trail: who (token subject), in which role, for whom,
/// and the correlation (trace) id. Every service's detail answers carry their history in this one shape.</summary>
public sealed record TimelineEntry(long Version, string Event, DateTimeOffset OccurredAt, string? UserName, string? Role, string? ActingFor,
    string? CorrelationId, object? Data);

/// <summary>One page of a list: the items, how many there are in all, and which page this is.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize);
