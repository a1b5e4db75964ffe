using System.Text.Json;

namespace BadInput.Tests.Corpus;

/// <summary>What a case sends: method, path (ids filled in), raw body bytes and headers, so malformed
/// input goes out exactly as written. <paramref name="Chunked"/> sends the body without a Content-Length.</summary>
public sealed record Probe(string Method, string Path, byte[]? Body = null, string? ContentType = "application/json",
    bool Chunked = false, string? IfMatch = null);

/// <summary>
/// One row of the corpus. A refusal case expects one of <paramref name="Statuses"/> (all 4xx) with RFC 9457
/// problem details and the store unchanged. An acceptance case (the "accepted and normalised" round trips)
/// expects a 2xx, exactly <paramref name="Appended"/> new events (or documents) and whatever
/// <paramref name="Verify"/> checks about what was stored.
/// </summary>
public sealed record CorpusCase(
    string Service, string Endpoint, string Name, Func<ICorpusHost, Task<Probe>> Build, int[] Statuses,
    string? Skip = null, int Appended = 0, Func<ICorpusHost, JsonElement, Task>? Verify = null)
{
    public string Id => $"{Endpoint} · {Name}";
    public bool IsAcceptance => Statuses.All(s => s is >= 200 and < 300);
}
