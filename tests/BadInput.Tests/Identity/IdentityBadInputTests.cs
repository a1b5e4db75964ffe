using BadInput.Tests.Corpus;
using Xunit;

namespace BadInput.Tests.Identity;

public class IdentityBadInputTests(IdentityCorpusHost host) : IClassFixture<IdentityCorpusHost>
{
    private static readonly Dictionary<string, CorpusCase> ById = IdentityCorpus.Cases().ToDictionary(c => c.Id);

    public static IEnumerable<TheoryDataRow<string>> Cases() => ById.Values.Select(c => new TheoryDataRow<string>(c.Id) { Skip = c.Skip });

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Corpus_case(string id) => CorpusRunner.RunAsync(host, ById[id]);

    [Fact]
    public void Every_write_endpoint_of_the_management_API_has_corpus_cases() => CorpusRunner.AssertCovers(host, IdentityCorpus.Endpoints);
}
