using Marten;
using Platform.Reporting;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>What the overdue round reads, against a real PostgreSQL store configured as the service's: only reports with nothing
/// submitted, not every report whose due date has passed.</summary>
public class OverdueCandidatesTests(TestServers servers)
{
    [Fact]
    public async Task The_overdue_round_reads_only_reports_with_nothing_submitted()
    {
        await using var fresh = await ReportingHost.StoreOnFreshDatabaseAsync(servers, "overduecandidates");
        var store = fresh.Store;
        var ct = TestContext.Current.CancellationToken;
        var enterprise = Guid.NewGuid();
        Guid Opened(IDocumentSession session, string period)
        {
            var id = Guid.NewGuid();
            session.Events.StartStream<Submission>(id, new ObligationOpened(id, enterprise, "telecom-monthly", 1, period,
                new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 15)));
            return id;
        }
        ReportSubmitted Submitted(Guid id) => new(id, enterprise, "telecom-monthly", "2026-01", 1, new Dictionary<string, decimal> { ["x"] = 1 },
            new Certification("Lê Văn Bình", "Giám đốc"), new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero), false, []);
        Guid untouched, drafted, onTime, accepted;
        await using (var session = store.LightweightSession())
        {
            untouched = Opened(session, "2026-01");
            drafted = Opened(session, "2026-02");
            onTime = Opened(session, "2026-03");
            accepted = Opened(session, "2026-04");
            await session.SaveChangesAsync(ct);
        }
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(drafted, new DraftSaved(drafted, new Dictionary<string, decimal> { ["x"] = 1 }));
            session.Events.Append(onTime, Submitted(onTime));
            session.Events.Append(accepted, Submitted(accepted), new ReportAccepted(accepted, enterprise, 1, new DateOnly(2026, 2, 12)));
            await session.SaveChangesAsync(ct);
        }

        await using var query = store.QuerySession();
        var candidates = await ObligationScheduler.OverdueCandidatesAsync(query, new DateOnly(2026, 6, 1), ct);
        Assert.Equal(new[] { untouched, drafted }.Order(), candidates.Select(c => c.Id).Order());
        Assert.All(candidates, c => Assert.True(c.IsOverdue(new DateOnly(2026, 6, 1)))); // the ones left out could never be overdue
    }
}
