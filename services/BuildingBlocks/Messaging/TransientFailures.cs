using System.Net.Sockets;
using Npgsql;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Failures that say "the database or the network is briefly away" (a restart, a failover, a crash
/// being recovered), not "this message is bad". A consumer that meets one keeps retrying instead of
/// parking a good message in the error queue; the fault tests found three events parked that way
/// while PostgreSQL recovered from a crash.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300", // shutdown, crash, starting up, too many connections
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
