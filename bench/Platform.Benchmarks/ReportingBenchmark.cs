using System.Diagnostics;
using System.Text.Json;
using Marten;
using Npgsql;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.EventStore;
using Platform.BuildingBlocks.Geography;
using Platform.Geography;
using Platform.Reporting;
using Platform.Reporting.Indicators;
using Platform.Reporting.Obligations;
using Platform.Reporting.Submissions;
using Platform.Reporting.Templates;

namespace Platform.Benchmarks;

/// <summary>
/// Issue 5's benchmark: loads E enterprises × Y years of monthly reports (each opened, submitted with
/// ~30 values and accepted; one in twenty later returned and corrected) into a scratch database built
/// exactly like the Reporting service's store, then times the provincial-indicators query and the as-of
/// query the endpoints run (<see cref="IndicatorEndpoints.ComputeAsync"/>), on random periods, and the trend over 36 months
/// by operator (<see cref="IndicatorTrends.ComputeAsync"/>).
///   deploy/local/bench.sh reporting [--enterprises 100] [--years 10] [--queries 300] [--keep]
/// </summary>
public static class ReportingBenchmark
{
    private const int ExtraValues = 23; // the template's 7 indicators + 23 detail figures ≈ 30 values a report

    public static async Task<int> RunAsync(string[] args)
    {
        var enterprises = Option(args, "--enterprises", 100);
        var years = Option(args, "--years", 10);
        var queries = Option(args, "--queries", 300);
        var keep = args.Contains("--keep");
        var server = Environment.GetEnvironmentVariable("PLATFORM_POSTGRES")
            ?? throw new InvalidOperationException("PLATFORM_POSTGRES is not set (run through deploy/local/bench.sh)");
        var database = $"bench_reporting_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ExecuteAsync(server, $"create database {database} encoding 'UTF8' template template0");
        try
        {
            await using var store = DocumentStore.For(opts =>
            {
                EventStoreSetup.ConfigureStore(opts, $"{server};Database={database}", ReportingStore.Schema);
                ReportingStore.Configure(opts);
            });
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

            var template = Templates.TelecomMonthly;
            var first = new DateOnly(DateTime.UtcNow.Year - years, 1, 1);
            var periods = ReportingPeriod.Between(PeriodType.Monthly, first, first.AddYears(years).AddDays(-1)).ToList();
            var operators = await SeedEnterprisesAsync(store, enterprises);

            // Load: one batch (one transaction) per period: every enterprise's report opened, submitted, accepted.
            var random = new Random(42);
            var rules = new DueDateRules();
            var events = 0L;
            DateTimeOffset midLoad = default;
            var load = Stopwatch.StartNew();
            for (var p = 0; p < periods.Count; p++)
            {
                var period = periods[p];
                await using var session = store.LightweightSession();
                foreach (var (id, index) in operators.Select((id, i) => (id, i)))
                {
                    var submission = ObligationScheduler.SubmissionIdFor(id, template.Code, period.Key);
                    var values = Values(random, index, p);
                    var dueOn = rules.DueOn(period);
                    var late = random.Next(20) == 0;
                    var submittedAt = new DateTimeOffset(dueOn.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).AddDays(late ? 3 : -2);
                    session.Events.StartStream<Submission>(submission,
                        new ObligationOpened(submission, id, template.Code, template.Version, period.Key, period.Start, period.End, dueOn),
                        new ReportSubmitted(submission, id, template.Code, period.Key, 1, values, new Certification("Nguyễn Văn An", "Giám đốc"), submittedAt, late, []),
                        new ReportAccepted(submission, id, 1, dueOn.AddDays(5)));
                    events += 3;
                }
                await session.SaveChangesAsync();
                if (p == periods.Count / 2)
                {
                    await Task.Delay(20);
                    midLoad = DateTimeOffset.UtcNow; // as-of: what was known half-way through the load
                    await Task.Delay(20);
                }
            }
            // Corrections after the fact (one report in twenty): returned, resubmitted, accepted again.
            await using (var session = store.LightweightSession())
            {
                foreach (var (period, p) in periods.Select((x, i) => (x, i)))
                    foreach (var (id, index) in operators.Select((id, i) => (id, i)).Where(_ => random.Next(20) == 0))
                    {
                        var submission = ObligationScheduler.SubmissionIdFor(id, template.Code, period.Key);
                        session.Events.Append(submission,
                            new ReportReturned(submission, id, 1, "Số liệu chưa khớp", DateOnly.FromDateTime(DateTime.UtcNow)),
                            new ReportSubmitted(submission, id, template.Code, period.Key, 2, Values(random, index, p), new Certification("Nguyễn Văn An", "Giám đốc"), DateTimeOffset.UtcNow, true, []),
                            new ReportAccepted(submission, id, 2, DateOnly.FromDateTime(DateTime.UtcNow)));
                        events += 3;
                    }
                await session.SaveChangesAsync();
            }
            load.Stop();

            var options = new ReportingOptions();
            var geography = new ProvinceGeography(Country.Vietnam, new GeographyOptions().Province); // the default province, as the services
            var current = await TimeAsync(queries, random, periods, (session, period) => IndicatorEndpoints.ComputeAsync(session, template, period, null, options, geography, default), store);
            var asOf = await TimeAsync(queries, random, periods.Take(periods.Count / 2).ToList(), (session, period) => IndicatorEndpoints.ComputeAsync(session, template, period, midLoad, options, geography, default), store);
            // The trend: three years of monthly periods by operator (what the console's chart asks for), ending at a random period.
            var trendMonths = Math.Min(36, periods.Count);
            TrendQuery TrendEndingAt(ReportingPeriod last) => IndicatorTrends.Parse(periods[Math.Max(0, periods.IndexOf(last) - trendMonths + 1)].Key, last.Key, "operator",
                template.Code, null, null, last.End, 60, Templates.Catalog).Command;
            var trend = await TimeAsync(Math.Max(1, queries / 10), random, periods.Skip(trendMonths - 1).ToList(),
                (session, period) => IndicatorTrends.ComputeAsync(session, TrendEndingAt(period), options, geography, default), store);

            // A sanity figure that the queries aggregate real data: reports counted for one period.
            await using var check = store.QuerySession();
            var sample = await IndicatorEndpoints.ComputeAsync(check, template, periods[^1], null, options, geography, default);

            var submissions = enterprises * periods.Count;
            var figures = new
            {
                benchmark = "reporting",
                enterprises, years, submissions, valuesPerSubmission = template.Indicators.Count + ExtraValues, events,
                loadSeconds = Math.Round(load.Elapsed.TotalSeconds, 2),
                eventsPerSecond = Math.Round(events / load.Elapsed.TotalSeconds),
                indicatorsQueryMs = current, asOfQueryMs = asOf, trendMonths, trendQueryMs = trend,
                acceptedReportsInLastPeriod = sample.AcceptedReports,
                densityInLastPeriod = sample.DensityPer100,
                targetMs = 50,
                indicatorsP95Met = current.P95 < 50, asOfP95Met = asOf.P95 < 50, trendTargetMs = 500, trendP95Met = trend.P95 < 500,
                machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            };
            Console.WriteLine($"""

                Reporting benchmark: {enterprises} enterprises × {years} years monthly = {submissions:N0} submissions, {figures.valuesPerSubmission} values each
                | figure                          | value |
                |---------------------------------|-------|
                | events appended                 | {events:N0} |
                | load time                       | {figures.loadSeconds:N2} s |
                | events/s                        | {figures.eventsPerSecond:N0} |
                | indicators query p50 / p95 / p99 | {current.P50:N1} / {current.P95:N1} / {current.P99:N1} ms ({queries} queries, target p95 < 50 ms: {(figures.indicatorsP95Met ? "met" : "MISSED")}) |
                | as-of query p50 / p95 / p99      | {asOf.P50:N1} / {asOf.P95:N1} / {asOf.P99:N1} ms ({queries} queries, target p95 < 50 ms: {(figures.asOfP95Met ? "met" : "MISSED")}) |
                | trend query ({trendMonths} months by operator) p50 / p95 / p99 | {trend.P50:N1} / {trend.P95:N1} / {trend.P99:N1} ms ({Math.Max(1, queries / 10)} queries, target p95 < 500 ms: {(figures.trendP95Met ? "met" : "MISSED")}) |
                | accepted reports, last period   | {sample.AcceptedReports} (density {sample.DensityPer100} per 100) |

                """);
            Console.WriteLine(JsonSerializer.Serialize(figures));
            return 0;
        }
        finally
        {
            if (!keep)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"drop database if exists {database} with (force)");
            }
            else Console.Error.WriteLine($"kept database {database}");
        }
    }

    public sealed record Latency(double P50, double P95, double P99, double Max);

    private static async Task<Latency> TimeAsync<T>(int count, Random random, IReadOnlyList<ReportingPeriod> periods,
        Func<IQuerySession, ReportingPeriod, Task<T>> query, IDocumentStore store)
    {
        for (var i = 0; i < 20; i++) // warm-up: connections, JIT, PostgreSQL's plan cache
        {
            await using var warm = store.QuerySession();
            await query(warm, periods[random.Next(periods.Count)]);
        }
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var session = store.QuerySession(); // a session per request, as the endpoint has
            await query(session, periods[random.Next(periods.Count)]);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        double At(double q) => Math.Round(times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)], 2);
        return new Latency(At(0.50), At(0.95), At(0.99), Math.Round(times[^1], 2));
    }

    /// <summary>Operators spread over the province's districts, so the per-district breakdown has work to do.</summary>
    private static async Task<List<Guid>> SeedEnterprisesAsync(IDocumentStore store, int count)
    {
        var districts = PopulationSeed.ByDistrict.Keys.ToArray();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await using var session = store.LightweightSession();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            session.Store(new KnownEnterprise(id, $"53{i:D8}", $"Công ty Viễn thông số {i + 1}", $"Nhà mạng {i + 1}", ["telecom"], ["network-operator"],
                districts[i % districts.Length], "Phường Cốc Lếu", KnownEnterprise.Active, null, 1, 1, DateTimeOffset.UtcNow.AddYears(-20), DateTimeOffset.UtcNow.AddYears(-20)));
        await session.SaveChangesAsync();
        return ids;
    }

    /// <summary>Plausible, slowly growing figures (the province reaches ~32 phones per 100 inhabitants with 100 operators).</summary>
    private static Dictionary<string, decimal> Values(Random random, int enterprise, int month)
    {
        var mobile = 1_100m + enterprise * 10 + month * 4 + random.Next(50);
        var values = new Dictionary<string, decimal>
        {
            ["mobile-subscribers"] = mobile, ["prepaid-subscribers"] = Math.Floor(mobile * 0.9m), ["prepaid-registered"] = Math.Floor(mobile * 0.85m),
            ["fixed-subscribers"] = 50 + random.Next(20), ["internet-subscribers"] = Math.Floor(mobile * 0.3m), ["operational-bts"] = 5 + month / 12,
            ["revenue-vnd"] = mobile * 85_000m,
        };
        for (var i = 1; i <= ExtraValues; i++) values[$"detail-{i:D2}"] = random.Next(10_000);
        return values;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection($"{server};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
