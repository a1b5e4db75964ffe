using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts.Registry;
using Platform.Infrastructure;
using Platform.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace Infrastructure.Tests;

/// <summary>The Infrastructure service on its own fresh database and vhost.</summary>
public sealed class InfrastructureHost(TestServers servers) : ServiceHost<InfrastructureApi>(servers, "infrastructuredb")
{
    public AdjustableClock Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public Task<long> EventCountAsync() => Store.DomainEventCountAsync();

    /// <summary>Announces an enterprise the way the Registry does (its real contract, through RabbitMQ)
    /// and waits until this service knows it.</summary>
    public async Task<Guid> KnownEnterpriseAsync(string shortName = "Viettel", string kind = "network-operator")
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow,
            $"Công ty {shortName}", shortName, "5399900014", ["telecom"], [kind], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"));
        await Eventually.Until(async () =>
        {
            await using var session = Store.QuerySession();
            return await session.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: $"{shortName} known");
        return id;
    }

    public async Task SetStatusAsync(Guid enterpriseId, long version, string status)
    {
        var bus = Services.GetRequiredService<IBus>();
        if (status == "suspended") await bus.Publish(new EnterpriseSuspendedV1(Guid.NewGuid(), enterpriseId, version, DateTimeOffset.UtcNow, "Vi phạm"));
        else await bus.Publish(new EnterpriseCeasedV1(Guid.NewGuid(), enterpriseId, version, DateTimeOffset.UtcNow, "Giải thể"));
        await Eventually.Until(async () =>
        {
            await using var session = Store.QuerySession();
            return (await session.LoadAsync<KnownEnterprise>(enterpriseId))!.Status;
        }, s => s == status, what: $"status {status}");
    }

    public static object Tower(Guid ownerId, string name = "Trạm BTS Cốc Lếu", string district = "Thành phố Lào Cai", string commune = "Phường Cốc Lếu",
        string kind = "greenfield-tower", int capacity = 2, decimal? height = 40m, int? undergroundingYear = null) => new
        {
            name, kind, ownerId, district, commune, latitude = 22.4856, longitude = 103.9707, address = "Thôn 1",
            heightMetres = height, tenantCapacity = capacity, zone = "in-plan", plannedUndergroundingYear = undergroundingYear,
        };

    public async Task<Guid> RegisterSiteAsync(HttpClient client, object site)
    {
        var response = await client.PostAsJsonAsync("/api/infrastructure/sites", site);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A tower taken through permit and approval into operation.</summary>
    public async Task<Guid> OperationalTowerAsync(HttpClient client, Guid ownerId, int capacity = 2, string district = "Thành phố Lào Cai", string commune = "Phường Cốc Lếu")
    {
        var id = await RegisterSiteAsync(client, Tower(ownerId, capacity: capacity, district: district, commune: commune));
        foreach (var step in new[] { "permit-request", "permit-approval", "operation" })
            (await client.PostAsJsonAsync($"/api/infrastructure/sites/{id}/{step}", new { on = "2024-01-10" })).EnsureSuccessStatusCode();
        return id;
    }
}
