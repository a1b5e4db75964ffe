using Platform.Web.Formatting;

namespace Platform.Web.Api;

/// <summary>The export buttons (indicators, and the CSV/Excel links of the list pages): the browser has no API token, so the
/// console fetches the file with the user's token and passes it through (CSV or Excel, as the API makes it).</summary>
public static class ExportEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/xuat/chi-tieu/{period}", async (string period, PlatformApis apis, HttpContext http, string format = "csv", string template = "telecom-monthly", string? asOf = null) =>
        {
            if (format is not ("csv" or "xlsx")) return Results.BadRequest();
            var path = $"/api/reporting/indicators/{Uri.EscapeDataString(period)}?template={Uri.EscapeDataString(template)}&format={format}";
            if (Vn.ParseDate(asOf) is { } day) path += $"&asOf={Uri.EscapeDataString(Vn.EndOfDepartmentDay(day).ToString("O"))}";
            var response = await apis.Reporting.GetRawAsync(path, http.RequestAborted);
            if (!response.IsSuccessStatusCode) return Results.StatusCode((int)response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
            var type = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            return Results.File(bytes, type, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"chi-tieu-{period}.{format}");
        }).RequireAuthorization();

        // The list pages' download links: the list's own API path with the page's filters, fetched with the user's token,
        // so the file has exactly the rows (and restricted fields) the user may read and the API logs the read.
        app.MapGet("/xuat/{list}", async (string list, PlatformApis apis, HttpContext http) =>
        {
            if (!Lists.TryGetValue(list, out var source)) return Results.NotFound();
            var format = http.Request.Query["format"].ToString();
            if (format is not ("csv" or "xlsx")) return Results.BadRequest();
            var query = http.Request.Query.Where(p => p.Key is not ("format" or "page" or "pageSize"))
                .SelectMany(p => p.Value.Select(v => (p.Key, Value: (string?)v))).Append(("format", format)).ToArray();
            var response = await source.Api(apis).GetRawAsync(Components.Shared.Query.Build(source.Path, query), http.RequestAborted);
            if (!response.IsSuccessStatusCode) return Results.StatusCode((int)response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
            var type = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            return Results.File(bytes, type, response.Content.Headers.ContentDisposition?.FileNameStar ?? $"{list}.{format}");
        }).RequireAuthorization();
    }

    private sealed record ListSource(Func<PlatformApis, ApiClient> Api, string Path);

    private static readonly Dictionary<string, ListSource> Lists = new()
    {
        ["doanh-nghiep"] = new(a => a.Registry, "/api/registry/enterprises"),
        ["cong-trinh"] = new(a => a.Infrastructure, "/api/infrastructure/sites"),
        ["yeu-cau-dung-chung"] = new(a => a.Infrastructure, "/api/infrastructure/sharing-requests"),
        ["hoi-nghi"] = new(a => a.Meetings, "/api/meetings/meetings"),
        ["nhiem-vu"] = new(a => a.Meetings, "/api/meetings/action-items"),
        ["kien-nghi"] = new(a => a.Meetings, "/api/meetings/escalations"),
    };
}
