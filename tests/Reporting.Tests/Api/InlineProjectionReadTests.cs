using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;
using Platform.BuildingBlocks.EventStore;
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
        var database = await servers.CreateDatabaseAsync("inlinereads");
        try
        {
            var sql = new StatementLog();
            await using var store = DocumentStore.For(opts =>
            {
                EventStoreSetup.ConfigureStore(opts, database, ReportingStore.Schema);
                ReportingStore.Configure(opts);
                opts.Logger(sql);
            });
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
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
        finally
        {
            await servers.DropDatabaseAsync(database);
        }
    }

    /// <summary>Every SQL statement the store's sessions send.</summary>
    private sealed class StatementLog : IMartenLogger, IMartenSessionLogger
    {
        private readonly List<string> _statements = [];
        public IReadOnlyList<string> Statements { get { lock (_statements) return [.. _statements]; } }
        public void Clear() { lock (_statements) _statements.Clear(); }
        private void Add(IEnumerable<string> sql) { lock (_statements) _statements.AddRange(sql); }

        public IMartenSessionLogger StartSession(IQuerySession session) => this;
        public void SchemaChange(string sql) { }
        public void LogSuccess(NpgsqlCommand command) => Add([command.CommandText]);
        public void LogFailure(NpgsqlCommand command, Exception ex) => Add([command.CommandText]);
        public void LogSuccess(NpgsqlBatch batch) => Add(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText).ToList());
        public void LogFailure(NpgsqlBatch batch, Exception ex) => Add(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText).ToList());
        public void LogFailure(Exception ex, string message) { }
        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
        public void OnBeforeExecute(NpgsqlCommand command) { }
        public void OnBeforeExecute(NpgsqlBatch batch) { }
    }
}
