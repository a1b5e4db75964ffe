using System.Globalization;
using System.Text;
using Npgsql;

namespace Platform.Benchmarks.Platform;

/// <summary>
/// What each service asked of PostgreSQL during a phase: transactions committed and rolled back (pg_stat_database) and,
/// when the server has pg_stat_statements loaded, top-level statements executed, per service database. The statement
/// counters are reset at the start of each phase, so run this against a server of your own (the reset is server-wide).
/// The busiest statements of each phase go to a file beside the logs.
/// </summary>
public sealed class SqlStatistics(ServiceFleet fleet, string server)
{
    /// <summary>Kinds: per service, statements by <see cref="Kind"/> (empty without pg_stat_statements).</summary>
    public sealed record Figures(IReadOnlyDictionary<string, (long Commits, long Rollbacks, long? Statements)> ByService, string? StatementsFile,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Kinds, Wal? Wal = null);

    /// <summary>WAL the whole server wrote during the phase (pg_stat_wal, PostgreSQL 14+): records, full-page images (each
    /// page's first change after a checkpoint, full_page_writes), bytes, and the flushes (fsync) behind commits.</summary>
    public sealed record Wal(long Records, long FullPageImages, long Bytes, long Syncs);

    /// <summary>The kinds statements are counted by, in print order.</summary>
    public static readonly string[] Kinds = ["reads", "document writes", "appends", "BEGIN/COMMIT", "daemon", "other", "lag probe"];

    /// <summary>What a statement (pg_stat_statements' normalised text) is for: the services' reads (document and stream
    /// loads, queries), document writes (inline projections, copies, Store), event appends, transaction brackets, the
    /// async daemon (high-water detection, the allocation fence, progress marks, event pages of the forwarder, the
    /// leader's lock session), or the benchmark's own lag probe (its look-ups and its pool's DISCARD ALL: the services'
    /// connections are never reset, see EventStoreSetup.StoreConnectionString).</summary>
    public static string Kind(string query)
    {
        var q = query.TrimStart();
        bool Has(string part) => q.Contains(part, StringComparison.OrdinalIgnoreCase);
        bool Starts(string part) => q.StartsWith(part, StringComparison.OrdinalIgnoreCase);
        if (Starts("DISCARD ALL") || (Has("mt_last_modified from") && Has("where id = any(")) || Starts("select stream_id, timestamp from")
            || (Starts("select count(*) from") && Has(".mt_events"))) return "lag probe";
        if (Starts("BEGIN") || Starts("COMMIT") || Starts("ROLLBACK")) return "BEGIN/COMMIT";
        if (Has("mt_events_sequence") || Has("HighWaterAllocationFence") || Has("mt_event_progression") || Has("first_after")
            || Has("mt_high_water") || Has("d.data, d.type, d.mt_dotnet_type") || Has("pg_sleep") || Has("advisory")) return "daemon";
        // Before the appends: an inline projection's upsert reads the stream's version from mt_streams in its own text.
        if (((Starts("insert into") || Starts("update") || Starts("delete from")) && Has(".mt_doc_")) || Has("mt_upsert_") || Has("mt_insert_") || Has("mt_update_"))
            return "document writes";
        if (Has("mt_quick_append_events") || Has("pg_notify") || (Starts("insert into") && (Has(".mt_events ") || Has(".mt_streams ")))
            || (Starts("update") && Has(".mt_streams "))) return "appends";
        if (Starts("select") || Starts("with")) return "reads";
        return "other";
    }

    private Dictionary<string, (long Commits, long Rollbacks)> _before = [];
    private Wal? _walBefore;
    private bool _statements;

    public async Task StartAsync(CancellationToken ct)
    {
        // A server that preloads the module (bench.sh's own) needs the extension's view once in the database read from.
        if ((await Postgres.ScalarAsync(server, "show shared_preload_libraries", ct)).Contains("pg_stat_statements", StringComparison.Ordinal))
            await Postgres.ScalarAsync(server, "create extension if not exists pg_stat_statements; select 1", ct);
        _statements = await Postgres.ScalarAsync(server, "select count(*) from pg_extension where extname = 'pg_stat_statements'", ct) == "1";
        if (_statements) await Postgres.ScalarAsync(server, "select pg_stat_statements_reset()::text", ct);
        _before = await TransactionsAsync(ct);
        _walBefore = await WalAsync(ct);
    }

