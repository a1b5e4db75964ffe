using Platform.Web.Formatting;

namespace Platform.Web.Api;

/// <summary>The indicator export buttons: the browser has no API token, so the console fetches the file with the
/// user's token and passes it through (CSV or Excel, as the Reporting API makes it).</summary>
public static class ExportEndpoints
{
    public static void Map(WebApplication app) =>
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
}
