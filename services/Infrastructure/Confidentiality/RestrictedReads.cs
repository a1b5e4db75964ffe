using Marten;

namespace Platform.Infrastructure.Confidentiality;

/// <summary>One read of restricted data (exact coordinates, sharing terms): who, when, what.
/// Kept as the Austrian infrastructure register keeps its access log, so the Department can answer
/// "who looked at this tower's location?".</summary>
public sealed record RestrictedRead(Guid Id, DateTimeOffset At, string Who, string From, string What, Guid? SiteId, Guid? RequestId);

public static class RestrictedReads
{
    /// <summary>Records the read in its own small transaction, before the data is returned.</summary>
    public static async Task RecordAsync(IDocumentStore store, HttpContext http, string what, Guid? siteId = null, Guid? requestId = null)
    {
        await using var session = store.LightweightSession();
        var who = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name ?? "authenticated" : "anonymous";
        session.Store(new RestrictedRead(Guid.CreateVersion7(), DateTimeOffset.UtcNow, who,
            http.Connection.RemoteIpAddress?.ToString() ?? "local", what, siteId, requestId));
        await session.SaveChangesAsync(http.RequestAborted);
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/access-log", async (IQuerySession session, CancellationToken ct, Guid? siteId = null, Guid? requestId = null, int limit = 100) =>
            {
                var query = session.Query<RestrictedRead>().AsQueryable();
                if (siteId is { } id) query = query.Where(r => r.SiteId == id);
                if (requestId is { } request) query = query.Where(r => r.RequestId == request);
                return Results.Ok(await query.OrderByDescending(r => r.At).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct));
            })
            .Produces<List<RestrictedRead>>()
            .WithTags("Confidentiality")
            .WithSummary("Who read restricted data (sites' exact locations, sharing requests' fees and technical conditions, disputes), newest first; filters: siteId, requestId.")
            .RequireAuthorization(PlatformPolicies.DepartmentRead);
}
