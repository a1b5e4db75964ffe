using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace BadInput.Tests.Corpus;

public static class CorpusRunner
{
    /// <summary>Sends the case and checks the answer and the store: a refusal is a 4xx problem document and
    /// leaves the count unchanged; an acceptance appends exactly what it says.</summary>
    public static async Task RunAsync(ICorpusHost host, CorpusCase c)
    {
        var probe = await c.Build(host);
        var before = await host.CountAsync();
        using var response = await host.Client.SendAsync(ToRequest(probe));
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var shown = text.Length > 600 ? text[..600] + "…" : text;
        Assert.True(c.Statuses.Contains(status), $"{c.Id}: expected {string.Join(" or ", c.Statuses)}, got {status}: {shown}");

        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        if (!c.IsAcceptance)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(status, body.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("type").GetString()), $"{c.Id}: problem without type: {shown}");
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()), $"{c.Id}: problem without title: {shown}");
        }

        var after = await host.CountAsync();
        Assert.True(before + c.Appended == after, $"{c.Id}: {after - before} events/documents appended, expected {c.Appended}");
        if (c.Verify is not null) await c.Verify(host, body);
    }

    public static HttpRequestMessage ToRequest(Probe probe)
    {
        var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.Body is not null)
        {
            HttpContent content = probe.Chunked ? new UnknownLengthContent(probe.Body) : new ByteArrayContent(probe.Body);
            if (probe.ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(probe.ContentType);
            request.Content = content;
        }
        if (probe.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", probe.IfMatch);
        return request;
    }

    /// <summary>A body sent without Content-Length (chunked on a real connection).</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Fails naming every write endpoint the service maps that the corpus does not cover.</summary>
    public static void AssertCovers(ICorpusHost host, IEnumerable<WriteEndpoint> corpus)
    {
        var covered = corpus.Select(e => e.Key).ToHashSet();
        var routed = host.WriteEndpoints();
        Assert.NotEmpty(routed);
        var missing = routed.Where(r => !covered.Contains(r)).ToList();
        Assert.True(missing.Count == 0, $"{host.Service}: write endpoints without corpus cases:\n{string.Join("\n", missing)}");
        var stale = covered.Where(c => !routed.Contains(c)).ToList();
        Assert.True(stale.Count == 0, $"{host.Service}: corpus entries for endpoints the service does not map:\n{string.Join("\n", stale)}");
    }
}
