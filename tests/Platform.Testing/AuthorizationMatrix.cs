using System.Net;
using Microsoft.Extensions.Hosting;

namespace Platform.Testing;

/// <summary>One endpoint and the roles allowed to call it. Placeholders such as <c>{A}</c> or <c>{SITE}</c>, in the
/// path or the body, are replaced by ids belonging to enterprise A (the representative's own) or, for the
/// cross-enterprise check, to enterprise B. An endpoint with placeholders is enterprise-scoped.</summary>
public sealed record Guarded(string Method, string Path, object? Body, params string[] Allowed)
{
    public bool Scoped => Placeholder.IsMatch(Path) || Placeholder.IsMatch(System.Text.Json.JsonSerializer.Serialize(Body));
    private static readonly System.Text.RegularExpressions.Regex Placeholder = new(@"\{[A-Z_]+\}");
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Calls every endpoint as every role (and without a token) and checks: no token → 401; a role the
/// endpoint does not allow → 403; an allowed role → neither. A representative of enterprise A calling
/// with B's ids → 403. Every refusal must write nothing (the caller checks the event count).
/// </summary>
public static class AuthorizationMatrix
{
    public const string RepresentativeOfA = "enterprise-representative(A)";
    private static readonly string?[] Callers = [null, PlatformRoles.Officer, PlatformRoles.Manager, RepresentativeOfA, PlatformRoles.Auditor, PlatformRoles.ExternalSystem];

    /// <returns>The number of (endpoint, caller) cells checked, and the failures.</returns>
    public static async Task<(int Cells, List<string> Failures)> RunAsync<T>(ServiceHost<T> host, IEnumerable<Guarded> endpoints, Guid enterpriseA,
        Func<string, string> withIdsOfA, Func<string, string> withIdsOfB) where T : class
    {
        var failures = new List<string>();
        var cells = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var caller in Callers)
            {
                var client = caller == RepresentativeOfA ? host.CreateClientAs(PlatformRoles.Representative, enterpriseA) : host.CreateClientAs(caller);
                var status = await SendAsync(client, endpoint.Method, withIdsOfA(endpoint.Path), endpoint.Body, withIdsOfA);
                cells++;
                var allowed = caller is not null && endpoint.Allowed.Contains(caller == RepresentativeOfA ? PlatformRoles.Representative : caller);
                var expected = caller is null ? "401" : allowed ? "not 401/403" : "403";
                var ok = caller is null ? status == HttpStatusCode.Unauthorized
                    : allowed ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    : status == HttpStatusCode.Forbidden;
                if (!ok) failures.Add($"{endpoint} as {caller ?? "anonymous"}: expected {expected}, got {(int)status}");
            }
            if (endpoint.Scoped)
            {
                // The representative of A, on B's resources: always refused.
                var status = await SendAsync(host.CreateClientAs(PlatformRoles.Representative, enterpriseA), endpoint.Method, withIdsOfB(endpoint.Path), endpoint.Body, withIdsOfB);
                cells++;
                if (status != HttpStatusCode.Forbidden) failures.Add($"{endpoint} with B's ids as representative of A: expected 403, got {(int)status}");
            }
        }
        return (cells, failures);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, object? body, Func<string, string> ids)
    {
        var content = body is null ? null : new StringContent(ids(System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web)),
            System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        using var response = await client.SendAsync(request);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var problem = await response.Content.ReadAsStringAsync();
            if (!problem.Contains("\"status\":" + (int)response.StatusCode)) return HttpStatusCode.InternalServerError; // refusals must be problem details
        }
        return response.StatusCode;
    }
}
