using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Catalogue;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts;
using Platform.Contracts.Reporting;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

public class EventCatalogueTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    /// <summary>docs/asyncapi.json is what outside systems read; it must match the contracts.
    /// After changing a contract, regenerate it: UPDATE_EVENT_CATALOGUE=1 deploy/local/test.sh</summary>
    [Fact]
    public void The_committed_catalogue_matches_the_contracts()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "asyncapi.json");
        var generated = EventCatalogue.GenerateText();
        if (Environment.GetEnvironmentVariable("UPDATE_EVENT_CATALOGUE") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_EVENT_CATALOGUE=1");
        Assert.True(File.ReadAllText(path) == generated,
            "docs/asyncapi.json is out of date with the contracts project; run the tests once with UPDATE_EVENT_CATALOGUE=1 and commit the result");
    }

    [Fact]
    public void Every_contract_has_a_channel_a_schema_with_descriptions_and_an_example_that_round_trips()
    {
        var doc = EventCatalogue.Generate();
        Assert.Equal("3.0.0", doc["asyncapi"]!.GetValue<string>());
        Assert.NotEmpty(EventCatalogue.Contracts);
        foreach (var contract in EventCatalogue.Contracts)
        {
            var channel = doc["channels"]![char.ToLowerInvariant(contract.Name[0]) + contract.Name[1..]]!;
            Assert.Equal(IntegrationEventNames.ExchangeFor(contract), channel["address"]!.GetValue<string>());
            var schema = doc["components"]!["schemas"]![contract.Name]!;
            var properties = schema["properties"]!.AsObject();
            Assert.Contains("eventId", properties.Select(p => p.Key));
            Assert.All(properties, p => Assert.False(string.IsNullOrWhiteSpace(p.Value!["description"]?.GetValue<string>()), $"{contract.Name}.{p.Key} has no description"));
            var example = doc["components"]!["messages"]![contract.Name]!["examples"]![0]!["payload"]!.ToJsonString();
            var parsed = (IIntegrationEvent)JsonSerializer.Deserialize(example, contract, JsonSerializerOptions.Web)!;
            Assert.NotEqual(Guid.Empty, parsed.EventId);
        }
    }

    /// <summary>Every contract's example, written exactly as the bus writes it (MassTransit's serializer options as the
    /// services configure them), has the types docs/asyncapi.json declares: a converter that writes a decimal, a date or
    /// an enum differently from the document fails here, not at an outside system.</summary>
    [Fact]
    public void Every_contract_as_the_bus_writes_it_matches_the_published_schema()
    {
        var doc = EventCatalogue.Generate();
        var decimals = 0;
        foreach (var contract in EventCatalogue.Contracts)
        {
            var example = JsonSerializer.Deserialize(doc["components"]!["messages"]![contract.Name]!["examples"]![0]!["payload"]!.ToJsonString(), contract, JsonSerializerOptions.Web)!;
            var wire = JsonSerializer.SerializeToElement(example, contract, WireJson.Options);
            Assert.Empty(ContractSchema.Violations(contract.Name, wire));
            decimals += contract.GetProperties().Count(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(decimal));
        }
        Assert.True(decimals > 0, "no contract has a decimal field: the check above proves nothing about decimals");
    }

    /// <summary>Messages written before decimals went out as numbers ("10000000") may still wait in queues at an upgrade.</summary>
    [Fact]
    public void The_bus_reads_a_decimal_written_as_a_number_or_as_a_string_and_writes_a_number()
    {
        var field = JsonSerializer.Deserialize<ReportTemplateField>(
            """{"code":"x","label":"X","labelEn":null,"type":"count","required":false,"min":"0.5","max":10000000}""", WireJson.Options)!;
        Assert.Equal((0.5m, 10_000_000m), (field.Min, field.Max));
        var written = JsonSerializer.SerializeToElement(field with { Min = 1234567890123.45m }, WireJson.Options);
        Assert.Equal((JsonValueKind.Number, "1234567890123.45"), (written.GetProperty("min").ValueKind, written.GetProperty("min").GetRawText()));
    }

    [Fact]
    public async Task Each_service_serves_its_own_part()
    {
        var doc = await (await host.CreateClient().GetAsync("/asyncapi.json")).ExpectAsync(HttpStatusCode.OK);
        var addresses = doc.GetProperty("channels").EnumerateObject().Select(c => c.Value.GetProperty("address").GetString()!).ToList();
        Assert.Contains("platform.registry.enterprise-registered.v1", addresses);
        Assert.All(addresses, a => Assert.StartsWith("platform.registry.", a));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
