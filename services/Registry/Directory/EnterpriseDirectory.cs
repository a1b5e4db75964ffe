using Platform.Contracts.Api;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Marten.Pagination;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;
using Platform.Registry.Enterprises;

namespace Platform.Registry.Directory;

/// <summary>The public directory row of an enterprise. Codes are stored as the API spells them, and
/// <see cref="SearchKey"/> holds names and tax code folded without diacritics for search. The head office's unit is kept
/// as entered: <see cref="CommuneCode"/> with its <see cref="Generation"/> (null for a record not yet coded), and
/// <see cref="UnitKey"/> ("three-tier:02644") for the unit filters.</summary>
public sealed record EnterpriseDirectoryEntry(
    Guid Id, string TaxCode, string LegalName, string ShortName, string[] Sectors, string[] Kinds,
    string District, string Commune, string Status, string SearchKey, string DistrictKey, DateTimeOffset RegisteredAt, long Version,
    string? CommuneCode = null, string? Generation = null, string? UnitKey = null);

public sealed class EnterpriseDirectoryProjection : SingleStreamProjection<EnterpriseDirectoryEntry, Guid>
{
    public override EnterpriseDirectoryEntry? Evolve(EnterpriseDirectoryEntry? entry, Guid id, IEvent e)
    {
        var next = (entry, e.Data) switch
        {
            (_, EnterpriseRegistered r) => FromDetails(r.EnterpriseId, r.TaxCode, r.Details, r.RegisteredAt),
            (null, _) => null,
            (_, EnterpriseDetailsAmended a) => FromDetails(entry.Id, entry.TaxCode, a.Details, entry.RegisteredAt) with { Status = entry.Status },
            (_, EnterpriseAddressCoded c) => FromDetails(entry.Id, entry.TaxCode, c.Details, entry.RegisteredAt) with { Status = entry.Status },
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
        VietnameseText.Fold($"{d.LegalName} | {d.ShortName} | {taxCode}"), VietnameseText.Fold(d.HeadOffice.District), registeredAt, 0,
        d.HeadOffice.CommuneCode, d.HeadOffice.Generation is { } g ? Codes.Of(g) : null,
        d.HeadOffice is { CommuneCode: { } code, Generation: { } generation } ? UnitKey(generation, code) : null);

    /// <summary>A commune as entered: codes were reused on 1 July 2025, so the key holds the generation too.</summary>
    public static string UnitKey(UnitGeneration generation, string code) => $"{Codes.Of(generation)}:{code}";
}


/// <summary>A directory row as the API answers it: the entry, with the head office's administrative unit as entered
/// (<see cref="CommuneCode"/> and its <see cref="Generation"/>, once the register has coded it) and the current commune it lies
/// in since 1 July 2025 (the successor of an old commune; null while the address is not coded). The search keys stay inside.</summary>
public sealed record DirectoryListing(
    Guid Id, string TaxCode, string LegalName, string ShortName, string[] Sectors, string[] Kinds, string District, string Commune, string Status,
    DateTimeOffset RegisteredAt, long Version, string? CommuneCode, string? Generation, string? CurrentCommuneCode, string? CurrentCommune)
{
    public static DirectoryListing Of(EnterpriseDirectoryEntry e, ProvinceGeography geography)
    {
        var current = EnterpriseDirectory.CurrentCommune(e, geography);
        return new(e.Id, e.TaxCode, e.LegalName, e.ShortName, e.Sectors, e.Kinds, e.District, e.Commune, e.Status, e.RegisteredAt, e.Version,
            e.CommuneCode, e.Generation, current?.Code, current?.Name);
    }
}

public static class EnterpriseDirectory
{
    public static void Map(RouteGroupBuilder enterprises) =>
        enterprises.MapGet("/", SearchAsync)
            .WithSummary("The directory: filter by sector, kind, unit (a code or name of any unit of the province: a current commune " +
                "also finds the head offices entered with the old communes that went into it), district (before 1 July 2025; code or name), " +
                "status; search names with or without diacritics; paged. Each row has the head office's unit as entered (communeCode, generation) and its current commune (currentCommuneCode, currentCommune) once the register has coded it. As CSV or XLSX (format=csv|xlsx or Accept): every matching enterprise, " +
                "Vietnamese headers (English with Accept-Language: en), with each head office's unit as entered and its current commune.")
            .Produces<PageOf<DirectoryListing>>()
            .ProducesTables()
            .ProducesValidationProblem()
            .RequireAuthorization(PlatformPolicies.PublicRead);

