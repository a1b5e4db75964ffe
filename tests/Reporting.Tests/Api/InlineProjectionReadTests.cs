using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;
using Platform.Reporting;
using Platform.Reporting.Submissions;
using Platform.Testing;
using Xunit;

namespace Reporting.Tests.Api;

/// <summary>
/// What a command on a submission reads, against a real PostgreSQL store configured as the service's: the inline projections
/// of other streams (templates, population figures) must not load their documents for it. With a generic Evolve alone they
/// did, one wasted query each per submission command.
/// </summary>
public class InlineProjectionReadTests(TestServers servers)
{
    [Fact]
    public async Task Appending_to_a_submission_reads_no_template_or_population_document()
    {
        var sql = new StatementLog();
        await using var fresh = await ReportingHost.StoreOnFreshDatabaseAsync(servers, "inlinereads", opts => opts.Logger(sql));
        var store = fresh.Store;
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Submission>(id, new ObligationOpened(id, Guid.NewGuid(), "vien-thong-thang", 1, "2026-10",
                new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 15)));
            await session.SaveChangesAsync(ct);
        }
        sql.Clear();
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(id, new DraftSaved(id, new Dictionary<string, decimal> { ["thue-bao"] = 12 }));
            await session.SaveChangesAsync(ct);
        }

        var statements = sql.Statements;
        Assert.Contains(statements, s => s.Contains("mt_doc_submission", StringComparison.Ordinal)); // the log sees the submission's own view
        Assert.DoesNotContain(statements, s => s.Contains("mt_doc_templateseries", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains("mt_doc_populationentry", StringComparison.Ordinal));
    }
}
