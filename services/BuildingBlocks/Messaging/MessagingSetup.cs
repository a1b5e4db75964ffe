using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;

namespace Platform.BuildingBlocks.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ (connection string <paramref name="connectionName"/>, an amqp:// URI).
    /// Integration events travel as plain JSON (the contract record, camelCase) on one exchange per
    /// contract named by <see cref="IntegrationEventNames"/>, so outside systems need no MassTransit.
    /// Consumers retry a few times, then the message goes to the queue's <c>_error</c> queue; while the
    /// database is away (<see cref="TransientFailures"/>) they keep retrying for about a minute first.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformMessaging(
        this IHostApplicationBuilder builder, string connectionName, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured");
        var serviceName = builder.Environment.ApplicationName.Replace("Platform.", "").ToLowerInvariant();

        builder.Services.AddHealthChecks().AddRabbitMqCheck(connectionName)
            .AddCheck<QueueMonitor>("queues", HealthStatus.Degraded, ["ready"]);
        builder.Services.AddSingleton(new MessagingEndpoint(new Uri(connectionString)));
        builder.Services.Configure<QueueMonitorOptions>(builder.Configuration.GetSection("Platform:Queues"));
        builder.Services.AddSingleton<QueueMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueMonitor>());
        builder.Services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<QueueMonitor>());
        builder.Services.AddReceiveObserver<ConsumerTelemetry>();
        builder.Services.AddMassTransit(x =>
        {
            // MassTransit 8.5 reports usage to its vendor over the internet by default: a government system
            // sends nothing outside the province's network.
            x.DisableUsageTelemetry();
            // Queues are named after the consuming service, so two services consuming the same event
            // each get their own copy, and replicas of one service share the work.
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configure?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(connectionString));
                cfg.MessageTopology.SetEntityNameFormatter(new IntegrationEventEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
                // Publish only the concrete contract's exchange, not one per implemented interface.
                cfg.Publish<IIntegrationEvent>(p => p.Exclude = true);
                cfg.UseRawJsonSerializer(RawSerializerOptions.AddTransportHeaders | RawSerializerOptions.CopyHeaders, isDefault: true);
                // Not AnyMessageType: contracts of the same shape (Suspended, Ceased) would each match every message.
                // The message type travels in the MT-MessageType transport header instead.
                cfg.UseRawJsonDeserializer(RawSerializerOptions.AddTransportHeaders | RawSerializerOptions.CopyHeaders, isDefault: true);
                // The database or network briefly away: keep trying for about a minute (outer policy).
                cfg.UseMessageRetry(r =>
                {
                    r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(500));
                    r.Handle<Exception>(TransientFailures.IsTransient);
                });
                // Anything else is the message's fault or a bug: a few quick tries, then the _error queue.
                cfg.UseMessageRetry(r =>
                {
                    r.Intervals(100, 500, 1000, 2000);
                    r.Ignore<Exception>(TransientFailures.IsTransient);
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    private sealed class IntegrationEventEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
    {
        public string FormatEntityName<T>() =>
            typeof(IIntegrationEvent).IsAssignableFrom(typeof(T)) && !typeof(T).IsInterface
                ? IntegrationEventNames.ExchangeFor(typeof(T))
                : fallback.FormatEntityName<T>();
    }
}
