using Platform.BuildingBlocks.Geography;
using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Geography;
using Platform.Registry.Enterprises;
using Platform.Testing;
using Xunit;

namespace Registry.Tests.Api;

/// <summary>Head offices against the official list of units: refusal with suggestions, the unit kept as entered,
/// the directory's unit filters, the migration of records entered by names, and the code in the integration events.</summary>
public class HeadOfficeUnitApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private readonly HttpClient _client = host.CreateClient();

    private async Task<Guid[]> IdsAsync(string query)
    {
        var page = await (await _client.GetAsync($"/api/registry/enterprises?{query}")).ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();
    }

    [Fact]
    public async Task An_unknown_commune_is_400_naming_the_field_with_suggestions_and_codes_and_nothing_is_registered()
    {
        var taxCode = TestData.NewTaxCode();
        var before = await host.EventCountAsync();
        var problem = await (await _client.PostAsJsonAsync("/api/registry/enterprises",
            TestData.Enterprise(taxCode, commune: "phuong coc leuu"))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("Phường Cốc Lếu (02644)", problem.GetProperty("errors").GetProperty("headOffice.commune")[0].GetString());
        var code = problem.GetProperty("errorCodes").GetProperty("headOffice.commune")[0];
        Assert.Equal("unknown-commune", code.GetProperty("code").GetString());
        Assert.Equal("Thành phố Lào Cai", code.GetProperty("within").GetString());
        Assert.Equal("Phường Cốc Lếu (02644)", code.GetProperty("suggestions")[0].GetString());
        Assert.Equal(before, await host.EventCountAsync());
        Assert.Empty(await IdsAsync($"q={taxCode}"));
    }

    [Fact]
    public async Task The_head_office_keeps_the_unit_it_was_entered_with_and_the_directory_filters_by_codes_of_either_generation()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        // Cốc Lếu (old 02644, Thành phố Lào Cai) went into Phường Lào Cai (new 02647) on 1 July 2025.
        var old = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"Cũ {tag}", commune: "phuong coc leu", district: "thanh pho lao cai"));
        var current = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"Mới {tag}", commune: "Phường Lào Cai", district: null!));
        var elsewhere = await host.RegisterAsync(_client, TestData.Enterprise(shortName: $"Khác {tag}", district: "Thị xã Sa Pa"));

        var detail = await (await _client.GetAsync($"/api/registry/enterprises/{old}")).ExpectAsync(HttpStatusCode.OK);
        var office = detail.GetProperty("headOffice");
        Assert.Equal(("Phường Cốc Lếu", "Thành phố Lào Cai", "02644", "three-tier"),
            (office.GetProperty("commune").GetString(), office.GetProperty("district").GetString(), office.GetProperty("communeCode").GetString(), office.GetProperty("generation").GetString()));

        Assert.Equal(new[] { old, current }.Order(), (await IdsAsync($"q={tag}&unit=02647")).Order());       // the current ward and the old one in it
        Assert.Equal([old], await IdsAsync($"q={tag}&unit={Uri.EscapeDataString("Phường Cốc Lếu")}"));
        Assert.Equal([old], await IdsAsync($"q={tag}&district=080"));                                  // the old district by code
        Assert.Equal([old], await IdsAsync($"q={tag}&district={Uri.EscapeDataString("thanh pho lao cai")}")); // and by name
        Assert.Equal([elsewhere], await IdsAsync($"q={tag}&unit=088"));
        Assert.Equal(3, (await IdsAsync($"q={tag}&unit=15")).Length);                                  // the province

        // The directory's JSON rows carry the unit as entered and the current commune it lies in.
        var listed = (await (await _client.GetAsync($"/api/registry/enterprises?q={tag}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetGuid(), i => (i.GetProperty("communeCode").GetString(), i.GetProperty("generation").GetString(),
                i.GetProperty("currentCommuneCode").GetString(), i.GetProperty("currentCommune").GetString()));
        Assert.Equal(("02644", "three-tier", "02647", "Phường Lào Cai"), listed[old]);
        Assert.Equal(("02647", "two-tier", "02647", "Phường Lào Cai"), listed[current]);

        var bad = await (await _client.GetAsync("/api/registry/enterprises?unit=khong-co")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("unknown-unit", bad.GetProperty("errorCodes").GetProperty("unit")[0].GetProperty("code").GetString());

        // The snapshot has both views: the unit as entered and the current commune.
        var rows = await (await _client.GetAsync("/api/registry/enterprises/export?format=csv")).CsvAsync();
        Assert.Equal(["Mã xã/phường (như đã nhập)", "Thời kỳ đơn vị", "Mã xã/phường hiện nay", "Xã/phường hiện nay"], rows[0][11..]);
        Assert.Equal(["02644", "three-tier", "02647", "Phường Lào Cai"], rows.Single(r => r[9] == old.ToString())[11..]);
    }

    /// <summary>The migration reads the uncoded records a page at a time (an upgraded register may hold thousands): with pages of
    /// 2, seven records, the unmatched ones among them staying uncoded in front of the rest, all the matched ones are coded.</summary>
    [Fact]
    public async Task The_migration_codes_more_records_than_one_page_reads()
    {
        var legacy = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var unknown = Enumerable.Range(0, 2).Select(_ => Guid.NewGuid()).ToList();
        await using (var session = host.Store.LightweightSession())
        {
            foreach (var id in legacy)
                session.Events.StartStream<Enterprise>(id, new EnterpriseRegistered(id, TestData.NewTaxCode(),
                    TestData.Details() with { HeadOffice = new Address("Số 9", "Thị trấn Khánh Yên", "Huyện Văn Bàn") }, DateTimeOffset.UtcNow));
            foreach (var id in unknown)
                session.Events.StartStream<Enterprise>(id, new EnterpriseRegistered(id, TestData.NewTaxCode(),
                    TestData.Details() with { HeadOffice = new Address("Số 9", "Phường 1", "Thành phố Trà Vinh") }, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        var geography = host.Services.GetRequiredService<ProvinceGeography>();
        var (coded, unresolved) = await UnitCoding.RunAsync(host.Store, host.Services.GetRequiredService<ISessionFactory>(), AddressCoding.Job(geography), CancellationToken.None, batch: 2);

        Assert.True(coded >= legacy.Count);
        Assert.Superset(unknown.ToHashSet(), unresolved.Select(e => e.Id).ToHashSet());
        var khanhYen = geography.OldCommunes.Single(c => c.Name == "Thị trấn Khánh Yên").Code;
        await using var query = host.Store.QuerySession();
        Assert.All(await query.LoadManyAsync<Enterprise>(legacy), e => Assert.Equal(khanhYen, e.Details.HeadOffice.CommuneCode));
    }

    [Fact]
    public async Task Head_offices_entered_by_names_are_coded_by_the_migration_and_consumers_hear_it_with_the_code()
    {
        await using var consumer = await OutsideConsumer.StartAsync(host.MessagingUri,
            IntegrationEventNames.ExchangeFor<EnterpriseRegisteredV1>(), IntegrationEventNames.ExchangeFor<EnterpriseDetailsAmendedV1>());
        var registered = await host.RegisterAsync(_client, TestData.Enterprise());
        var (legacy, unknown) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var session = host.Store.LightweightSession())
        {
            // As the register stored them before: names as typed, no code.
            session.Events.StartStream<Enterprise>(legacy, new EnterpriseRegistered(legacy, TestData.NewTaxCode(),
                TestData.Details() with { HeadOffice = new Address("Số 9", "Thị trấn Khánh Yên", "Huyện Văn Bàn") }, DateTimeOffset.UtcNow));
            session.Events.StartStream<Enterprise>(unknown, new EnterpriseRegistered(unknown, TestData.NewTaxCode(),
                TestData.Details() with { HeadOffice = new Address("Số 9", "Phường 1", "Thành phố Trà Vinh") }, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        var geography = host.Services.GetRequiredService<ProvinceGeography>();
        var sessions = host.Services.GetRequiredService<ISessionFactory>();
        var (coded, unresolved) = await UnitCoding.RunAsync(host.Store, sessions, AddressCoding.Job(geography), CancellationToken.None);
        Assert.True(coded >= 1);
        Assert.Contains(unresolved, e => e.Id == unknown);

        var khanhYen = geography.OldCommunes.Single(c => c.Name == "Thị trấn Khánh Yên");
        await using (var query = host.Store.QuerySession())
        {
            var enterprise = (await query.LoadAsync<Enterprise>(legacy))!;
            Assert.Equal((khanhYen.Code, UnitGeneration.ThreeTier, 2L), (enterprise.Details.HeadOffice.CommuneCode, enterprise.Details.HeadOffice.Generation!.Value, enterprise.Version));
            var coding = (await query.Events.FetchStreamAsync(legacy))[1];
            Assert.IsType<EnterpriseAddressCoded>(coding.Data);
            Assert.Equal(AddressCoding.Actor, coding.UserName); // the audit trail names the job
            Assert.Null((await query.LoadAsync<Enterprise>(unknown))!.Details.HeadOffice.CommuneCode);
        }
        // In the directory: the code the migration found and the current commune.
        var row = (await (await _client.GetAsync($"/api/registry/enterprises?unit={khanhYen.Code}&pageSize=200")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == legacy);
        var successor = geography.CurrentCommune(UnitGeneration.ThreeTier, khanhYen.Code)!;
        Assert.Equal((khanhYen.Code, "three-tier", successor.Code, successor.Name),
            (row.GetProperty("communeCode").GetString(), row.GetProperty("generation").GetString(), row.GetProperty("currentCommuneCode").GetString(), row.GetProperty("currentCommune").GetString()));
        Assert.Contains(legacy, await IdsAsync($"unit={khanhYen.Code}&pageSize=200"));
        Assert.Equal(0, (await UnitCoding.RunAsync(host.Store, sessions, AddressCoding.Job(geography), CancellationToken.None)).Coded); // once only

        // Registration and migration both reach outside systems over RabbitMQ with the unit's code.
        var registeredEvent = await Eventually.Until(
            () => Task.FromResult(consumer.Received.Select(m => m.Body).FirstOrDefault(b => b.GetProperty("enterpriseId").GetGuid() == registered)),
            b => b.ValueKind != System.Text.Json.JsonValueKind.Undefined, what: "EnterpriseRegisteredV1");
        Assert.Equal(("02644", "three-tier"), (registeredEvent.GetProperty("communeCode").GetString(), registeredEvent.GetProperty("unitGeneration").GetString()));
        var amended = await Eventually.Until(
            () => Task.FromResult(consumer.Received.Select(m => m.Body).FirstOrDefault(b => b.GetProperty("enterpriseId").GetGuid() == legacy && b.GetProperty("streamVersion").GetInt64() == 2)),
            b => b.ValueKind != System.Text.Json.JsonValueKind.Undefined, what: "EnterpriseDetailsAmendedV1 of the coded address");
        Assert.Equal((khanhYen.Code, "three-tier", "Thị trấn Khánh Yên"),
            (amended.GetProperty("communeCode").GetString(), amended.GetProperty("unitGeneration").GetString(), amended.GetProperty("commune").GetString()));
    }
}
