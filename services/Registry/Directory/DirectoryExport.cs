using Marten;
using Platform.BuildingBlocks.Domain;
using Platform.BuildingBlocks.Exports;
using Platform.BuildingBlocks.Http;

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
            .Produces<List<EnterpriseDirectoryEntry>>()
            .ProducesTables()
            .WithSummary("Bulk snapshot of the whole directory as JSON (default), CSV or XLSX (format=csv|xlsx or Accept; the directory's Vietnamese headers, English with Accept-Language: en).")
            .RequireAuthorization(PlatformPolicies.Feeds);

    private static async Task<IResult> ExportAsync(IQuerySession session, IDocumentStore store, HttpContext http, string? format = null)
    {
        if (TableExport.Choose(http.Request, format) is not { } form) return Problems.From(TableExport.BadFormat);
        var ct = http.RequestAborted;
        // Read the position first: everything committed up to it is already in the (inline) directory.
        var position = await ChangeFeed.HighWaterMarkAsync(store, ct);
        var entries = await session.Query<EnterpriseDirectoryEntry>().OrderBy(e => e.TaxCode).ToListAsync(ct);
        http.Response.Headers[FeedPositionHeader] = position.ToString();
        return form == TableFormat.Json
            ? Results.Ok(entries)
            : TableExport.File(http.Request, form, "enterprises", EnterpriseDirectory.Sheet(entries));
    }
}
