using System.IO.Compression;
using System.Text.Json;
using Platform.Geography;
using Xunit;

namespace Geography.Tests;

/// <summary>The forward-only boundary reader against a whole-document parse of the same shipped data set.</summary>
public class BoundaryReaderTests
{
    private static Stream Open(string name)
    {
        var raw = typeof(Country).Assembly.GetManifestResourceStream(name)!;
        return name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
    }

    // Reads in small, odd-sized pieces, so communes straddle the reader's buffer refills in every possible way.
    private sealed class Trickle(Stream inner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 997));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); }
    }

    private static Dictionary<string, Position[][]> ParsedWhole()
    {
        using var doc = JsonDocument.Parse(Open("boundaries.json.gz"));
        return doc.RootElement.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.EnumerateArray()
            .Select(ring => ring.EnumerateArray().Select(p => new Position(p[0].GetDouble(), p[1].GetDouble())).ToArray()).ToArray());
    }

    [Fact]
    public void Every_commune_reads_as_the_whole_document_parse_has_it()
    {
        var expected = ParsedWhole();
        var country = Country.Load(name => new Trickle(Open(name)));
        var read = country.Boundaries;
        Assert.Equal(expected.Keys.Order(), read.Keys.Order());
        Assert.Equal(3321, read.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, read[e.Key].Rings));
    }

    [Fact]
    public void A_province_keeps_only_its_own_communes_boundaries()
    {
        var expected = ParsedWhole();
        var country = Country.Load(Open); // fresh: nothing read yet, so BoundariesOf reads the data set itself
        var laoCai = new ProvinceGeography(country, ProvinceGeography.LaoCai);
        var codes = laoCai.Communes.Select(c => c.Code).ToHashSet();
        var own = country.BoundariesOf(codes);
        Assert.Equal(codes.Order(), own.Keys.Order());
        Assert.All(own, b => Assert.Equal(expected[b.Key], b.Value.Rings));
        Assert.All(laoCai.Communes, c => Assert.Equal(expected[c.Code], laoCai.Boundary(c.Code)!.Rings));
        Assert.Null(laoCai.Boundary("00004")); // Phường Ba Đình, Hà Nội: not the province's
    }
}
