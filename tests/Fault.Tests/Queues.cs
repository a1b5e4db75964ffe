using System.Text;
using RabbitMQ.Client;

namespace Fault.Tests;

/// <summary>Looks into RabbitMQ queues with plain RabbitMQ.Client, as an operator would with the management UI.</summary>
public static class Queues
{
    public static async Task<uint> DepthAsync(Uri amqp, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync("fault-tests-inspector");
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Reads (without removing) what a queue holds; empty when the queue does not exist.</summary>
    public static async Task<List<(string Body, IDictionary<string, string?> Headers)>> PeekAsync(Uri amqp, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync("fault-tests-inspector");
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<(string, IDictionary<string, string?>)>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
                messages.Add((Encoding.UTF8.GetString(message.Body.Span),
                    (message.BasicProperties.Headers ?? new Dictionary<string, object?>()).ToDictionary(h => h.Key, h => h.Value is byte[] b ? Encoding.UTF8.GetString(b) : h.Value?.ToString())));
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { } // no such queue (yet)
        return messages; // not acknowledged: they go back to the queue when the channel closes
    }
}
