using System.Text;
using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Http;
using Platform.Geography;

namespace Platform.Registry.Directory;

/// <summary>
/// The whole directory in one download (JSON or CSV), for systems that start from a snapshot and then
/// follow the change feed: the <c>X-Feed-Position</c> header is a feed position the snapshot already
/// includes, so a consumer continues with <c>feed?after=</c> that value (events it sees again carry a
/// stream version it already has, and are skipped).
/// </summary>
public static class DirectoryExport
{
    public const string FeedPositionHeader = "X-Feed-Position";

    public static void Map(RouteGroupBuilder enterprises) =>
        enterprises.MapGet("/export", ExportAsync)
            .Produces<List<EnterpriseDirectoryEntry>>(StatusCodes.Status200OK, "application/json", "text/csv")
            .WithSummary("Bulk snapshot of the whole directory as JSON (default) or CSV (format=csv). Each head office's commune as " +
                "entered (code and generation) and, in the CSV, the current commune it lies in (an old commune's successor).")
            .RequireAuthorization(PlatformPolicies.Feeds);

    private static async Task<IResult> ExportAsync(IQuerySession session, IDocumentStore store, ProvinceGeography geography, HttpContext http, string format = "json")
    {
        if (format is not ("json" or "csv")) return Problems.From(Rejection.Invalid("format", "must be json or csv"));
        var ct = http.RequestAborted;
        // Read the position first: everything committed up to it is already in the (inline) directory.
        var position = await ChangeFeed.HighWaterMarkAsync(store, ct);
        var entries = await session.Query<EnterpriseDirectoryEntry>().OrderBy(e => e.TaxCode).ToListAsync(ct);
        http.Response.Headers[FeedPositionHeader] = position.ToString();
        return format == "json"
            ? Results.Ok(entries)
            : Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(entries, geography))).ToArray(),
                "text/csv; charset=utf-8", "enterprises.csv");
    }

    /// <summary>The columns as entered come first (district, commune, and at the end their code and generation), then the
    /// current (since 1 July 2025) commune the head office lies in: both views in one file.</summary>
    public static string ToCsv(IEnumerable<EnterpriseDirectoryEntry> entries, ProvinceGeography geography)
    {
        var csv = new StringBuilder("id,taxCode,legalName,shortName,sectors,kinds,district,commune,status,registeredAt,version,communeCode,generation,currentCommuneCode,currentCommune\r\n");
        foreach (var e in entries)
        {
            var current = e.CommuneCode is { } code && Codes.TryParse<UnitGeneration>(e.Generation, out var generation)
                ? geography.CurrentCommune(generation, code) : null;
            csv.AppendJoin(',', e.Id, e.TaxCode, Quote(e.LegalName), Quote(e.ShortName), Quote(string.Join(';', e.Sectors)),
                Quote(string.Join(';', e.Kinds)), Quote(e.District), Quote(e.Commune), e.Status, e.RegisteredAt.ToString("O"), e.Version,
                e.CommuneCode ?? "", e.Generation ?? "", current?.Code ?? "", Quote(current?.Name ?? "")).Append("\r\n");
        }
        return csv.ToString();
    }

    // RFC 4180: quote every text field, double the quotes inside.
    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"")}\"";
}
