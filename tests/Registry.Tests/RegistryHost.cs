using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Registry;
using Platform.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace Registry.Tests;

/// <summary>The Registry on its own fresh database and vhost; the expiry job runs every second.</summary>
public sealed class RegistryHost(TestServers servers) : ServiceHost<RegistryApi>(servers, "registrydb")
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Registry:LicenceExpiry:CheckInterval"] = "00:00:01",
        ["EventStore:Monitor:SampleInterval"] = "00:00:01",
    };

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public Task<long> EventCountAsync() => Store.DomainEventCountAsync();

    /// <summary>Registers an enterprise through the API; returns its id.</summary>
    public async Task<Guid> RegisterAsync(HttpClient client, object? request = null)
    {
        var response = await client.PostAsJsonAsync("/api/registry/enterprises", request ?? TestData.Enterprise());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private sealed record Created(Guid Id, long Version);
}
