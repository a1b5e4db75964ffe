using BadInput.Tests.Corpus;
using Platform.Registry;
using Platform.Registry.Enterprises;
using Platform.Testing;

namespace BadInput.Tests.Registry;

/// <summary>The Registry with one active enterprise {E} holding one valid licence {L}; {TAXCODE} is a valid tax code nobody holds.</summary>
public sealed class RegistryCorpusHost(TestServers servers) : CorpusServiceHost<RegistryApi>(servers, "registrydb", "registry")
{
    private static int _serial = Random.Shared.Next(100_000, 8_000_000);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Registry:LicenceExpiry:CheckInterval"] = "1.00:00:00",
    };

    protected override async Task SetUpAsync()
    {
        var taxCode = NewTaxCode();
        Values["E"] = (await IdAsync(await Client.PostAsync("/api/registry/enterprises", JsonContent(RegistryCorpus.EnterpriseBody.Replace("{TAXCODE}", taxCode))), "id")).ToString();
        Values["TAXCODE_E"] = taxCode;
        Values["TAXCODE"] = NewTaxCode();
        Values["L"] = (await IdAsync(await Client.PostAsync($"/api/registry/enterprises/{Values["E"]}/licences", JsonContent(RegistryCorpus.LicenceBody)), "licenceId")).ToString();
    }

    /// <summary>A tax code with a valid check digit that no other registration in this run uses.</summary>
    public static string NewTaxCode()
    {
        while (true)
        {
            var first9 = $"53{Interlocked.Increment(ref _serial):D7}";
            if (TaxCode.CheckDigit(first9) is { } check) return first9 + check;
        }
    }

    public static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<Guid> IdAsync(HttpResponseMessage response, string property = "id")
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"set-up failed: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty(property).GetGuid();
    }

    public async Task<Guid> RegisterAsync() =>
        await IdAsync(await Client.PostAsync("/api/registry/enterprises", JsonContent(RegistryCorpus.EnterpriseBody.Replace("{TAXCODE}", NewTaxCode()))));
}
