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
    /// Consumer endpoints: see <see cref="ConfigureConsumerEndpoint"/>.
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
        builder.Services.AddSingleton(typeof(CopyBatch<>)); // one group commit per consumer (and so per queue), made when first used
        builder.Services.AddMassTransit(x =>
        {
            // MassTransit 8.5 reports usage to its vendor over the internet by default: a government system
            // sends nothing outside the province's network.
            x.DisableUsageTelemetry();
            // Queues are named after the consuming service, so two services consuming the same event
            // each get their own copy, and replicas of one service share the work.
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configure?.Invoke(x);
            x.AddConfigureEndpointsCallback((_, endpoint) => ConfigureConsumerEndpoint(endpoint));
            x.UsingRabbitMq((context, cfg) =>
            {
                // Lossless by design: the broker confirms every publish (the forwarder counts a message as sent
                // only then; MassTransit's default, stated so it is not switched off by accident), the forwarder
                // publishes persistent messages to durable exchanges, and queues are quorum queues (ConfigureConsumerEndpoint).
                cfg.Host(new Uri(connectionString), h => h.PublisherConfirmation = true);
                cfg.MessageTopology.SetEntityNameFormatter(new IntegrationEventEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter));
                // Publish only the concrete contract's exchange, not one per implemented interface.
                cfg.Publish<IIntegrationEvent>(p => p.Exclude = true);
                WireJson.Configure(); // decimals as JSON numbers, as docs/asyncapi.json says
                cfg.UseRawJsonSerializer(RawSerializerOptions.AddTransportHeaders | RawSerializerOptions.CopyHeaders, isDefault: true);
                // Not AnyMessageType: contracts of the same shape (Suspended, Ceased) would each match every message.
                // The message type travels in the MT-MessageType transport header instead.
                cfg.UseRawJsonDeserializer(RawSerializerOptions.AddTransportHeaders | RawSerializerOptions.CopyHeaders, isDefault: true);
                // Whatever a consumer appends is audited as that consumer (ConsumerActorFilter).
                cfg.UseConsumeFilter(typeof(ConsumerActorFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>Consumers take up to this many messages at once per replica...</summary>
    public const int ConcurrentMessages = 16;
    /// <summary>...from this many unacknowledged deliveries the broker sends ahead.</summary>
    public const int Prefetch = 64;

    /// <summary>
    /// Every consumer endpoint: a durable quorum queue (replicated, written to disk before the broker confirms a
    /// publish, so a broker crash loses no confirmed message; RabbitMQ's answer to the crash case), delivery
    /// acknowledged only when the consumer has returned, i.e. after its database transaction committed (a crash
    /// before that redelivers). Messages are taken <see cref="ConcurrentMessages"/> at a time, but those of one
    /// stream (<see cref="PlatformMessageHeaders.StreamId"/>: one enterprise, one site) one after another and in
    /// queue order. Consumers registered with <see cref="AddPlatformConsumer{TConsumer}"/> retry inside that
    /// partition, so a message being retried keeps its stream's later messages waiting instead of letting them
    /// overtake it.
    /// </summary>
    private static void ConfigureConsumerEndpoint(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
            rabbit.PrefetchCount = Prefetch;
        }
        endpoint.ConcurrentMessageLimit = ConcurrentMessages;
        // A message that arrived before the event it depends on (a suspension before its registration: the
        // broker returns unacknowledged messages after a consumer crash, and they may come back behind later
        // ones) is retried OUTSIDE the stream's partition, so the registration behind it can be applied
        // meanwhile; retried inside, it would hold the registration back until it was parked. About 19 s,
        // then the _error queue (and the change-feed backfill repairs).
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(200, 500, 1000, 2000, 5000, 10000);
            r.Handle<MessageArrivedEarlyException>();
        });
        // One partitioner for the whole endpoint: the filter is applied to each message type's pipe, and a
        // partitioner per type would let a stream's registration and its suspension run side by side.
        var partitioner = endpoint.CreatePartitioner(ConcurrentMessages);
        ((IPipeConfigurator<ConsumeContext>)endpoint).UsePartitioner(partitioner, PlatformMessageHeaders.PartitionKey);
    }

    /// <summary>
    /// Registers a consumer with the Platform's retries, on the consumer's own pipe, i.e. inside the endpoint's
    /// stream partition (<see cref="ConfigureConsumerEndpoint"/>): a message waiting for its next try keeps its
    /// stream's later messages waiting. While the database is away (<see cref="TransientFailures"/>) it is tried
    /// again 10 times over about a minute and a half: MassTransit 8.5's exponential policy waits
    /// min(200 ms + 2^i × (a random 400–599 ms), 15 s) before retry i + 1 (i = 0…9; once a wait reaches 15 s the
    /// rest are 15 s), each wait × a random 0.75–1.25, so 86.4–94.6 s before jitter, 65–118 s with it, 91 s on
    /// average (plus the tries themselves). Anything else (the message's fault, a bug, an enterprise not known yet)
    /// a few quick tries, then the queue's <c>_error</c> queue.
    /// </summary>
    public static IBusRegistrationConfigurator AddPlatformConsumer<TConsumer>(this IBusRegistrationConfigurator bus) where TConsumer : class, IConsumer
    {
        bus.AddConsumer<TConsumer>((_, consumer) =>
        {
            consumer.UseMessageRetry(r =>
            {
                r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(500));
                r.Handle<Exception>(TransientFailures.IsTransient);
            });
            consumer.UseMessageRetry(r =>
            {
                r.Intervals(100, 500, 1000, 2000);
                r.Ignore<Exception>(TransientFailures.IsTransient);
                r.Ignore<MessageArrivedEarlyException>(); // leaves the partition: retried by the endpoint
            });
        });
        return bus;
    }

    private sealed class IntegrationEventEntityNameFormatter(IEntityNameFormatter fallback) : IEntityNameFormatter
    {
        public string FormatEntityName<T>() =>
            typeof(IIntegrationEvent).IsAssignableFrom(typeof(T)) && !typeof(T).IsInterface
                ? IntegrationEventNames.ExchangeFor(typeof(T))
                : fallback.FormatEntityName<T>();
    }
}

/// <summary>Headers integration events carry beside the contract, read by the consuming side.</summary>
public static class PlatformMessageHeaders
{
    /// <summary>The id of the event stream the message comes from (the enterprise, the site, the agreement):
    /// consumers take one stream's messages in order and others in parallel.</summary>
    public const string StreamId = "platform-stream-id";

    /// <summary>The stream id. A message without one (from a publisher other than the forwarder) gets one
    /// shared key: such messages are taken one at a time in queue order, as every consumer did before streams
    /// were partitioned, since nothing says which of them touch the same document.</summary>
    public static Guid PartitionKey(ConsumeContext context) =>
        context.Headers.Get<string>(StreamId) is { } text && Guid.TryParse(text, out var id) ? id : Guid.Empty;
}

/// <summary>
/// The message is about something this service has not heard of yet: the event that creates it is still
/// behind it in the queue. Retried outside the stream's partition (see <see cref="MessagingSetup"/>) so that
/// event can overtake it.
/// </summary>
public abstract class MessageArrivedEarlyException(string message) : Exception(message);
