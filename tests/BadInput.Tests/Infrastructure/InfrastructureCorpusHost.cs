using BadInput.Tests.Corpus;
using BadInput.Tests.Registry;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.Contracts.Registry;
using Platform.Infrastructure;
using Platform.Testing;

namespace BadInput.Tests.Infrastructure;

/// <summary>
/// Infrastructure with two active enterprises known from the Registry ({OWNER}, {OTHER}); planned towers
/// {S}, {S2}, {S3} of {OWNER}; an aerial route {SR} on the undergrounding roadmap; sharing requests of {OTHER}:
/// {R} submitted (on {S}), {RO} offered (on {S2}), {RD} disputed (on {S3}); planned civil works {W} of {OWNER}.
/// </summary>
public sealed class InfrastructureCorpusHost(TestServers servers) : CorpusServiceHost<InfrastructureApi>(servers, "infrastructuredb", "infrastructure")
{
    protected override async Task SetUpAsync()
    {
        Values["OWNER"] = (await KnownEnterpriseAsync("Viettel")).ToString();
        Values["OTHER"] = (await KnownEnterpriseAsync("VNPT")).ToString();
        foreach (var site in new[] { "S", "S2", "S3" })
            Values[site] = (await CreateAsync("/api/infrastructure/sites", InfrastructureCorpus.TowerBody)).ToString();
        Values["SR"] = (await CreateAsync("/api/infrastructure/sites", InfrastructureCorpus.AerialRouteBody)).ToString();
        Values["R"] = (await CreateAsync("/api/infrastructure/sharing-requests", InfrastructureCorpus.SharingBody)).ToString();
        Values["RO"] = (await CreateAsync("/api/infrastructure/sharing-requests", InfrastructureCorpus.SharingBody.Replace("{S}", "{S2}"))).ToString();
        await StepAsync($"/api/infrastructure/sharing-requests/{Values["RO"]}/offer", InfrastructureCorpus.OfferBody);
        Values["RD"] = (await CreateAsync("/api/infrastructure/sharing-requests", InfrastructureCorpus.SharingBody.Replace("{S}", "{S3}"))).ToString();
        await StepAsync($"/api/infrastructure/sharing-requests/{Values["RD"]}/dispute", InfrastructureCorpus.DisputeBody);
        Values["W"] = (await CreateAsync("/api/infrastructure/civil-works", InfrastructureCorpus.WorksBody)).ToString();
    }

    private async Task<Guid> CreateAsync(string path, string body) =>
        await RegistryCorpusHost.IdAsync(await Client.PostAsync(path, RegistryCorpusHost.JsonContent(Fill(body))));

    private async Task StepAsync(string path, string body) => await RegistryCorpusHost.IdAsync(await Client.PostAsync(path, RegistryCorpusHost.JsonContent(Fill(body))));

    /// <summary>Announces an enterprise the way the Registry does (its contract, through RabbitMQ) and waits until it is known here.</summary>
    public async Task<Guid> KnownEnterpriseAsync(string shortName)
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow,
            $"Công ty {shortName}", shortName, "5399900014", ["telecom"], ["network-operator"], "Thành phố Lào Cai", "Phường Cốc Lếu", "Số 1"));
        await Eventually.Until(async () =>
        {
            await using var session = Store.QuerySession();
            return await session.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: $"{shortName} known");
        return id;
    }
}
