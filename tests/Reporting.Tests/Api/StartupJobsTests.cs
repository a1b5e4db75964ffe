using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Hosting;
using Platform.Reporting;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>Start-up catch-up jobs: the service is not ready (/health 503, check startup-jobs naming the job) until they have
/// finished, and the accepted-report backfill, once done on a store, reads nothing at the next start.</summary>
public class StartupJobsTests(TestServers servers)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    [Fact]
    public async Task The_service_is_ready_only_after_its_start_up_jobs_have_finished()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = new ServiceHost<ReportingApi>(servers, "reportingdb")
        {
            ExtraServices = services => services.AddStartupJob("test-catch-up", (_, ct) => gate.Task.WaitAsync(ct)),
        };
        // Started without waiting for /health (ServiceHost.InitializeAsync would wait for it).
        host.UseExisting(await servers.CreateDatabaseAsync("reportingdb"), await servers.CreateVirtualHostAsync("reportingdb"));
        var client = host.CreateClient();

        // Everything else up (database, broker, bus, daemon, the real accepted-report backfill): only the job holds readiness back.
        var waiting = await Eventually.Until(async () => await HealthAsync(client), h => h.Status == HttpStatusCode.ServiceUnavailable
                && h.Checks.Where(c => c.Key != StartupJobsSetup.CheckName).All(c => c.Value.Status != "Unhealthy")
                && h.Checks[StartupJobsSetup.CheckName].Description == "start-up jobs still running: test-catch-up",
            TimeSpan.FromSeconds(60), "not ready while the job runs, for that reason alone");
        Assert.Equal("Unhealthy", waiting.Checks[StartupJobsSetup.CheckName].Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode); // alive all along: not a process to restart
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthAsync(client)).Status); // stays so while the job runs

        gate.SetResult();
        var ready = await Eventually.Until(async () => await HealthAsync(client), h => h.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready once the job is done");
        Assert.Equal(("Healthy", "start-up jobs done: accepted-reports, test-catch-up"),
            (ready.Checks[StartupJobsSetup.CheckName].Status, ready.Checks[StartupJobsSetup.CheckName].Description));
    }

    private sealed record Check(string Status, string? Description);

    private static async Task<(HttpStatusCode Status, Dictionary<string, Check> Checks)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("checks").EnumerateObject()
            .ToDictionary(c => c.Name, c => new Check(c.Value.GetProperty("status").GetString()!, c.Value.GetProperty("description").GetString())));
    }

    [Fact]
    public async Task The_accepted_report_backfill_fills_an_upgraded_store_once_and_then_reads_nothing()
    {
        await using var host = new ReportingHost(servers);
        await host.InitializeAsync();
        var op = await host.OperatorAsync("Khởi động Viettel", monthsAgo: 3);
        await host.Scheduler.OpenObligationsAsync(default);
        var manager = host.CreateClient();
        var period = Today.AddMonths(-1).ToString("yyyy-MM");
        var id = ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", period);
        var url = $"/api/reporting/submissions/{id}";
        await (await manager.PostAsJsonAsync($"{url}/exception", new { until = Today.AddDays(7).ToString("yyyy-MM-dd"), reason = "Nhập bổ sung số liệu" })).ExpectAsync(HttpStatusCode.OK);
        await (await manager.PostAsJsonAsync($"{url}/submission", ReportingHost.Submission(123_000))).ExpectAsync(HttpStatusCode.OK);
        await (await manager.PostAsJsonAsync($"{url}/acceptance", new { })).ExpectAsync(HttpStatusCode.OK);

        // The store as an upgrade finds it: the accepted report without its read-model document, the backfill never run.
        async Task ForgetAsync(bool marker)
        {
            await using var session = host.Store.LightweightSession();
            session.Delete<AcceptedReport>(id);
            if (marker) session.Delete<AcceptedReportBackfillDone>(AcceptedReportBackfillDone.Key);
            await session.SaveChangesAsync();
        }
        async Task<AcceptedReport?> ReadModelAsync()
        {
            await using var query = host.Store.QuerySession();
            return await query.LoadAsync<AcceptedReport>(id);
        }
        await ForgetAsync(marker: true);
        Assert.Equal(1, await AcceptedReportBackfill.FillAsync(host.Store, TimeProvider.System, default));
        Assert.Equal(123_000m, (await ReadModelAsync())!.Values["mobile-subscribers"]);

        // Done once: the next start reads the marker and nothing else, so a document missing now stays missing.
        await ForgetAsync(marker: false);
        Assert.Equal(0, await AcceptedReportBackfill.FillAsync(host.Store, TimeProvider.System, default));
        Assert.Null(await ReadModelAsync());
    }
}
