using System.Net.Http.Headers;
using System.Net.Http.Json;
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

    /// <summary>
    /// Empties every queue of the vhost (found through the management API), as an operator does before starting the
    /// services on a restored database: the broker may hold messages of events the restore discarded. Returns what each held.
    /// </summary>
    public static async Task<Dictionary<string, uint>> PurgeAllAsync(Uri management, Uri amqp)
    {
        var vhost = Uri.EscapeDataString(amqp.AbsolutePath.TrimStart('/'));
        using var http = new HttpClient { BaseAddress = management };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo))));
        var queues = await http.GetFromJsonAsync<List<QueueName>>($"api/queues/{vhost}?columns=name") ?? [];
        await using var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync("fault-tests-inspector");
        await using var channel = await connection.CreateChannelAsync();
        var purged = new Dictionary<string, uint>();
        foreach (var queue in queues) purged[queue.Name] = await channel.QueuePurgeAsync(queue.Name);
        return purged;
    }

    private sealed record QueueName(string Name);

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
