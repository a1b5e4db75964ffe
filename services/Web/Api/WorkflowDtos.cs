using System.Text.Json;
using Platform.Contracts.Api;

namespace Platform.Web.Api;

// The Infrastructure answers the site, import and civil-works pages read (the register's list uses SiteView).

public sealed record SiteRecord(Guid Id, string Name, string Kind, Guid OwnerId, string OwnerName, Location Location, decimal? HeightMetres,
    int TenantCapacity, string Zone, string Status, string? StatusReason, IReadOnlyList<Guid> Tenants, int? PlannedUndergroundingYear,
    DateOnly? UndergroundedOn, bool OwnerNotActive, long Version)
{
    /// <summary>What the API noticed at registration and kept ("site-outside-commune: …"): for a person to look at, not refusals.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
public sealed record SiteDetailView(SiteRecord Site, IReadOnlyList<TimelineEntry> History);

public sealed record RejectedRow(int Row, IReadOnlyDictionary<string, string[]> Errors, string? Detail);
/// <summary>A row stored (or, in a refused file, that would have been) with something to look at: "site-outside-commune: …".</summary>
public sealed record RowWarning(int Row, Guid? SiteId, string Warning);
public sealed record ImportResult(int Accepted, IReadOnlyList<Guid> SiteIds, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<RowWarning>? Warnings);

/// <summary>The Infrastructure API's 422 <c>import-rows-refused</c>: the file's refused rows; nothing was stored.</summary>
public sealed record ImportRefusal(IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<RowWarning>? Warnings)
{
    public static ImportRefusal? From(ApiProblem? problem) =>
        problem is { Code: "import-rows-refused", Body: { } body } ? body.Deserialize<ImportRefusal>(ApiJson.Options) : null;
}

public sealed record PlannedWorksView(Guid Id, Guid OwnerId, string? Owner, string RouteOrArea, string District, string Kind, DateOnly PlannedStart,
    int DurationDays, DateOnly? PermitDate, IReadOnlyList<string> Interested, long Version);
