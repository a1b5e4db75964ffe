using BadInput.Tests.Corpus;
using Xunit;

namespace BadInput.Tests.Meetings;

public class MeetingsBadInputTests(MeetingsCorpusHost host) : IClassFixture<MeetingsCorpusHost>
{
    private static readonly Dictionary<string, CorpusCase> ById = MeetingsCorpus.Cases().ToDictionary(c => c.Id);

    public static IEnumerable<TheoryDataRow<string>> Cases() => ById.Values.Select(c => new TheoryDataRow<string>(c.Id) { Skip = c.Skip });

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Corpus_case(string id) => CorpusRunner.RunAsync(host, ById[id]);

    [Fact]
    public void Every_write_endpoint_has_corpus_cases() => CorpusRunner.AssertCovers(host, MeetingsCorpus.Endpoints);
}
