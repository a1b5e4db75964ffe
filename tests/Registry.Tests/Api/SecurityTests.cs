using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Registry.Tests.Api;

public class SecurityTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_policy_says_and_refusals_write_nothing()
    {
        var manager = host.CreateClient();
        var (a, b) = (await host.RegisterAsync(manager), await host.RegisterAsync(manager));
        async Task<Guid> LicenceOf(Guid enterprise) => (await (await manager.PostAsJsonAsync($"/api/registry/enterprises/{enterprise}/licences",
            new { number = $"{enterprise:N}"[..8], type = "postal", issuingAuthority = "department", issuedOn = "2024-01-01", expiresOn = "2030-01-01" })).Json()).GetProperty("licenceId").GetGuid();
        var (licenceA, licenceB) = (await LicenceOf(a), await LicenceOf(b));

        var details = TestData.Enterprise();
        details.Remove("taxCode");
        Guarded[] endpoints =
        [
            new("POST", "/api/registry/enterprises", TestData.Enterprise(), Officer, Manager),
            new("GET", "/api/registry/enterprises", null, All),
            new("GET", "/api/registry/enterprises/export", null, Officer, Manager, Auditor, ExternalSystem),
            new("GET", "/api/registry/enterprises/{A}", null, Officer, Manager, Auditor, Representative),
            new("PUT", "/api/registry/enterprises/{A}/details", details, Officer, Manager),
            new("POST", "/api/registry/enterprises/{A}/licences", new { number = "9/GP", type = "postal", issuingAuthority = "department", issuedOn = "2024-01-01", expiresOn = "2030-01-01" }, Officer, Manager),
            new("POST", "/api/registry/enterprises/{A}/licences/{LA}/renewal", new { expiresOn = "2035-01-01" }, Officer, Manager),
            new("POST", "/api/registry/enterprises/{A}/licences/{LA}/revocation", new { reason = "Vi phạm" }, Manager),
            new("POST", "/api/registry/enterprises/{A}/suspension", new { reason = "Vi phạm" }, Manager),
            new("POST", "/api/registry/enterprises/{A}/reinstatement", new { }, Manager),
            new("POST", "/api/registry/enterprises/{A}/cessation", new { reason = "Giải thể" }, Manager),
            new("GET", "/api/registry/licences/expiring", null, Officer, Manager, Auditor),
            new("GET", "/api/registry/feed", null, Officer, Manager, Auditor, ExternalSystem),
        ];

        var before = await host.EventCountAsync();
        var (cells, failures) = await AuthorizationMatrix.RunAsync(host, endpoints, a,
            p => p.Replace("{A}", a.ToString()).Replace("{LA}", licenceA.ToString()),
            p => p.Replace("{A}", b.ToString()).Replace("{LA}", licenceB.ToString()));
        Assert.Empty(failures);
        Assert.Equal(endpoints.Length * 6 + endpoints.Count(e => e.Scoped), cells);
        // Only the allowed calls wrote: B, attacked with A's representative token, is untouched.
        await using var session = host.Store.QuerySession();
        Assert.Equal(2, (await session.Events.FetchStreamAsync(b)).Count);
        Assert.True(await host.EventCountAsync() > before);
    }

    [Fact]
    public async Task Health_and_documents_are_anonymous()
    {
        var anonymous = host.CreateClientAs(null);
        foreach (var path in new[] { "/health", "/alive", "/openapi/v1.json", "/asyncapi.json" })
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        var openapi = await (await anonymous.GetAsync("/openapi/v1.json")).Json();
        Assert.Equal("bearer", openapi.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Without_a_token_nothing_is_written_and_the_answer_is_a_401_problem()
    {
        var before = await host.EventCountAsync();
        var response = await host.CreateClientAs(null).PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise());
        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var forged = host.CreateClientAs(null);
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiZGVwYXJ0bWVudC1tYW5hZ2VyIn0.c2lnbmF0dXJl");
        await (await forged.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise())).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await host.EventCountAsync());
    }

    [Fact]
    public async Task Every_event_records_who_in_which_role_for_whom_and_the_correlation_id()
    {
        var officer = host.CreateClientAs(Officer);
        var id = await host.RegisterAsync(officer);
        await (await host.CreateClient().PostAsJsonAsync($"/api/registry/enterprises/{id}/suspension", new { reason = "Kiểm tra" })).ExpectAsync(HttpStatusCode.OK);
        var representative = host.CreateClientAs(Representative, id);
        var history = (await (await representative.GetAsync($"/api/registry/enterprises/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("history");
        Assert.Equal(("test-department-officer", "department-officer", "department"),
            (history[0].GetProperty("userName").GetString(), history[0].GetProperty("role").GetString(), history[0].GetProperty("actingFor").GetString()));
        Assert.Equal(("test-manager", "department-manager"), (history[1].GetProperty("userName").GetString(), history[1].GetProperty("role").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", history[1].GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task Writes_are_rate_limited_per_client_with_a_429_problem()
    {
        await using var limited = new RegistryHost(host.Servers);
        limited.ExtraSettings["RateLimiting:WritesPerMinute"] = "3";
        await limited.InitializeAsync();
        var officer = limited.CreateClientAs(Officer);
        for (var i = 0; i < 3; i++) await (await officer.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise())).ExpectAsync(HttpStatusCode.Created);
        var limitedResponse = await officer.PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise());
        var problem = await limitedResponse.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("3 changes a minute", problem.GetProperty("detail").GetString());
        // Another client is not affected, and reads are not limited.
        await (await limited.CreateClientAs(Manager).PostAsJsonAsync("/api/registry/enterprises", TestData.Enterprise())).ExpectAsync(HttpStatusCode.Created);
        await (await officer.GetAsync("/api/registry/enterprises")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public void The_configured_signing_keys_are_built_once_not_at_every_validation()
    {
        // ASP.NET Core hands the SigningKeys of the configuration over as a lazy sequence: enumerated at every token
        // validation, it read the configuration and built new key objects per request.
        var keys = host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme)
            .TokenValidationParameters.IssuerSigningKeys;
        Assert.NotNull(keys);
        var (first, second) = (keys.ToList(), keys.ToList());
        Assert.NotEmpty(first);
        Assert.Equal(first, second, ReferenceEqualityComparer.Instance);
    }
}