    private async Task<Wal?> WalAsync(CancellationToken ct)
    {
        try
        {
            var row = await Postgres.ScalarAsync(server, "select concat_ws(',', wal_records, wal_fpi, wal_bytes::bigint, wal_sync) from pg_stat_wal", ct);
            var n = row.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new Wal(n[0], n[1], n[2], n[3]);
        }
        catch (PostgresException) { return null; } // before PostgreSQL 14
    }

    public async Task<Figures> StopAsync(string phase, CancellationToken ct)
    {
        var after = await TransactionsAsync(ct);
        var walAfter = await WalAsync(ct);
        var wal = _walBefore is { } w0 && walAfter is { } w1
            ? new Wal(w1.Records - w0.Records, w1.FullPageImages - w0.FullPageImages, w1.Bytes - w0.Bytes, w1.Syncs - w0.Syncs) : null;
        var statements = new Dictionary<string, long>();
        var kinds = new Dictionary<string, Dictionary<string, long>>();
        string? file = null;
        if (_statements)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("""
                select d.datname, s.calls, s.rows, s.total_exec_time, s.total_plan_time, s.plans, regexp_replace(s.query, '\s+', ' ', 'g')
                from pg_stat_statements s join pg_database d on d.oid = s.dbid
                where s.toplevel and d.datname = any(@names) order by d.datname, s.calls desc
                """, connection);
            command.Parameters.AddWithValue("names", fleet.Services.Select(s => s.Database).ToArray());
            var sb = new StringBuilder("database\tcalls\trows\texec_ms\tplan_ms\tplans\tquery\n");
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    var db = reader.GetString(0);
                    statements[db] = statements.GetValueOrDefault(db) + reader.GetInt64(1);
                    var query = reader.GetString(6);
                    var byKind = kinds.TryGetValue(db, out var k) ? k : kinds[db] = [];
                    byKind[Kind(query)] = byKind.GetValueOrDefault(Kind(query)) + reader.GetInt64(1);
                    sb.Append(CultureInfo.InvariantCulture, $"{db}\t{reader.GetInt64(1)}\t{reader.GetInt64(2)}\t{reader.GetDouble(3):F1}\t{reader.GetDouble(4):F1}\t{reader.GetInt64(5)}\t{(query.Length > 400 ? query[..400] + "…" : query)}\n");
                }
            file = Path.Combine(fleet.LogDirectory, $"{fleet.VirtualHost}-{phase}-statements.tsv");
            await File.WriteAllTextAsync(file, sb.ToString(), ct);
        }
        return new Figures(fleet.Services.ToDictionary(s => s.Name, s =>
        {
            var (c0, r0) = _before.GetValueOrDefault(s.Database);
            var (c1, r1) = after.GetValueOrDefault(s.Database);
            return (c1 - c0, r1 - r0, _statements ? statements.GetValueOrDefault(s.Database) : (long?)null);
        }), file, fleet.Services.Where(s => kinds.ContainsKey(s.Database))
            .ToDictionary(s => s.Name, s => (IReadOnlyDictionary<string, long>)kinds[s.Database]), wal);
    }

    private async Task<Dictionary<string, (long, long)>> TransactionsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        // The counters are sent by each backend at most every 500 ms (PGSTAT_MIN_INTERVAL) and at its end: clear this
        // backend's snapshot and read what the others reported; a phase's last half second may fall into the next one.
        await using var command = new NpgsqlCommand("select datname, xact_commit, xact_rollback from pg_stat_database where datname = any(@names)", connection);
        command.Parameters.AddWithValue("names", fleet.Services.Select(s => s.Database).ToArray());
        var result = new Dictionary<string, (long, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        return result;
    }

    /// <summary>The postmaster of the server the connection string names, from its data directory's postmaster.pid (readable
    /// when the benchmark runs as root or as the server's user); null when it cannot be read.</summary>
    public static async Task<int?> PostmasterPidAsync(string server, CancellationToken ct)
    {
        try
        {
            var dataDirectory = await Postgres.ScalarAsync(server, "select setting from pg_settings where name = 'data_directory'", ct);
            var first = (await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid"), ct)).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PostgresException) { return null; }
    }
}
