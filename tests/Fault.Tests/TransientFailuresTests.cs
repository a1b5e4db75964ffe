using System.Net.Sockets;
using Npgsql;
using Platform.BuildingBlocks.Messaging;
using Xunit;

namespace Fault.Tests;

public class TransientFailuresTests
{
    [Theory]
    [InlineData("57P01", true)]  // terminating connection due to administrator command / postmaster exit
    [InlineData("57P03", true)]  // the database system is starting up
    [InlineData("23505", false)] // unique violation: the message's own problem
    [InlineData("22P02", false)] // invalid input syntax
    public void Server_errors_are_transient_only_when_the_server_is_away(string sqlState, bool transient) =>
        Assert.Equal(transient, TransientFailures.IsTransient(new PostgresException("x", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void Connection_failures_are_transient_wherever_they_are_wrapped()
    {
        Assert.True(TransientFailures.IsTransient(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(TransientFailures.IsTransient(new InvalidOperationException("outer", new TimeoutException())));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("Enterprise not yet known")));
    }
}
