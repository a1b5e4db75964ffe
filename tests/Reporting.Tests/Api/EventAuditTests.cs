using System.Net;
using System.Net.Http.Json;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>Every event of Reporting's store says who or what appended it and on which correlation: obligations opened
/// by the Registry consumer (or the schedule), overdue reports recorded by the schedule, submissions by people.</summary>
public class EventAuditTests(ReportingHost host) : IClassFixture<ReportingHost>
{
    [Fact]
    public async Task Every_event_records_its_actor_role_and_correlation_including_jobs_and_consumers()
    {
        var manager = host.CreateClient();
        var op = await host.OperatorAsync("Viettel", monthsAgo: 4);
        await host.Scheduler.OpenObligationsAsync(default);
        await host.Scheduler.RecordOverdueAsync(default);
        var lastMonth = DateTime.UtcNow.AddHours(7).AddMonths(-1).ToString("yyyy-MM");
        var id = ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", lastMonth);
        await (await manager.PostAsJsonAsync($"/api/reporting/submissions/{id}/submission", ReportingHost.Submission())).ExpectAsync(HttpStatusCode.OK);

        var trails = await host.Store.TrailsAsync();
        Assert.DoesNotContain(trails, t => !t.Complete);
        Assert.All(trails.Where(t => t.Type == "obligation_opened"),
            t => Assert.True(t.Actor is "job:obligations" or "consumer:reporting-known-enterprise", t.Actor));
        Assert.Contains(trails, t => t.Type == "obligation_opened" && t.Actor == "consumer:reporting-known-enterprise" && t.Role == "system");
        Assert.Contains(trails, t => t.Type == "report_became_overdue" && t.Actor == "job:obligations");
        Assert.Equal("test-manager", trails.Single(t => t.Type == "report_submitted").Actor);
    }
}
