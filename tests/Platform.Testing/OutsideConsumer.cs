using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Testing;

/// <summary>
/// Plays another government system: plain RabbitMQ.Client (no MassTransit), its own exclusive queue
/// bound to the contract exchanges it names, collecting each message body and headers.
/// </summary>
public sealed class OutsideConsumer : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    public ConcurrentQueue<(JsonElement Body, IDictionary<string, object?> Headers)> Received { get; } = new();

    private OutsideConsumer(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public static async Task<OutsideConsumer> StartAsync(Uri amqp, params string[] exchanges)
    {
        var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync("outside-system-test");
        var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        foreach (var exchange in exchanges)
        {
            // The same declaration MassTransit uses (durable fanout), so whoever comes first creates it.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue.QueueName, exchange, "");
        }
        var consumer = new OutsideConsumer(connection, channel);
        var handler = new AsyncEventingBasicConsumer(channel);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            var body = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.Clone();
            var headers = (delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value);
            headers["content-type"] = delivery.BasicProperties.ContentType;
            headers["message-id"] = delivery.BasicProperties.MessageId;
            consumer.Received.Enqueue((body, headers));
            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: false, handler);
        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
