using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Enterprises;
using Platform.BuildingBlocks.EventStore;
using Platform.Contracts.Registry;
using Platform.Reporting;
using Platform.Reporting.Obligations;
using Platform.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(TestServers))]

namespace Reporting.Tests;

/// <summary>The Reporting service on its own database and vhost, with an adjustable clock and a 1-second schedule.</summary>
public sealed class ReportingHost(TestServers servers) : ServiceHost<ReportingApi>(servers, "reportingdb")
{
    public AdjustableClock Clock { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Reporting:ScheduleInterval"] = "00:00:01" };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();
    public ObligationScheduler Scheduler => Services.GetRequiredService<ObligationScheduler>();

    public Task<long> EventCountAsync() => Store.DomainEventCountAsync();

    /// <summary>Announces a telecom operator the way the Registry does, registered <paramref name="monthsAgo"/> months ago (its head
    /// office with the unit code it was entered with, when given), and waits until it is known.</summary>
    public async Task<Guid> OperatorAsync(string shortName, int monthsAgo = 3, string kind = "network-operator", string district = "Thành phố Lào Cai",
        string commune = "Phường Cốc Lếu", string? communeCode = null, string? generation = null)
    {
        var id = Guid.NewGuid();
        await Services.GetRequiredService<IBus>().Publish(new EnterpriseRegisteredV1(Guid.NewGuid(), id, 1, DateTimeOffset.UtcNow.AddMonths(-monthsAgo),
            $"Công ty {shortName}", shortName, "5399900014", ["telecom"], [kind], district, commune, "Số 1", communeCode, generation));
        await Eventually.Until(async () =>
        {
            await using var s = Store.QuerySession();
            return await s.LoadAsync<KnownEnterprise>(id);
        }, k => k is not null, what: $"{shortName} known");
        return id;
    }

    /// <summary>The Department's today (Vietnam time) and a month <paramref name="back"/> months before it (yyyy-MM).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    public static string Month(int back) => Today.AddMonths(-back).ToString("yyyy-MM");

    /// <summary>The operator's report for a past month, entered and accepted by a manager (earlier months are locked by now:
    /// the manager first lets the enterprise enter it).</summary>
    public async Task AcceptedReportAsync(HttpClient manager, Guid op, string period, object submission)
    {
        var url = $"/api/reporting/submissions/{ObligationScheduler.SubmissionIdFor(op, "telecom-monthly", period)}";
        await (await manager.PostAsJsonAsync($"{url}/exception", new { until = Today.AddDays(7).ToString("yyyy-MM-dd"), reason = "Nhập bổ sung số liệu" })).ExpectAsync(System.Net.HttpStatusCode.OK);
        await (await manager.PostAsJsonAsync($"{url}/submission", submission)).ExpectAsync(System.Net.HttpStatusCode.OK);
        await (await manager.PostAsJsonAsync($"{url}/acceptance", new { })).ExpectAsync(System.Net.HttpStatusCode.OK);
    }

    /// <summary>One indicator's series of a trend answer.</summary>
    public static System.Text.Json.JsonElement Series(System.Text.Json.JsonElement trend, string code) =>
        trend.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("code").GetString() == code);

    public static Dictionary<string, decimal> Values(decimal mobile = 100_000) => new()
    {
        ["mobile-subscribers"] = mobile, ["prepaid-subscribers"] = mobile * 0.9m, ["prepaid-registered"] = mobile * 0.8m, ["fixed-subscribers"] = 5_000,
        ["internet-subscribers"] = 30_000, ["operational-bts"] = 120, ["revenue-vnd"] = 9_500_000_000,
    };

    public static object Submission(decimal mobile = 100_000) => new { values = Values(mobile), signerName = "Lê Văn Bình", signerTitle = "Giám đốc chi nhánh" };

    /// <summary>A document store configured as the service's (<see cref="EventStoreSetup.ConfigureStore"/>, <see cref="ReportingStore.Configure"/>,
    /// then <paramref name="configure"/>), its schema applied, on a fresh database that disposing it drops: what the store itself reads and
    /// writes, without the service around it.</summary>
    public static async Task<FreshStore> StoreOnFreshDatabaseAsync(TestServers servers, string prefix, Action<StoreOptions>? configure = null)
    {
        var database = await servers.CreateDatabaseAsync(prefix);
        DocumentStore? store = null;
        try
        {
            store = DocumentStore.For(opts =>
            {
                EventStoreSetup.ConfigureStore(opts, database, ReportingStore.Schema);
                ReportingStore.Configure(opts);
                configure?.Invoke(opts);
            });
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            return new FreshStore(servers, database, store);
        }
        catch
        {
            store?.Dispose();
            await servers.DropDatabaseAsync(database);
            throw;
        }
    }

    public sealed class FreshStore(TestServers servers, string database, DocumentStore store) : IAsyncDisposable
    {
        public DocumentStore Store { get; } = store;

        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync(); // its connections closed before the database is dropped
            await servers.DropDatabaseAsync(database);
        }
    }
}
