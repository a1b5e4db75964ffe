using System.Net;
using Marten;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;
using static Microsoft.Extensions.Hosting.PlatformRoles;

namespace Reporting.Tests.Api;

public class SecurityTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_policy_says_and_a_representative_never_touches_another_enterprise()
    {
        var (a, b) = (await host.OperatorAsync("A-Mobile", monthsAgo: 2), await host.OperatorAsync("B-Mobile", monthsAgo: 2));
        await host.Scheduler.OpenObligationsAsync(default);
        var period = DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM");
        Guid Of(Guid enterprise) => ObligationScheduler.SubmissionIdFor(enterprise, "telecom-monthly", period);

        Guarded[] endpoints =
        [
            new("GET", "/api/reporting/obligations", null, Officer, Manager, Auditor, Representative),
            new("GET", "/api/reporting/submissions/{SUB}", null, Officer, Manager, Auditor, Representative),
            new("PUT", "/api/reporting/submissions/{SUB}/draft", new { values = new Dictionary<string, decimal> { ["mobile-subscribers"] = 1000 } }, Officer, Manager, Representative),
            new("POST", "/api/reporting/submissions/{SUB}/submission", ReportingHost.Submission(), Officer, Manager, Representative),
            new("POST", "/api/reporting/submissions/{SUB}/acceptance", null, Manager),
            new("POST", "/api/reporting/submissions/{SUB}/return", new { reason = "Sai số liệu" }, Manager),
            new("POST", "/api/reporting/submissions/{SUB}/exception", new { until = "2099-01-01", reason = "Sự cố" }, Manager),
            new("GET", $"/api/reporting/indicators/{period}", null, Officer, Manager, Auditor),
            new("POST", $"/api/reporting/indicators/{period}/publication", null, Manager),
            new("PUT", "/api/reporting/population/2026/Huyện Bát Xát", new { inhabitants = 82_000 }, Officer, Manager),
            new("GET", "/api/reporting/population/2026", null, Officer, Manager, Auditor),
            new("GET", "/api/reporting/status-matrix", null, Officer, Manager, Auditor),
            new("GET", "/api/reporting/rates", null, Officer, Manager, Auditor),
            new("GET", $"/api/reporting/cross-checks/bts/{period}", null, Officer, Manager, Auditor),
            new("GET", "/api/reporting/compliance", null, Officer, Manager, Auditor),
            new("GET", "/api/reporting/feed", null, Officer, Manager, Auditor, ExternalSystem),
        ];
        var (cells, failures) = await AuthorizationMatrix.RunAsync(host, endpoints, a, p => p.Replace("{SUB}", Of(a).ToString()), p => p.Replace("{SUB}", Of(b).ToString()));
        Assert.Empty(failures);
        Assert.Equal(endpoints.Length * 6 + endpoints.Count(e => e.Scoped), cells);

        // The matrix sends no If-Match, so its drafts were refused (428); the representative now saves one on its own
        // current month's obligation as the console does, to see what a representative's write records.
        var current = ObligationScheduler.SubmissionIdFor(a, "telecom-monthly", DateTime.UtcNow.AddHours(7).ToString("yyyy-MM"));
        var representative = host.CreateClientAs(Representative, a);
        var read = (await representative.GetAsync($"/api/reporting/submissions/{current}")).Headers.ETag!.Tag;
        await (await representative.SendAsync(HttpMethod.Put, $"/api/reporting/submissions/{current}/draft",
            new { values = new Dictionary<string, decimal> { ["mobile-subscribers"] = 1000 } }, read)).ExpectAsync(HttpStatusCode.OK);

        await using var session = host.Store.QuerySession();
        Assert.DoesNotContain(await session.Events.FetchStreamAsync(Of(b)), e => e.UserName == "test-enterprise-representative");
        var byRepresentative = (await session.Events.FetchStreamAsync(Of(a))).Concat(await session.Events.FetchStreamAsync(current))
            .Where(e => e.UserName == "test-enterprise-representative").ToList();
        Assert.NotEmpty(byRepresentative);
        Assert.All(byRepresentative, e => Assert.Equal(a.ToString(), e.GetHeader(Platform.BuildingBlocks.EventStore.AuditedSessionFactory.ActingForHeader)?.ToString()));
    }

    /// <summary>Every operation of the document a client is generated from declares its success body.</summary>
    [Fact]
    public Task Every_operation_declares_the_schema_of_its_success_answer() => OpenApiContract.VerifyAsync(host.CreateClient(), "reporting");
}
