namespace Platform.Web.Api;

/// <summary>The printable minutes (biên bản), linked from the meeting's page: the browser has no API token, so the console
/// fetches the Meetings API's printable page with the user's token and passes it through unchanged (the API decides who
/// may read it and lays it out for A4).</summary>
public static class MinutesEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/hop/{id:guid}/bien-ban", async (Guid id, PlatformApis apis, HttpContext http) =>
        {
            using var response = await apis.Meetings.GetRawAsync($"/api/meetings/meetings/{id}/minutes", http.RequestAborted);
            if (!response.IsSuccessStatusCode) return Results.StatusCode((int)response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(http.RequestAborted);
            return Results.Content(html, "text/html; charset=utf-8");
        }).RequireAuthorization();
}
