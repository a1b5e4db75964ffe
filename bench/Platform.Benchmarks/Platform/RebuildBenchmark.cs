using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Platform.Registry.Enterprises;
using Weasel.Core;

namespace Platform.Benchmarks.Platform;

/// <summary>
/// A Registry-shaped event store in a scratch database, filled with Marten's own API (StartStream of
/// EnterpriseRegistered followed by EnterpriseDetailsAmended events, many streams per SaveChanges, a few
/// writers in parallel), which is also the batched-append measurement; then the Registry's real
/// <see cref="EnterpriseProjection"/> is rebuilt from it with the async daemon's RebuildProjectionAsync.
/// The store is configured like the services' (EventStoreSetup): Guid streams, correlation/causation/headers/user
/// metadata, System.Text.Json camelCase with enums as strings, the Registry's schema. The projection is registered
/// async here so that generating does not also apply it (in the Registry it runs inline).
/// </summary>
public static class RebuildBenchmark
{
    public const string Database = "bench_rebuild";

    /// <summary>SingleAppend*: the same writers appending one new stream of one event per SaveChanges (one transaction per event,
    /// like a command), for comparison transaction for transaction with pgbench.</summary>
    public sealed record Result(double SingleAppendSeconds, long SingleAppendEvents, double SingleAppendEventsPerSecond, int Streams, long Events, int EventsPerStream, int StreamsPerSaveChanges, int Writers,
        double AppendSeconds, double AppendEventsPerSecond, double RebuildSeconds, double RebuildEventsPerSecond, long Documents, string Projection);

    public static async Task<Result> RunAsync(BenchEnvironment env, BenchOptions options, CpuMeter cpu, IDictionary<string, CpuMeter.Usage> usage, CancellationToken ct)
    {
        await Postgres.RecreateDatabaseAsync(env.Postgres, Database, ct);
        // Marten writes a notice about the (deliberately) unstarted async daemon to stdout, which holds only the report.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        try { return await GenerateAndRebuildAsync(env, options, cpu, usage, ct); }
        finally { Console.SetOut(stdout); }
    }

