using BadInput.Tests.Corpus;
using Xunit;

namespace BadInput.Tests.Infrastructure;

public class InfrastructureBadInputTests(InfrastructureCorpusHost host) : IClassFixture<InfrastructureCorpusHost>
{
    private static readonly Dictionary<string, CorpusCase> ById = InfrastructureCorpus.Cases().ToDictionary(c => c.Id);

    public static IEnumerable<TheoryDataRow<string>> Cases() => ById.Values.Select(c => new TheoryDataRow<string>(c.Id) { Skip = c.Skip });

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Corpus_case(string id) => CorpusRunner.RunAsync(host, ById[id]);

    [Fact]
    public void Every_write_endpoint_has_corpus_cases() => CorpusRunner.AssertCovers(host, InfrastructureCorpus.Endpoints);
}
