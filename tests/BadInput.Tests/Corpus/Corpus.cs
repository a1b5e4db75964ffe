using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BadInput.Tests.Corpus;

/// <summary>A write endpoint as the corpus calls it: the path with placeholders for real ids (<c>{E}</c>),
/// and a body that is valid for the things the host created (null: the endpoint takes no body).
/// <paramref name="IfMatch"/>: the endpoint changes a stream at the version the client names. <paramref name="JsonBody"/>
/// false: the body is a file (the site import), so the JSON field cases do not apply and its own cases are listed.
/// <paramref name="StaleStatus"/>: what a stale If-Match answers (409 for a state transition; 412 for an edit declared IfMatch.Required).</summary>
public sealed record WriteEndpoint(string Method, string Path, string? Body = null, bool IfMatch = false, bool JsonBody = true, int StaleStatus = 409)
{
    public string Key => $"{Method} {Corpus.RouteKey(Path)}";
    public override string ToString() => Key;
}

/// <summary>
/// The generic part of the corpus, applied to every write endpoint from its valid body: unreadable bodies,
/// wrong JSON types, every field with control characters and overlong, unknown fields, oversized bodies,
/// bad and stale If-Match, and ids that are unknown, of the wrong kind or not ids at all. Each endpoint's
/// specific rules (tax codes, coordinates, periods, dates, numbers…) are listed next to it per service.
/// </summary>
public static partial class Corpus
{
    public const int OverlongLength = 20_000;
    public const long BodyLimit = 1024 * 1024;

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>"/api/x/{id:guid}/y/" and "/api/x/{E}/y" both become "/api/x/{}/y".</summary>
    public static string RouteKey(string route) => RouteParameter().Replace(route, "{}").TrimEnd('/');

    public static readonly int[] BadRequest = [400];
    public static readonly int[] NotFound = [404];

    // ---- building probes ----

    public static Func<ICorpusHost, Task<Probe>> Raw(WriteEndpoint e, string? body, string? contentType = "application/json", string? ifMatch = null, bool chunked = false) =>
        h => Task.FromResult(new Probe(e.Method, Fill(h, e.Path), body is null ? null : Encoding.UTF8.GetBytes(Fill(h, body)), contentType, chunked, ifMatch));

    public static Func<ICorpusHost, Task<Probe>> Json(WriteEndpoint e, Action<JsonNode> change, string? path = null, string? ifMatch = null) =>
        h =>
        {
            var body = JsonNode.Parse(Fill(h, e.Body ?? "{}"))!;
            change(body);
            // System.Text.Json will not write an unpaired surrogate; the marker becomes the raw escape a client could send.
            var text = body.ToJsonString().Replace(LoneSurrogateMarker, "\\ud800");
            return Task.FromResult(new Probe(e.Method, Fill(h, path ?? e.Path), Encoding.UTF8.GetBytes(text), IfMatch: ifMatch));
        };

    /// <summary>The valid body with one field set (or removed, when <paramref name="value"/> is <see cref="Remove"/>).</summary>
    public static Func<ICorpusHost, Task<Probe>> Field(WriteEndpoint e, string field, JsonNode? value) => Json(e, body => Set(body, field, value));

    /// <summary>The valid body with several fields set.</summary>
    public static Func<ICorpusHost, Task<Probe>> Fields(WriteEndpoint e, params (string Field, JsonNode? Value)[] values) =>
        Json(e, body => { foreach (var (f, v) in values) Set(body, f, v); });

    /// <summary>The valid body sent to another path (other ids in the route).</summary>
    public static Func<ICorpusHost, Task<Probe>> At(WriteEndpoint e, string path, string? ifMatch = null) => Json(e, _ => { }, path, ifMatch);

    public static readonly JsonNode Remove = JsonValue.Create("\u0000remove\u0000")!;

    public static string Fill(ICorpusHost h, string template) => CorpusServiceHost<object>.Fill(h.Values, template);

