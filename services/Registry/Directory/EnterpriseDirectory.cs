using Platform.Contracts.Api;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Marten.Pagination;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;
using Platform.Registry.Enterprises;

namespace Platform.Registry.Directory;

/// <summary>The public directory row of an enterprise. Codes are stored as the API spells them, and
/// <see cref="SearchKey"/> holds names and tax code folded without diacritics for search.</summary>
public sealed record EnterpriseDirectoryEntry(
    Guid Id, string TaxCode, string LegalName, string ShortName, string[] Sectors, string[] Kinds,
    string District, string Commune, string Status, string SearchKey, string DistrictKey, DateTimeOffset RegisteredAt, long Version);

public sealed class EnterpriseDirectoryProjection : SingleStreamProjection<EnterpriseDirectoryEntry, Guid>
{
    public override EnterpriseDirectoryEntry? Evolve(EnterpriseDirectoryEntry? entry, Guid id, IEvent e)
    {
        var next = (entry, e.Data) switch
        {
            (_, EnterpriseRegistered r) => FromDetails(r.EnterpriseId, r.TaxCode, r.Details, r.RegisteredAt),
            (null, _) => null,
            (_, EnterpriseDetailsAmended a) => FromDetails(entry.Id, entry.TaxCode, a.Details, entry.RegisteredAt) with { Status = entry.Status },
            (_, EnterpriseSuspended) => entry with { Status = Codes.Of(EnterpriseStatus.Suspended) },
            (_, EnterpriseReinstated) => entry with { Status = Codes.Of(EnterpriseStatus.Active) },
            (_, EnterpriseCeased) => entry with { Status = Codes.Of(EnterpriseStatus.Ceased) },
            _ => entry,
        };
        return next is null ? null : next with { Version = e.Version };
    }

    private static EnterpriseDirectoryEntry FromDetails(Guid id, string taxCode, EnterpriseDetails d, DateTimeOffset registeredAt) => new(
        id, taxCode, d.LegalName, d.ShortName, Codes.Of(d.Sectors), Codes.Of(d.Kinds),
        d.HeadOffice.District, d.HeadOffice.Commune, Codes.Of(EnterpriseStatus.Active),
        VietnameseText.Fold($"{d.LegalName} | {d.ShortName} | {taxCode}"), VietnameseText.Fold(d.HeadOffice.District), registeredAt, 0);
}


public static class EnterpriseDirectory
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder enterprises) =>
        enterprises.MapGet("/", SearchAsync)
            .WithSummary("The directory: filter by sector, kind, district, status; search names with or without diacritics; paged. As CSV or XLSX (format=csv|xlsx or Accept): every matching enterprise, Vietnamese headers (English with Accept-Language: en).")
            .Produces<PageOf<EnterpriseDirectoryEntry>>()
            .ProducesTables()
            .ProducesValidationProblem()
            .RequireAuthorization(PlatformPolicies.PublicRead);

    private static async Task<IResult> SearchAsync(
        IQuerySession session, HttpContext http, CancellationToken ct,
        string? sector = null, string? kind = null, string? district = null, string? status = null, string? q = null,
        int page = 1, int pageSize = 50, string? format = null)
    {
        var errors = new FieldErrors()
            .When(sector is not null && !Codes.TryParse<Sector>(sector, out _), "sector", $"must be one of: {string.Join(", ", Codes.All<Sector>())}")
            .When(kind is not null && !Codes.TryParse<EnterpriseKind>(kind, out _), "kind", $"must be one of: {string.Join(", ", Codes.All<EnterpriseKind>())}")
            .When(status is not null && !Codes.TryParse<EnterpriseStatus>(status, out _), "status", $"must be one of: {string.Join(", ", Codes.All<EnterpriseStatus>())}")
            .When(page < 1, "page", "must be 1 or more")
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}");
        var form = TableExport.Choose(http.Request, format);
        errors.When(form is null, "format", "must be json, csv or xlsx");
        if (errors.Any) return Problems.From(errors.ToRejection());

        var query = Filter(session.Query<EnterpriseDirectoryEntry>(), sector, kind, district, status, q);
        // A download is the whole filtered directory, not a page of it.
        if (form is not TableFormat.Json)
            return TableExport.File(http.Request, form!.Value, "danh-ba-doanh-nghiep", Sheet(await query.OrderBy(e => e.ShortName).ToListAsync(ct)));
        var result = await query.OrderBy(e => e.ShortName).ToPagedListAsync(page, pageSize, ct);
        return Results.Ok(new PageOf<EnterpriseDirectoryEntry>(result.ToList(), result.TotalItemCount, page, pageSize));
    }

    /// <summary>The directory's columns in every download (the list's and the snapshot's).</summary>
    public static readonly IReadOnlyList<Column<EnterpriseDirectoryEntry>> Columns =
    [
        new("Mã số thuế", "Tax code", e => e.TaxCode),
        new("Tên doanh nghiệp", "Legal name", e => e.LegalName),
        new("Tên viết tắt", "Short name", e => e.ShortName),
        new("Lĩnh vực", "Sectors", e => string.Join("; ", e.Sectors)),
        new("Loại hình", "Kinds", e => string.Join("; ", e.Kinds)),
        new("Huyện/thị xã/thành phố", "District", e => e.District),
        new("Xã/phường/thị trấn", "Commune", e => e.Commune),
        new("Trạng thái", "Status", e => e.Status),
        new("Ngày đăng ký (UTC)", "Registered at (UTC)", e => e.RegisteredAt),
        new("Mã định danh", "Id", e => e.Id.ToString()),
        new("Phiên bản", "Version", e => e.Version),
    ];

    public static Table Sheet(IEnumerable<EnterpriseDirectoryEntry> entries) => Table.Of("Danh bạ doanh nghiệp", Columns, entries);

    public static IQueryable<EnterpriseDirectoryEntry> Filter(
        IQueryable<EnterpriseDirectoryEntry> query, string? sector, string? kind, string? district, string? status, string? q)
    {
        if (sector is not null) { var code = sector.Trim().ToLowerInvariant(); query = query.Where(e => e.Sectors.Contains(code)); }
        if (kind is not null) { var code = kind.Trim().ToLowerInvariant(); query = query.Where(e => e.Kinds.Contains(code)); }
        if (status is not null) { var code = status.Trim().ToLowerInvariant(); query = query.Where(e => e.Status == code); }
        if (!string.IsNullOrWhiteSpace(district)) { var key = VietnameseText.Fold(district); query = query.Where(e => e.DistrictKey == key); }
        if (!string.IsNullOrWhiteSpace(q)) { var key = VietnameseText.Fold(q); query = query.Where(e => e.SearchKey.Contains(key)); }
        return query;
    }
}
