using System.Net;
using System.Net.Http.Json;
using Marten;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Infrastructure.Tests.Api;

public class SecurityTests(InfrastructureHost host) : IClassFixture<InfrastructureHost>
{
    private readonly HttpClient _department = host.CreateClient();

    private async Task<Guid> RequestAsync(Guid site, Guid requester) =>
        (await (await _department.PostAsJsonAsync("/api/infrastructure/sharing-requests", new { siteId = site, requesterId = requester, purpose = "Lắp anten" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_policy_says_and_a_representative_never_touches_another_enterprise()
    {
        var startedAt = DateTimeOffset.UtcNow; // other tests of this class share the host and its representative user
        var (a, b, c) = (await host.KnownEnterpriseAsync("A"), await host.KnownEnterpriseAsync("B"), await host.KnownEnterpriseAsync("C"));
        var (siteA, siteB, siteC) = (await host.OperationalTowerAsync(_department, a, capacity: 5), await host.OperationalTowerAsync(_department, b, capacity: 5),
            await host.OperationalTowerAsync(_department, c, capacity: 5));
        var (ownedByA, ownedByB) = (await RequestAsync(siteA, c), await RequestAsync(siteB, c));
        var (askedByA, askedByB) = (await RequestAsync(siteC, a), await RequestAsync(siteC, b));
        var works = (await (await _department.PostAsJsonAsync("/api/infrastructure/civil-works", new
        {
            ownerId = c, routeOrArea = "Rãnh cáp", district = "Thành phố Lào Cai", kind = "trenching",
            plannedStart = Platform.BuildingBlocks.Domain.DepartmentClock.Today(TimeProvider.System).AddMonths(1), durationDays = 10,
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var date = new { on = "2024-05-01" };
        var reason = new { on = "2024-05-01", reason = "Lý do" };
        Guarded[] endpoints =
        [
            new("POST", "/api/infrastructure/sites", new { name = "Trạm", kind = "greenfield-tower", ownerId = "{ENT}", district = "Thành phố Lào Cai",
                commune = "Phường Cốc Lếu", latitude = 22.48, longitude = 103.97, address = "Thôn 1", heightMetres = 30, tenantCapacity = 2, zone = "in-plan" }, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sites/import", new { type = "FeatureCollection", features = Array.Empty<object>() }, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sites/{SITE}/permit-request", date, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sites/{SITE}/permit-approval", date, Manager),
            new("POST", "/api/infrastructure/sites/{SITE}/permit-refusal", reason, Manager),
            new("POST", "/api/infrastructure/sites/{SITE}/operation", date, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sites/{SITE}/undergrounding", date, Officer, Manager, Representative),
            new("GET", "/api/infrastructure/sites", null, Officer, Manager, Auditor, Representative),
            new("GET", "/api/infrastructure/sites/{SITE}", null, Officer, Manager, Auditor, Representative),
            new("GET", "/api/infrastructure/sites.geojson", null, Officer, Manager, Auditor),
            new("GET", "/api/infrastructure/public/sites", null, All),
            new("POST", "/api/infrastructure/sharing-requests", new { siteId = siteC, requesterId = "{ENT}", purpose = "Lắp anten" }, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sharing-requests/{OWNED}/offer", new { monthlyFeeVnd = 5_000_000, termMonths = 12, technicalConditions = "30 m" }, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sharing-requests/{OWNED}/refusal", new { reason = "technical" }, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sharing-requests/{ASKED}/declining", new { }, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sharing-requests/{ASKED}/acceptance", null, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sharing-requests/{ASKED}/dispute", new { raisedBy = "{ENT}", grounds = "Chưa trả lời" }, Officer, Manager, Representative),
            new("POST", "/api/infrastructure/sharing-requests/{OWNED}/mediation", new { outcome = "upheld", decision = "Giữ nguyên" }, Manager),
            new("GET", "/api/infrastructure/sharing-requests", null, Officer, Manager, Auditor, Representative),
            new("GET", "/api/infrastructure/sharing-requests/{ASKED}", null, Officer, Manager, Auditor, Representative),
            new("GET", "/api/infrastructure/disputes", null, Officer, Manager, Auditor),
            new("GET", "/api/infrastructure/coverage", null, All),
            new("GET", "/api/infrastructure/sharing-ratio", null, All),
            new("GET", "/api/infrastructure/undergrounding", null, All),
            new("GET", "/api/infrastructure/flags", null, Officer, Manager, Auditor),
            new("GET", "/api/infrastructure/access-log", null, Officer, Manager, Auditor),
            new("POST", "/api/infrastructure/civil-works", new { ownerId = "{ENT}", routeOrArea = "Rãnh", district = "Thành phố Lào Cai", kind = "trenching", plannedStart = "2099-01-01", durationDays = 5 }, Officer, Manager, Representative),
            new("GET", "/api/infrastructure/civil-works", null, All),
            new("POST", $"/api/infrastructure/civil-works/{works}/interest", new { enterpriseId = "{ENT}" }, Officer, Manager, Representative),
            new("GET", "/api/infrastructure/feed", null, Officer, Manager, Auditor, ExternalSystem),
        ];

        Func<string, string> Ids(Guid enterprise, Guid site, Guid owned, Guid asked) =>
            text => text.Replace("{ENT}", enterprise.ToString()).Replace("{SITE}", site.ToString()).Replace("{OWNED}", owned.ToString()).Replace("{ASKED}", asked.ToString());
        var (cells, failures) = await AuthorizationMatrix.RunAsync(host, endpoints, a, Ids(a, siteA, ownedByA, askedByA), Ids(b, siteB, ownedByB, askedByB));
        Assert.Empty(failures);
        Assert.Equal(endpoints.Length * 6 + endpoints.Count(e => e.Scoped), cells);

        // Nothing of B's was changed by A's representative.
        await using var session = host.Store.QuerySession();
        foreach (var stream in new[] { siteB, ownedByB, askedByB })
            Assert.DoesNotContain(await session.Events.FetchStreamAsync(stream), e => e.UserName == "test-enterprise-representative");
        // What the representative did write (its own site, its own request…) is recorded as acting for A.
        var byRepresentative = (await session.Events.QueryAllRawEvents().ToListAsync()).Where(e => e.Timestamp >= startedAt && e.UserName == "test-enterprise-representative").ToList();
        Assert.NotEmpty(byRepresentative);
        Assert.All(byRepresentative, e => Assert.Equal(a.ToString(), e.GetHeader(Platform.BuildingBlocks.EventStore.AuditedSessionFactory.ActingForHeader)?.ToString()));
    }

    [Fact]
    public async Task A_representative_sees_only_its_own_sites_and_requests_in_lists()
    {
        var (a, b) = (await host.KnownEnterpriseAsync("A"), await host.KnownEnterpriseAsync("B"));
        var (siteA, siteB) = (await host.OperationalTowerAsync(_department, a), await host.OperationalTowerAsync(_department, b));
        var askedByB = await RequestAsync(siteA, b);
        var representativeOfA = host.CreateClientAs(Representative, a);

        var sites = await (await representativeOfA.GetAsync($"/api/infrastructure/sites?ownerId={b}")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(sites.GetProperty("items").EnumerateArray(), s => Assert.Equal(a, s.GetProperty("ownerId").GetGuid()));
        Assert.Contains(sites.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == siteA);

        var requests = (await (await representativeOfA.GetAsync($"/api/infrastructure/sharing-requests?enterpriseId={b}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items");
        Assert.All(requests.EnumerateArray(), r => Assert.True(r.GetProperty("ownerId").GetGuid() == a || r.GetProperty("requesterId").GetGuid() == a));
        Assert.Contains(requests.EnumerateArray(), r => r.GetProperty("id").GetGuid() == askedByB); // B asked A: A is a party

        // B's site: no legitimate interest for A, so no exact location.
        await (await representativeOfA.GetAsync($"/api/infrastructure/sites/{siteB}")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_written()
    {
        var owner = await host.KnownEnterpriseAsync();
        var before = await host.EventCountAsync();
        await (await host.CreateClientAs(null).PostAsJsonAsync("/api/infrastructure/sites", InfrastructureHost.Tower(owner))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await host.CreateClientAs(Auditor).PostAsJsonAsync("/api/infrastructure/sites", InfrastructureHost.Tower(owner))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await host.EventCountAsync());
    }

    /// <summary>Every operation of the document a client is generated from declares its success body.</summary>
    [Fact]
    public Task Every_operation_declares_the_schema_of_its_success_answer() => OpenApiContract.VerifyAsync(host.CreateClient(), "infrastructure");
}