    /// <summary>Sets a field by path: "headOffice.street", "attendance[0].presence", "values.mobile-subscribers".</summary>
    public static void Set(JsonNode root, string path, JsonNode? value)
    {
        var segments = Segments(path);
        var parent = root;
        foreach (var segment in segments[..^1]) parent = segment is int i ? parent[i]! : parent[(string)segment]!;
        var last = segments[^1];
        var copy = value is null ? null : JsonNode.Parse(value.ToJsonString());
        if (last is int index) parent[index] = copy;
        else if (ReferenceEquals(value, Remove)) parent.AsObject().Remove((string)last);
        else parent[(string)last] = copy;
    }

    private static object[] Segments(string path) =>
        path.Split('.').SelectMany(s =>
        {
            var m = Regex.Match(s, @"^([^\[]*)((\[\d+\])*)$");
            var list = new List<object>();
            if (m.Groups[1].Value.Length > 0) list.Add(m.Groups[1].Value);
            foreach (Capture c in m.Groups[3].Captures) list.Add(int.Parse(c.Value.Trim('[', ']')));
            return list;
        }).ToArray();

    /// <summary>Every field of a body with its JSON kind, depth first ("headOffice", "headOffice.street", "sectors", "sectors[0]").</summary>
    public static IEnumerable<(string Path, JsonValueKind Kind)> Leaves(JsonNode node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (child is null) continue;
                    var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    yield return (path, child.GetValueKind());
                    foreach (var leaf in Leaves(child, path)) yield return leaf;
                }
                break;
            case JsonArray a when a.Count > 0 && a[0] is { } first:
                yield return ($"{prefix}[0]", first.GetValueKind());
                foreach (var leaf in Leaves(first, $"{prefix}[0]")) yield return leaf;
                break;
        }
    }

    // ---- the generic cases ----

    /// <summary>The generic cases of one endpoint. <paramref name="wrongKind"/> maps each id placeholder of
    /// the service to a placeholder holding a real id of another kind (a licence's id where an enterprise's goes).</summary>
    /// <summary>A paged list's query parameters (page from 1, pageSize 1–200): each out of range or unreadable is a 400
    /// problem and reads nothing. <paramref name="path"/> may carry the list's other (valid) parameters.</summary>
    public static IEnumerable<CorpusCase> Paging(string service, string path)
    {
        var separator = path.Contains('?') ? '&' : '?';
        CorpusCase Case(string name, string query) => new(service, $"GET {RouteKey(path)}", name,
            h => Task.FromResult(new Probe("GET", Fill(h, $"{path}{separator}{query}"), ContentType: null)), BadRequest);
        yield return Case("page 0", "page=0");
        yield return Case("page -1", "page=-1");
        yield return Case("page as text", "page=hai");
        yield return Case("pageSize 0", "pageSize=0");
        yield return Case("pageSize 201 (over the maximum)", "pageSize=201");
        yield return Case("pageSize 2147483648 (over int)", "pageSize=2147483648");
    }

    public static IEnumerable<CorpusCase> Generic(string service, WriteEndpoint e, IReadOnlyDictionary<string, string> wrongKind)
    {
        CorpusCase Case(string name, Func<ICorpusHost, Task<Probe>> build, int[] statuses) => new(service, e.Key, name, build, statuses);

        if (e.Body is not null && e.JsonBody)
        {
            yield return Case("malformed JSON (cut off)", h => Raw(e, Fill(h, e.Body)[..(Fill(h, e.Body).Length / 2)])(h), BadRequest);
            yield return Case("not JSON (form encoding)", Raw(e, "reason=x&name=y"), BadRequest);
            yield return Case("JSON array instead of an object", Raw(e, "[]"), BadRequest);
            yield return Case("JSON null", Raw(e, "null"), BadRequest);
            yield return Case("JSON string instead of an object", Raw(e, "\"text\""), BadRequest);
            yield return Case("empty body", Raw(e, ""), BadRequest);
            yield return Case("no Content-Type", h => Raw(e, Fill(h, e.Body), contentType: null)(h), [415]);
            yield return Case("Content-Type text/plain", h => Raw(e, Fill(h, e.Body), contentType: "text/plain")(h), [415]);
            yield return Case("body over the 1 MiB limit", Raw(e, Oversized()), [413]);
            yield return Case("body over the 1 MiB limit without Content-Length", Raw(e, Oversized(), chunked: true), [413]);
            yield return Case("unknown fields next to valid ones", Json(e, body =>
            {
                body["id"] = Guid.NewGuid().ToString();
                body["status"] = "ceased";
                body["version"] = 7;
            }), BadRequest);

            var valid = JsonNode.Parse(e.Body)!;
            foreach (var (path, kind) in Leaves(valid))
            {
                switch (kind)
                {
                    case JsonValueKind.String:
                        yield return Case($"{path}: number instead of text", Field(e, path, 12345), BadRequest);
                        yield return Case($"{path}: control characters", Json(e, body => Set(body, path, WithControlCharacters(body, path))), BadRequest);
                        yield return Case($"{path}: unpaired surrogate", Json(e, body => Set(body, path, WithLoneSurrogate(body, path))), BadRequest);
                        yield return Case($"{path}: {OverlongLength:N0} characters", Field(e, path, new string('ấ', OverlongLength)), BadRequest);
                        break;
                    case JsonValueKind.Number:
                        yield return Case($"{path}: text instead of a number", Field(e, path, "mười"), BadRequest);
                        yield return Case($"{path}: overflowing number 1e400", Json(e, body => Set(body, path, JsonNode.Parse("1e400"))), BadRequest);
                        break;
                    case JsonValueKind.Array:
                        yield return Case($"{path}: text instead of a list", Field(e, path, "x"), BadRequest);
                        break;
                    case JsonValueKind.Object:
                        yield return Case($"{path}: list instead of an object", Field(e, path, new JsonArray(1, 2)), BadRequest);
                        break;
                }
            }
        }

        if (e.IfMatch)
        {
            yield return Case("If-Match not a version", At(e, e.Path, ifMatch: "\"abc\""), BadRequest);
            yield return Case("If-Match negative version", At(e, e.Path, ifMatch: "\"-1\""), BadRequest);
            yield return Case("stale If-Match version", At(e, e.Path, ifMatch: "\"999\""), [e.StaleStatus]);
        }

        var slots = RouteParameter().Matches(e.Path).Select(m => m.Value.Trim('{', '}')).Where(wrongKind.ContainsKey).ToList();
        foreach (var slot in slots)
        {
            yield return Case($"{{{slot}}}: unknown id", At(e, e.Path.Replace($"{{{slot}}}", Guid.NewGuid().ToString())), NotFound);
            yield return Case($"{{{slot}}}: id of the wrong kind ({{{wrongKind[slot]}}})", At(e, e.Path.Replace($"{{{slot}}}", $"{{{wrongKind[slot]}}}")), NotFound);
        }
        if (slots.Count > 0)
            yield return Case($"{{{slots[0]}}}: not a GUID", At(e, e.Path.Replace($"{{{slots[0]}}}", "12345")), NotFound);
    }

    /// <summary>A JSON object of just over 1 MiB.</summary>
    public static string Oversized() => $"{{\"padding\":\"{new string('x', (int)BodyLimit + 16)}\"}}";

    private static JsonNode WithControlCharacters(JsonNode body, string path)
    {
        var text = Get(body, path) ?? "";
        var half = text.Length / 2;
        return JsonValue.Create(text[..half] + "\u0000\u0007\u001b" + text[half..])!;
    }

    private static JsonNode WithLoneSurrogate(JsonNode body, string path) => JsonValue.Create((Get(body, path) ?? "") + LoneSurrogateMarker)!;

    private const string LoneSurrogateMarker = "__LONE_SURROGATE__";

    private static string? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in Segments(path)) node = segment is int i ? node?[i] : node?[(string)segment];
        return node?.GetValue<string>();
    }
}
