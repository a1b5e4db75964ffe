using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Feeds;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One service hosted in-process (WebApplicationFactory) against its own fresh database and RabbitMQ
/// virtual host on the real servers. <paramref name="databaseConnectionName"/> is the connection string
/// name the service reads (e.g. "registrydb"); RabbitMQ is always "messaging".
/// </summary>
public class ServiceHost<TEntryPoint>(TestServers servers, string databaseConnectionName) : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    public TestServers Servers => servers;
    public string DatabaseConnectionString { get; private set; } = "";
    public Uri MessagingUri { get; private set; } = null!;

    /// <summary>Extra configuration for the host (keys in ':' form).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Per-test additions to <see cref="Settings"/> and to the services, set before the host starts.</summary>
    public Dictionary<string, string?> ExtraSettings { get; } = new();
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ExtraServices { get; init; }

    private readonly List<Action<IServiceCollection>> _feeds = [];

    /// <summary>Set before the host starts: it reads <paramref name="source"/>'s change feed (its feed backfill, every second) from
    /// <paramref name="other"/>, in memory. Each host has a vhost of its own, so RabbitMQ never brings the other's events: only
    /// the feed does, as for a service that started after they were published.</summary>
    public void ReadsFeedOf<TOther>(string source, ServiceHost<TOther> other) where TOther : class
    {
        ExtraSettings[$"services:{source}:http:0"] = "http://localhost";
        ExtraSettings[$"{char.ToUpperInvariant(source[0])}{source[1..]}:FeedBackfill:Interval"] = "00:00:01";
        _feeds.Add(services => services.AddHttpClient(FeedBackfill.HttpClientNameFor(source)).ConfigurePrimaryHttpMessageHandler(() => other.Server.CreateHandler()));
    }

    /// <summary>Set before InitializeAsync to join another host's RabbitMQ vhost (cross-service tests);
    /// that host owns and deletes it.</summary>
    public Uri? SharedMessaging { get; init; }

    public virtual async ValueTask InitializeAsync()
    {
        DatabaseConnectionString = await servers.CreateDatabaseAsync(databaseConnectionName);
        MessagingUri = SharedMessaging ?? await servers.CreateVirtualHostAsync(databaseConnectionName);
        await WaitUntilHealthyAsync();
    }

    /// <summary>Starts the host and waits for /health, which includes MassTransit's receive endpoints:
    /// until their queues are bound, an event published to the exchange reaches no queue.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var client = CreateClient();
        await Eventually.Until(async () => (await client.GetAsync("/health")).StatusCode, s => s == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "service healthy");
    }

    /// <summary>Set before disposing to keep the database and vhost for another host (a restart test).</summary>
    public bool KeepDataOnDispose { get; set; }

    /// <summary>Uses (and later drops) the database and vhost of a host that kept them, to restart a service on the same data.</summary>
    public void UseExisting(string database, Uri messaging) => (DatabaseConnectionString, MessagingUri) = (database, messaging);

    /// <summary>The default client acts as a Department manager, so behaviour tests need no ceremony;
    /// authorization tests use <see cref="CreateClientAs"/>.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokens.Issue(PlatformRoles.Manager, userId: "test-manager"));
    }

    /// <summary>A client with a development token for one role (null: no token at all).</summary>
    public HttpClient CreateClientAs(string? role, Guid? enterpriseId = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = role is null ? null : new("Bearer", DevelopmentTokens.Issue(role, enterpriseId, $"test-{role}"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("RateLimiting:WritesPerMinute", "1000000");
        builder.UseSetting($"ConnectionStrings:{databaseConnectionName}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", MessagingUri.ToString());
        foreach (var (key, value) in Settings.Concat(ExtraSettings)) builder.UseSetting(key, value);
        if (ExtraServices is not null) builder.ConfigureServices(ExtraServices);
        foreach (var feed in _feeds) builder.ConfigureServices(feed);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (ObjectDisposedException ex) when (ex.StackTrace?.Contains("ProjectionCoordinatorBase.stopRunnerAsync", StringComparison.Ordinal) == true)
        {
            // Marten's projection coordinator stopped twice at once while the test host shut down (its stop is not
            // thread-safe: one stop disposed the cancellation source the other was cancelling; seen once in CI, in
            // Identity.Tests' teardown). The test's assertions have run and the host is stopped: nothing to fail.
        }
        if (!KeepDataOnDispose && DatabaseConnectionString.Length > 0)
        {
            await servers.DropDatabaseAsync(DatabaseConnectionString);
            if (SharedMessaging is null) await servers.DeleteVirtualHostAsync(MessagingUri);
        }
        GC.SuppressFinalize(this);
    }
}
