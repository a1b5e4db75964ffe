using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>Every operation of the document a client is generated from declares its success body.</summary>
public class OpenApiContractTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    [Fact]
    public async Task Every_operation_declares_the_schema_of_its_success_answer()
    {
        var document = await (await host.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(System.Net.HttpStatusCode.OK);
        OpenApiContract.Save("reporting", document);
        var gaps = OpenApiContract.Gaps(document);
        Assert.True(gaps.Count == 0, $"{gaps.Count} operations without a declared success body:\n" + string.Join("\n", gaps));
    }
}
