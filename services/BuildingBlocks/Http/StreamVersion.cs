using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// The stream version travels as the HTTP entity tag: every read returns <c>ETag: "N"</c>, and a change
/// sent with <c>If-Match: "N"</c> is applied only if the stream is still at version N.
/// </summary>
public static class StreamVersion
{
    public static string ToETag(long version) => $"\"{version}\"";

    /// <summary>The expected version from If-Match: null when absent (or "*"); false when unparseable.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? expectedVersion)
    {
        expectedVersion = null;
        var header = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (header.Length == 0 || header == "*") return true;
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        if (header.Length >= 2 && header[0] == '"' && header[^1] == '"') header = header[1..^1];
        if (!long.TryParse(header, out var version) || version < 0) return false;
        expectedVersion = version;
        return true;
    }

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = ToETag(version);
}
