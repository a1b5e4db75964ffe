using BadInput.Tests.Corpus;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace BadInput.Tests.Registry;

public class RegistryBadInputTests(RegistryCorpusHost host) : IClassFixture<RegistryCorpusHost>
{
    private static readonly Dictionary<string, CorpusCase> ById = RegistryCorpus.Cases().ToDictionary(c => c.Id);

    public static IEnumerable<TheoryDataRow<string>> Cases() => ById.Values.Select(c => new TheoryDataRow<string>(c.Id) { Skip = c.Skip });

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Corpus_case(string id) => CorpusRunner.RunAsync(host, ById[id]);

    [Fact]
    public void Every_write_endpoint_has_corpus_cases() => CorpusRunner.AssertCovers(host, RegistryCorpus.Endpoints);

    /// <summary>TestServer does not enforce Kestrel's limit (the middleware does, above); a real server does, with the same value.</summary>
    [Fact]
    public void Kestrel_gets_the_service_limit() =>
        Assert.Equal(Platform.BuildingBlocks.Http.RequestBodyLimit.DefaultBytes,
            host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
}