    private static async Task<IResult> SearchAsync(
        IQuerySession session, ProvinceGeography geography, HttpContext http, CancellationToken ct,
        string? sector = null, string? kind = null, string? district = null, string? status = null, string? q = null,
        string? unit = null, int page = 1, int pageSize = Pages.DefaultPageSize, string? format = null)
    {
        var errors = new FieldErrors()
            .When(sector is not null && !Codes.TryParse<Sector>(sector, out _), "sector", $"must be one of: {string.Join(", ", Codes.All<Sector>())}")
            .When(kind is not null && !Codes.TryParse<EnterpriseKind>(kind, out _), "kind", $"must be one of: {string.Join(", ", Codes.All<EnterpriseKind>())}")
            .When(status is not null && !Codes.TryParse<EnterpriseStatus>(status, out _), "status", $"must be one of: {string.Join(", ", Codes.All<EnterpriseStatus>())}")
            .Check(page, pageSize);
        AdministrativeUnit? inUnit = null, inDistrict = null;
        if (unit is not null)
        {
            var match = geography.ResolveAny(unit, null, "unit");
            errors.Add(match);
            inUnit = match.Unit;
        }
        // A district is a unit before 1 July 2025, by code or name; an unknown name still filters the records not yet coded (as typed).
        if (!string.IsNullOrWhiteSpace(district) && geography.ResolveAny(district, UnitGeneration.ThreeTier).Unit is { Level: UnitLevel.District } d) inDistrict = d;
        var form = TableExport.Choose(http.Request, format);
        errors.When(form is null, "format", "must be json, csv or xlsx");
        if (errors.Any) return Problems.From(errors.ToRejection());

        var query = Filter(session.Query<EnterpriseDirectoryEntry>(), sector, kind, inDistrict is null ? district : null, status, q);
        if (inDistrict is not null)
        {
            var keys = EnteredKeys(geography, inDistrict);
            var key = VietnameseText.Fold(inDistrict.Name);
            query = query.Where(e => keys.Contains(e.UnitKey!) || (e.UnitKey == null && e.DistrictKey == key));
        }
        if (inUnit is not null) { var keys = EnteredKeys(geography, inUnit); query = query.Where(e => keys.Contains(e.UnitKey!)); }
        // A download is the whole filtered directory, not a page of it.
        if (form is not TableFormat.Json)
            return TableExport.File(http.Request, form!.Value, "danh-ba-doanh-nghiep", Sheet(await InOrder(query).ToListAsync(ct), geography));
        var result = await Pages.OfAsync(InOrder(query), page, pageSize, ct);
        return Results.Ok(new PageOf<DirectoryListing>(result.Items.Select(e => DirectoryListing.Of(e, geography)).ToList(), result.Total, page, pageSize));
    }

    /// <summary>The directory's order: by short name, then by id, so enterprises of the same short name keep their places
    /// from one page to the next.</summary>
    public static IQueryable<EnterpriseDirectoryEntry> InOrder(IQueryable<EnterpriseDirectoryEntry> entries) =>
        entries.OrderBy(e => e.ShortName).ThenBy(e => e.Id);

    /// <summary>The communes, as an address may have been entered with them, that lie in <paramref name="unit"/>: a current
    /// commune and the old communes that went (wholly or partly) into it; an old commune; an old district's communes; the
    /// province (either generation) and all of its communes.</summary>
    public static string[] EnteredKeys(ProvinceGeography geography, AdministrativeUnit unit) => (unit.Generation, unit.Level) switch
    {
        (UnitGeneration.TwoTier, UnitLevel.Commune) => [EnterpriseDirectoryProjection.UnitKey(UnitGeneration.TwoTier, unit.Code),
            .. geography.Country.Predecessors(unit.Code).Select(c => EnterpriseDirectoryProjection.UnitKey(UnitGeneration.ThreeTier, c))],
        (UnitGeneration.ThreeTier, UnitLevel.Commune) => [EnterpriseDirectoryProjection.UnitKey(UnitGeneration.ThreeTier, unit.Code)],
        (UnitGeneration.ThreeTier, UnitLevel.District) => geography.OldCommunes.Where(c => c.ParentCode == unit.Code)
            .Select(c => EnterpriseDirectoryProjection.UnitKey(UnitGeneration.ThreeTier, c.Code)).ToArray(),
        (UnitGeneration.TwoTier, UnitLevel.Province) => [.. geography.Communes.Select(c => EnterpriseDirectoryProjection.UnitKey(UnitGeneration.TwoTier, c.Code)),
            .. geography.OldCommunes.Select(c => EnterpriseDirectoryProjection.UnitKey(UnitGeneration.ThreeTier, c.Code))],
        (UnitGeneration.ThreeTier, UnitLevel.Province) => geography.OldCommunes
            .Where(c => geography.OldDistricts.Any(d => d.Code == c.ParentCode && d.ParentCode == unit.Code))
            .Select(c => EnterpriseDirectoryProjection.UnitKey(UnitGeneration.ThreeTier, c.Code)).ToArray(),
        _ => [],
    };

    /// <summary>The directory's columns in every download (the list's and the snapshot's): the head office's unit as entered
    /// (district, commune, code, generation), then the current (since 1 July 2025) commune it lies in, so both views are there.</summary>
    public static IReadOnlyList<Column<EnterpriseDirectoryEntry>> Columns(ProvinceGeography geography) =>
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
        new("Mã xã/phường (như đã nhập)", "Commune code (as entered)", e => e.CommuneCode),
        new("Thời kỳ đơn vị", "Unit generation", e => e.Generation),
        new("Mã xã/phường hiện nay", "Current commune code", e => CurrentCommune(e, geography)?.Code),
        new("Xã/phường hiện nay", "Current commune", e => CurrentCommune(e, geography)?.Name),
    ];

    internal static AdministrativeUnit? CurrentCommune(EnterpriseDirectoryEntry e, ProvinceGeography geography) =>
        e.CommuneCode is { } code && Codes.TryParse<UnitGeneration>(e.Generation, out var generation) ? geography.CurrentCommune(generation, code) : null;

    public static Table Sheet(IEnumerable<EnterpriseDirectoryEntry> entries, ProvinceGeography geography) =>
        Table.Of("Danh bạ doanh nghiệp", Columns(geography), entries);

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
