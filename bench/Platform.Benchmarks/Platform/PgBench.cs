using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.Benchmarks.Platform;

/// <summary>
/// The database's own write limit on this machine: pgbench's built-in TPC-B-like script against the same
/// PostgreSQL, on a scratch database. One pgbench transaction = 3 UPDATEs, 1 SELECT and 1 INSERT, committed.
/// </summary>
public static partial class PgBench
{
    public const string Database = "bench_pgbench";
    public const string Binary = "/usr/lib/postgresql/15/bin/pgbench";

    public sealed record Result(double Tps, int Seconds, int Clients, int Scale, long Transactions, string Summary);

    public static async Task<Result> RunAsync(BenchEnvironment env, BenchOptions options, string repo, CancellationToken ct)
    {
        if (!File.Exists(Binary)) throw new FileNotFoundException($"{Binary} not found (Debian package postgresql-15)");
        var cs = new NpgsqlConnectionStringBuilder(env.Postgres);
        var pgEnv = new Dictionary<string, string> { ["PGPASSWORD"] = cs.Password ?? "" };
        string[] connection = ["-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username!];
        await Postgres.RecreateDatabaseAsync(env.Postgres, Database, ct);
        Log.Info($"pgbench -i -s {options.PgbenchScale} {Database}");
        var (code, output) = await Shell.RunAsync(Binary, [.. connection, "-i", "-q", "-s", options.PgbenchScale.ToString(CultureInfo.InvariantCulture), Database], repo, pgEnv, ct);
        if (code != 0) throw new InvalidOperationException($"pgbench -i failed:\n{output}");
        string[] run = [.. connection, "-T", options.PgbenchSeconds.ToString(CultureInfo.InvariantCulture), "-c", options.PgbenchClients.ToString(CultureInfo.InvariantCulture),
            "-j", options.PgbenchClients.ToString(CultureInfo.InvariantCulture), Database];
        Log.Info($"pgbench {string.Join(' ', run.Skip(connection.Length))}");
        (code, output) = await Shell.RunAsync(Binary, run, repo, pgEnv, ct);
        if (code != 0) throw new InvalidOperationException($"pgbench failed:\n{output}");
        var tps = Tps().Match(output);
        var processed = Processed().Match(output);
        if (!tps.Success) throw new InvalidOperationException($"no tps line in pgbench's output:\n{output}");
        return new Result(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), options.PgbenchSeconds, options.PgbenchClients, options.PgbenchScale,
            processed.Success ? long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) : 0, tps.Value);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Processed();
}
