using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Weasel.Core;

namespace Platform.BuildingBlocks.EventStore;

public static class EventStoreSetup
{
    /// <summary>
    /// The Marten event store every service uses: its own database (connection string
    /// <paramref name="connectionName"/>) and schema, Guid streams, correlation/causation/header
    /// metadata on every event, the async daemon in HotCold mode (several replicas may run; one
    /// leads), the integration-event forwarder as a daemon subscription, and the supervisor that
    /// restarts an agent the daemon stopped for good on the leading node.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddPlatformEventStore<TMapper>(
        this IHostApplicationBuilder builder, string connectionName, string schema, Action<StoreOptions> configure)
        where TMapper : class, IIntegrationEventMapper
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured");

        builder.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        builder.Services.AddHealthChecks().AddPostgresCheck(connectionName)
            .AddCheck<EventStoreMonitor>("event-daemon", HealthStatus.Unhealthy, ["ready"]);
        builder.Services.Configure<EventStoreMonitorOptions>(builder.Configuration.GetSection("EventStore:Monitor"));
        builder.Services.AddSingleton<EventStoreMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventStoreMonitor>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        var marten = builder.Services.AddMarten(opts =>
            {
                ConfigureStore(opts, connectionString, schema);
                configure(opts);
            })
            .AddAsyncDaemon(DaemonMode.HotCold)
            .ApplyAllDatabaseChangesOnStartup()
            .AddSubscriptionWithServices<IntegrationEventForwarder>(ServiceLifetime.Singleton, o =>
            {
                o.Name = IntegrationEventForwarder.SubscriptionName;
                o.Options.BatchSize = 500;
            });
        // The sessions' factory, one instance injectable both as Marten's ISessionFactory and as itself (CopyBatch opens
        // identity-map sessions with it). Instead of BuildSessionsWith<AuditedSessionFactory>(), which registers the type
        // for ISessionFactory only, so resolving the class would make a second one. Registered after AddMarten's default.
        builder.Services.AddSingleton<AuditedSessionFactory>();
        builder.Services.AddSingleton<ISessionFactory>(sp => sp.GetRequiredService<AuditedSessionFactory>());
        // After Marten's hosted services, so at shutdown it stops before the daemon does.
        builder.Services.Configure<DaemonSupervisorOptions>(builder.Configuration.GetSection("EventStore:Supervisor"));
        builder.Services.AddHostedService<DaemonSupervisor>();
        builder.Services.Configure<ChangeFeedRetentionOptions>(builder.Configuration.GetSection("EventStore:FeedRetention"));
        builder.Services.AddSingleton<ChangeFeedRetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedRetentionJob>());
        return marten;
    }

    /// <summary>The store settings every service shares (also used by the benchmarks, so they measure the same store).</summary>
    public static void ConfigureStore(StoreOptions opts, string connectionString, string schema)
    {
        opts.Connection(StoreConnectionString(connectionString));
        opts.DatabaseSchemaName = schema;
        opts.Events.DatabaseSchemaName = schema;
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // HotCold leader election works with the official DistributedLock.Postgres only with this (README).
        opts.Events.UseAdvisoryLockTransaction = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
        opts.OpenTelemetry.TrackEventCounters();
        opts.Schema.For<ChangeFeedRetention>().Identity(x => x.Id);
        opts.Listeners.Add(new AppendedEventsCounter());
        ConfigureDaemon(opts);
    }

    /// <summary>Statements a connection keeps prepared (Npgsql's automatic preparation) unless the connection string says otherwise.</summary>
    public const int AutoPreparedStatements = 128;

    /// <summary>Connections a service's store keeps open at most unless the connection string says otherwise (Npgsql's own
    /// default is 100).</summary>
    public const int PooledConnections = 8;

    /// <summary>
    /// The Npgsql settings of every store, each unless the connection string sets it itself:
    /// <list type="bullet">
    /// <item>Automatic preparation (<c>Max Auto Prepare</c>, after 2 uses): a statement a connection has sent twice is
    /// prepared on it, so PostgreSQL parses and plans Marten's few dozen statements (appends, FetchForWriting, document
    /// loads and upserts, the daemon's polling) once per pooled connection instead of once per command.</item>
    /// <item><c>No Reset On Close</c>: Marten returns a connection to the pool after each query of a session, and Npgsql
    /// reset it each time (DISCARD ALL, or seven statements once statements are prepared): the most frequent statement
    /// on the server. Nothing the services run leaves session state behind: no SET outside a transaction, no temporary
    /// tables, LISTEN only on Marten's own listener connection, advisory locks transaction-scoped
    /// (UseAdvisoryLockTransaction) or held on the leader election's own connection, which unlocks before it closes.</item>
    /// <item><c>Maximum Pool Size</c> <see cref="PooledConnections"/>: under load Npgsql's default let each service open
    /// 17–35 connections, and PostgreSQL spent 1.5–2 times the CPU per command with them as with 4–10 (README,
    /// "Connections"). Beyond the pool a command waits for a connection in the service instead of in the server.
    /// Nothing holds a connection while it waits for another (sessions take one per operation), so a small pool cannot
    /// deadlock; Marten's listener and the daemon's leader lock hold one each.</item>
    /// </list>
    /// </summary>
    public static string StoreConnectionString(string connectionString)
    {
        // The generic builder: Npgsql's own ContainsKey answers whether a keyword exists, not whether it is set.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            if (!Sets("Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        }
        if (!Sets("No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!Sets("Maximum Pool Size", "MaxPoolSize")) builder.MaxPoolSize = PooledConnections;
        return builder.ConnectionString;
    }

    /// <summary>
    /// How soon the async daemon (projections and the integration-event forwarder) sees a committed event.
    /// Each append also sends a PostgreSQL NOTIFY, which wakes the high-water agent at once instead of at
    /// its next poll; polling stays as the fallback. The high-water mark only moves past a contiguous run
    /// of sequence numbers: a number reserved by a transaction that rolled back (a conflicting command, a
    /// duplicate) leaves a gap that the daemon skips only after <see cref="DaemonSettings.StaleSequenceThreshold"/>
    /// and only when Marten's liveness probe shows no open transaction could still fill it, so a short
    /// threshold costs a probe query per gap, not safety. A gap from a transaction still in flight is
    /// waited for (it is normally milliseconds).
    /// </summary>
    public static void ConfigureDaemon(StoreOptions opts)
    {
        opts.Events.UseListenNotifyForEventAppends = true;
        opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(500);
        opts.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(200);
    }
}
