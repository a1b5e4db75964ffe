using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Web.Api;

/// <summary>An RFC 9457 problem from one of the services (or one the console makes up when a service does not answer).
/// <see cref="Errors"/> is keyed by the API's field name (e.g. "taxCode", "headOffice.street", an indicator code).</summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail, string? Code, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Per field, the stable code of each message in <see cref="Errors"/> at the same position (null: none), so the console
    /// says it in its own language (<c>errorCodes</c> of the problem details).</summary>
    public IReadOnlyDictionary<string, ApiFieldCode?[]> ErrorCodes { get; init; } = new Dictionary<string, ApiFieldCode?[]>();

    public IReadOnlyList<ApiFieldCode?> CodesFor(string field) =>
        ErrorCodes.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];

    /// <summary>The page was stale: 409 <c>concurrency-conflict</c> (the resource changed since the page read it; a 409 without a
    /// code is taken as one too); 412: an edit's If-Match no longer matches (the answer of edits that require it); 428: a value
    /// the page read as not yet entered was entered meanwhile, so its correction needs the version the page never had.
    /// Reloading shows why.</summary>
    public bool OffersReload => Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.PreconditionRequired
        || Status == (int)HttpStatusCode.Conflict && Code is null or "concurrency-conflict" or "if-match-required";

    /// <summary>A 409 with a code of its own is a business rule about the current state (a request already open for the site, an
    /// agreement for that year already drafted, a tax code already registered): reloading would change nothing, so the page says
    /// the rule (<c>problem.&lt;code&gt;</c>), next to its field where it has one (<see cref="RuleField"/>).</summary>
    public bool IsRuleConflict => Status == (int)HttpStatusCode.Conflict && !OffersReload;

    /// <summary>The request field a business-rule 409 is about, so the page shows it there (null: the form as a whole).</summary>
    public string? RuleField => IsRuleConflict && Code is { } code ? RuleFields.GetValueOrDefault(code) : null;

    private static readonly Dictionary<string, string> RuleFields = new()
    {
        ["request-already-open"] = "siteId",
        ["already-tenant"] = "requesterId",
        ["agreement-exists-for-year"] = "year",
        ["duplicate-tax-code"] = "taxCode",
        ["duplicate-licence"] = "number",
        ["already-interested"] = "enterpriseId",
        ["already-signed"] = "enterpriseId",
    };

    public bool IsForbidden => Status is (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.Unauthorized;

    /// <summary>The whole problem document, for the extensions a page reads (the site import's <c>rejected</c> rows).</summary>
    public JsonElement? Body { get; init; }

    public IReadOnlyList<string> For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];

    /// <summary>Field errors not shown next to any of <paramref name="fieldsOnThePage"/>: the summary lists them instead.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> Unplaced(IEnumerable<string> fieldsOnThePage)
    {
        var shown = fieldsOnThePage.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Errors.Where(e => !shown.Contains(e.Key));
    }

    public static ApiProblem Unreachable(string service, string why) =>
        new(0, "unreachable", $"{service}: {why}", "unreachable", new Dictionary<string, string[]>());

    /// <summary>Reads a problem-details body; a body that is not one still gives the status.</summary>
    public static ApiProblem Parse(int status, string? body)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(body) && JsonSerializer.Deserialize<ProblemBody>(body, ApiJson.Options) is { } p)
                return new(p.Status ?? status, p.Title, p.Detail, p.Code, p.Errors ?? new Dictionary<string, string[]>())
                {
                    Body = JsonSerializer.Deserialize<JsonElement>(body),
                    ErrorCodes = p.ErrorCodes ?? new Dictionary<string, ApiFieldCode?[]>(),
                };
        }
        catch (JsonException)
        {
        }
        return new(status, null, null, null, new Dictionary<string, string[]>());
    }

    private sealed record ProblemBody(int? Status, string? Title, string? Detail, string? Code, Dictionary<string, string[]>? Errors,
        Dictionary<string, ApiFieldCode?[]>? ErrorCodes);
}

/// <summary>A field error's code, the unit it was looked for in and the names the value may have meant.</summary>
public sealed record ApiFieldCode(string Code, string? Within, string[]? Suggestions);

/// <summary>What a call to a service gave: the value (2xx) with the stream version from its ETag, or the problem.</summary>
public sealed record ApiResult<T>(T? Value, long? Version, ApiProblem? Problem)
{
    public bool Ok => Problem is null;

    public static ApiResult<T> Success(T? value, long? version) => new(value, version, null);
    public static ApiResult<T> Failure(ApiProblem problem) => new(default, null, problem);
}

public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