    private static async Task<Result> GenerateAndRebuildAsync(BenchEnvironment env, BenchOptions options, CpuMeter cpu, IDictionary<string, CpuMeter.Usage> usage, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(env.Postgres) { Database = Database, MaxPoolSize = 20 }.ConnectionString;
        using var store = DocumentStore.For(opts =>
        {
            opts.Connection(connection);
            opts.DatabaseSchemaName = "registry";
            opts.Events.DatabaseSchemaName = "registry";
            opts.Events.StreamIdentity = StreamIdentity.AsGuid;
            opts.Events.MetadataConfig.CorrelationIdEnabled = true;
            opts.Events.MetadataConfig.CausationIdEnabled = true;
            opts.Events.MetadataConfig.HeadersEnabled = true;
            opts.Events.MetadataConfig.UserNameEnabled = true;
            opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            opts.Events.AddEventType<EnterpriseRegistered>();
            opts.Events.AddEventType<EnterpriseDetailsAmended>();
            opts.Projections.Add<EnterpriseProjection>(ProjectionLifecycle.Async);
            opts.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Log.Info($"unbatched appends: {options.AppendWriters} writers, one event per SaveChanges, {options.PgbenchSeconds} s");
        var single = 0L;
        var singleStarted = Stopwatch.GetTimestamp();
        var window = cpu.Start();
        var singleUntil = singleStarted + options.PgbenchSeconds * Stopwatch.Frequency;
        await Task.WhenAll(Enumerable.Range(0, options.AppendWriters).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < singleUntil)
            {
                await using var session = store.LightweightSession();
                var id = Guid.CreateVersion7();
                session.Events.StartStream<Enterprise>(id, new EnterpriseRegistered(id, Requests.NextTaxCode(), Details(-1, 0), DateTimeOffset.UtcNow));
                await session.SaveChangesAsync(ct);
                Interlocked.Increment(ref single);
            }
        }, ct)));
        var singleSeconds = Stopwatch.GetElapsedTime(singleStarted).TotalSeconds;
        usage["unbatched appends"] = await window.StopAsync();
        await store.Advanced.Clean.DeleteAllEventDataAsync(ct);

        var streams = Math.Max(1, options.RebuildEvents / options.EventsPerStream);
        var events = (long)streams * options.EventsPerStream;
        Log.Info($"generating {events:N0} events ({streams:N0} streams × {options.EventsPerStream}) in {Database}: {options.AppendBatchStreams} streams per SaveChanges, {options.AppendWriters} writers");
        var batches = Enumerable.Range(0, (streams + options.AppendBatchStreams - 1) / options.AppendBatchStreams)
            .Select(b => Math.Min(options.AppendBatchStreams, streams - b * options.AppendBatchStreams)).ToArray();
        var next = -1;
        var written = 0L;
        var started = Stopwatch.GetTimestamp();
        window = cpu.Start();
        using var progress = new Timer(_ => Log.Info($"  appended {Interlocked.Read(ref written):N0} / {events:N0} events"), null, 10_000, 10_000);
        await Task.WhenAll(Enumerable.Range(0, options.AppendWriters).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches.Length)
            {
                await using var session = store.LightweightSession();
                session.CorrelationId = Guid.NewGuid().ToString("N");
                session.LastModifiedBy = "bench";
                for (var s = 0; s < batches[b]; s++)
                {
                    var id = Guid.CreateVersion7();
                    var n = b * options.AppendBatchStreams + s;
                    var details = Details(n, 0);
                    var stream = new object[options.EventsPerStream];
                    stream[0] = new EnterpriseRegistered(id, Requests.NextTaxCode(), details, DateTimeOffset.UtcNow);
                    for (var e = 1; e < stream.Length; e++) stream[e] = new EnterpriseDetailsAmended(id, Details(n, e), "Cập nhật thử tải");
                    session.Events.StartStream<Enterprise>(id, stream);
                }
                await session.SaveChangesAsync(ct);
                Interlocked.Add(ref written, (long)batches[b] * options.EventsPerStream);
            }
        }, ct)));
        var appendSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        progress.Dispose(); // no progress lines during the rebuild
        usage["batched appends"] = await window.StopAsync();
        Log.Info($"appended {events:N0} events in {appendSeconds:F1} s; rebuilding {nameof(EnterpriseProjection)}");

        using var daemon = await store.BuildProjectionDaemonAsync();
        started = Stopwatch.GetTimestamp();
        window = cpu.Start();
        await daemon.RebuildProjectionAsync<EnterpriseProjection>(TimeSpan.FromMinutes(30), ct);
        var rebuildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        usage["projection rebuild"] = await window.StopAsync();
        await using var query = store.QuerySession();
        var documents = await query.Query<Enterprise>().CountAsync(ct);
        Log.Info($"rebuilt in {rebuildSeconds:F1} s: {documents:N0} Enterprise documents");
        return new Result(singleSeconds, single, single / singleSeconds, streams, events, options.EventsPerStream, options.AppendBatchStreams, options.AppendWriters,
            appendSeconds, events / appendSeconds, rebuildSeconds, events / rebuildSeconds, documents, typeof(EnterpriseProjection).FullName!);
    }

    private static EnterpriseDetails Details(int n, int revision) => new(
        $"Công ty Viễn thông Thử tải {n} (hư cấu)", $"Thử tải {n}.{revision}", [Sector.Telecom], [EnterpriseKind.NetworkOperator],
        new Address($"Số {n} đường Hoàng Liên, lần {revision}", "Phường Cốc Lếu", "Thành phố Lào Cai"),
        new Representative($"Nguyễn Văn Tải {n}", "Giám đốc"), new Contact("0214 3800 000", $"taiso{n}@example.invalid"));
}
