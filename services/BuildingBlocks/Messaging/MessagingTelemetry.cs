using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Hosting;
using Platform.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// What an operator needs to see of the consumers: <c>platform.consumer.lag</c> (seconds from the
/// event's commit in the source service to its application here), messages consumed, those that
/// needed retries, and those parked in the <c>_error</c> queue after their retries.
/// </summary>
public sealed class ConsumerTelemetry : IReceiveObserver
{
    public const string QueueTag = "platform.queue";
    public const string MessageTag = "platform.message_type";

    private static readonly Histogram<double> Lag = PlatformTelemetry.Meter.CreateHistogram<double>(
        "platform.consumer.lag", "s", "Seconds from an integration event's commit in its source service to its application by this consumer");
    private static readonly Counter<long> Consumed = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.messages.consumed", "{message}", "Integration events applied by this service's consumers");
    private static readonly Counter<long> Retried = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.messages.retried", "{message}", "Messages that were applied only after one or more retries (the database or an earlier event was not there yet)");
    private static readonly Counter<long> Parked = PlatformTelemetry.Meter.CreateCounter<long>(
        "platform.messages.parked", "{message}", "Messages moved to an _error queue after their retries: they need a person");

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;
    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;
    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class
    {
        var tags = Tags(context);
        Consumed.Add(1, tags);
        if (context.GetRetryAttempt() > 0 || context.GetRedeliveryCount() > 0) Retried.Add(1, tags);
        if (context.Message is IIntegrationEvent e)
            Lag.Record(Math.Max(0, (DateTimeOffset.UtcNow - e.OccurredAt).TotalSeconds), tags);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class
    {
        Parked.Add(1, Tags(context));
        return Task.CompletedTask;
    }

    private static KeyValuePair<string, object?>[] Tags<T>(ConsumeContext<T> context) where T : class =>
    [
        new(QueueTag, context.ReceiveContext.InputAddress?.AbsolutePath.Split('/').LastOrDefault()),
        new(MessageTag, typeof(T).Name),
    ];
}

public sealed class QueueMonitorOptions
{
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages waiting in one queue above which the service reports Degraded (its consumers are falling behind).</summary>
    public int BacklogThreshold { get; set; } = 10_000;
}

/// <summary>
/// RabbitMQ's view of this service's own queues: <c>platform.messaging.queue.depth</c> (messages
/// waiting) and <c>platform.messaging.queue.parked</c> (messages in the queue's <c>_error</c> queue),
/// read with passive declares over AMQP (no management API needed), and the "queues" health check:
/// Degraded, naming the queue, while messages are parked or a backlog builds up; never Unhealthy
/// (the broker's reachability is its own check).
/// </summary>
public sealed partial class QueueMonitor(IOptions<QueueMonitorOptions> options, MessagingEndpoint endpoint, TimeProvider clock, ILogger<QueueMonitor> logger)
    : BackgroundService, IReceiveEndpointObserver, IHealthCheck
{
    private readonly ConcurrentDictionary<string, byte> _queues = new();
    private volatile IReadOnlyDictionary<string, (uint Waiting, uint Parked)> _depths = new Dictionary<string, (uint, uint)>();
    private readonly QueueMonitorOptions _options = options.Value;

    public IReadOnlyDictionary<string, (uint Waiting, uint Parked)> Depths => _depths;

    public Task Ready(ReceiveEndpointReady ready)
    {
        var queue = ready.InputAddress.AbsolutePath.Split('/').LastOrDefault();
        if (!string.IsNullOrEmpty(queue) && ready.InputAddress.Query.Contains("temporary=true") is false && !queue.Contains("_bus_"))
            _queues.TryAdd(queue, 0);
        return Task.CompletedTask;
    }
    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PlatformTelemetry.Meter.CreateObservableGauge("platform.messaging.queue.depth",
            () => _depths.Select(d => new Measurement<long>(d.Value.Waiting, new KeyValuePair<string, object?>(ConsumerTelemetry.QueueTag, d.Key))),
            "{message}", "Messages waiting in this service's RabbitMQ queue");
        PlatformTelemetry.Meter.CreateObservableGauge("platform.messaging.queue.parked",
            () => _depths.Select(d => new Measurement<long>(d.Value.Parked, new KeyValuePair<string, object?>(ConsumerTelemetry.QueueTag, d.Key))),
            "{message}", "Messages in the queue's _error queue: failed after their retries, waiting for a person");
        return PeriodicRounds.RunAsync(_options.SampleInterval, clock, SampleAsync, ex => LogSampleFailed(logger, ex), stoppingToken);
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        if (_queues.IsEmpty) return;
        await _sampling.WaitAsync(ct);
        try
        {
            var connection = await ConnectionAsync(ct);
            var depths = new Dictionary<string, (uint, uint)>();
            foreach (var queue in _queues.Keys.Order())
                depths[queue] = (await DepthAsync(connection, queue, ct), await DepthAsync(connection, queue + "_error", ct));
            _depths = depths;
        }
        finally
        {
            _sampling.Release();
        }
    }

    private readonly SemaphoreSlim _sampling = new(1, 1);
    private IConnection? _connection;

    // One connection for the monitor's life, opened again only when the broker dropped it: a connection per
    // sample cost every service an AMQP handshake (and the broker a connection log entry) every 15 s.
    private async Task<IConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true } open) return open;
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
        var factory = new ConnectionFactory { Uri = endpoint.Uri, ClientProvidedName = "platform-queue-monitor" };
        return _connection = await factory.CreateConnectionAsync(ct);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_connection is not null) await _connection.DisposeAsync();
    }

    // A passive declare answers with the queue's message count, or closes the channel (404) when the
    // queue does not exist: an _error queue appears only with the first parked message.
    private static async Task<uint> DepthAsync(IConnection connection, string queue, CancellationToken ct)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var depths = _depths;
        var parked = depths.Where(d => d.Value.Parked > 0).Select(d => $"{d.Value.Parked} message(s) parked in {d.Key}_error").ToList();
        var backlog = depths.Where(d => d.Value.Waiting > _options.BacklogThreshold).Select(d => $"{d.Value.Waiting} messages waiting in {d.Key}").ToList();
        var data = depths.ToDictionary(d => d.Key, d => (object)new { waiting = d.Value.Waiting, parked = d.Value.Parked });
        if (parked.Count + backlog.Count == 0)
            return Task.FromResult(HealthCheckResult.Healthy($"{depths.Count} queue(s), nothing parked, no backlog", data));
        var advice = parked.Count > 0 ? " Read the parked messages (RabbitMQ management, queue …_error), fix the cause, then move them back to their queue." : "";
        return Task.FromResult(HealthCheckResult.Degraded(string.Join("; ", parked.Concat(backlog)) + "." + advice, data: data));
    }

    [LoggerMessage(LogLevel.Warning, "Reading the depth of this service's RabbitMQ queues failed; next sample tries again")]
    private static partial void LogSampleFailed(ILogger logger, Exception ex);
}

/// <summary>The AMQP address of the service's broker (the <c>messaging</c> connection string).</summary>
public sealed record MessagingEndpoint(Uri Uri);
