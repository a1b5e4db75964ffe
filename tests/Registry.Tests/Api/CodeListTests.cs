using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Infrastructure;
using Platform.Contracts.Meetings;
using Platform.Registry.Enterprises;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>The code lists of the contracts' document (docs/asyncapi.json, what outside systems validate against) are
/// the ones the services parse with: each coded field lists exactly its enum's codes, and the Registry accepts every
/// code the document lists for an enterprise and refuses one it does not.</summary>
public class CodeListTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    // Which code list each coded field of the contracts carries: the enum its service parses the request with.
    private static readonly Dictionary<string, Type> CodedFields = new()
    {
        ["EnterpriseRegisteredV1.sectors"] = typeof(Sector),
        ["EnterpriseRegisteredV1.kinds"] = typeof(EnterpriseKind),
        ["EnterpriseDetailsAmendedV1.sectors"] = typeof(Sector),
        ["EnterpriseDetailsAmendedV1.kinds"] = typeof(EnterpriseKind),
        ["LicenceGrantedV1.licenceType"] = typeof(LicenceType),
        ["LicenceGrantedV1.issuingAuthority"] = typeof(IssuingAuthority),
        ["SiteRegisteredV1.kind"] = typeof(SiteKind),
        ["SiteRegisteredV1.zone"] = typeof(PlanZone),
        ["SiteStatusChangedV1.kind"] = typeof(SiteKind),
        ["SiteStatusChangedV1.status"] = typeof(SiteStatus),
        ["CivilWorksPlannedV1.kind"] = typeof(WorksKind),
        ["SharingRefusedV1.reason"] = typeof(RefusalReason),
        ["SharingDisputeResolvedV1.outcome"] = typeof(MediationOutcome),
        ["MeetingScheduledV1.kind"] = typeof(MeetingKind),
        ["ActionItemAssignedV1.assigneeKind"] = typeof(AssigneeKind),
        ["ActionItemOverdueV1.assigneeKind"] = typeof(AssigneeKind),
        ["IssueEscalatedV1.to"] = typeof(EscalationBody),
        ["AgreementInForceV1.commitmentCategories"] = typeof(CommitmentCategory),
        ["ReportTemplateVersionPublishedV1.enterpriseKinds"] = typeof(EnterpriseKind),
    };

    [Fact]
    public void Each_coded_field_of_the_committed_document_lists_the_codes_its_service_parses_with()
    {
        var schemas = Document()["components"]!["schemas"]!.AsObject();
        var found = new Dictionary<string, string[]>();
        foreach (var (contract, schema) in schemas)
            foreach (var (field, property) in schema!["properties"]!.AsObject())
                if ((property!["items"]?["enum"] ?? property["enum"]) is JsonArray codes)
                    found[$"{contract}.{field}"] = codes.Select(c => c!.GetValue<string>()).ToArray();

        Assert.Equal(CodedFields.Keys.Order(), found.Keys.Order());
        foreach (var (field, list) in CodedFields)
            Assert.True(CodeList.All(list).SequenceEqual(found[field]),
                $"{field}: the document lists [{string.Join(", ", found[field])}], the service parses [{string.Join(", ", CodeList.All(list))}]");

        // Each example in the document uses codes of its lists.
        foreach (var (contract, message) in Document()["components"]!["messages"]!.AsObject())
        {
            var payload = message!["examples"]![0]!["payload"]!.AsObject();
            foreach (var (field, codes) in found.Where(f => f.Key.StartsWith(contract + ".", StringComparison.Ordinal)))
            {
                var value = payload[field[(contract.Length + 1)..]];
                var used = value is JsonArray many ? many.Select(v => v!.GetValue<string>()) : value is null ? [] : [value.GetValue<string>()];
                Assert.All(used, code => Assert.Contains(code, codes));
            }
        }
    }

    [Fact]
    public void The_registration_parse_step_accepts_every_code_the_document_lists_for_an_enterprise()
    {
        var fields = Document()["components"]!["schemas"]!["EnterpriseRegisteredV1"]!["properties"]!;
        var sectors = fields["sectors"]!["items"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        var kinds = fields["kinds"]!["items"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();

        var parsed = RegisterEnterprise.Parse(TestData.Request() with { Sectors = sectors, Kinds = kinds }, TestData.Geography);

        Assert.True(parsed.IsValid, "the document's codes are refused by the Registry's parse step");
        Assert.Equal(sectors, parsed.Command.Details.Sectors.Select(CodeList.Of));
        Assert.Equal(kinds, parsed.Command.Details.Kinds.Select(CodeList.Of));
    }

    [Fact]
    public async Task The_Registry_API_registers_with_every_listed_sector_and_kind_and_refuses_an_unlisted_one()
    {
        var client = host.CreateClient();
        var fields = Document()["components"]!["schemas"]!["EnterpriseRegisteredV1"]!["properties"]!;
        var sectors = fields["sectors"]!["items"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        var kinds = fields["kinds"]!["items"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();

        var created = await (await client.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise(sectors: sectors, kinds: kinds)))
            .ExpectAsync(HttpStatusCode.Created);
        var detail = await (await client.GetAsync($"/api/registry/enterprises/{created.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(sectors, detail.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(kinds, detail.GetProperty("kinds").EnumerateArray().Select(s => s.GetString()));

        var before = await host.EventCountAsync();
        var refused = await (await client.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise(sectors: ["broadcasting"])))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["sectors"], refused.FieldErrors());
        Assert.Equal(before, await host.EventCountAsync());
    }

    private static JsonNode Document() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "asyncapi.json")))!;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
