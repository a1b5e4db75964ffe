using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A <see cref="ServiceHost{TEntryPoint}"/> on a real loopback port (Kestrel instead of the in-memory TestServer), for
/// tests where something outside the process must reach the service: a browser, or another service calling it
/// through service discovery. Same fresh database and vhost, same settings; <see cref="Address"/> is where it listens.
/// </summary>
public class KestrelServiceHost<TEntryPoint> : ServiceHost<TEntryPoint> where TEntryPoint : class
{
    /// <param name="port">A given port (a restart at the same address, e.g. an identity provider whose address is its issuer); default: a free one.</param>
    public KestrelServiceHost(TestServers servers, string databaseConnectionName, int? port = null) : base(servers, databaseConnectionName)
    {
        Port = port ?? FreePort.Next();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");
}

public static class FreePort
{
    /// <summary>A loopback port nothing listens on now (the OS picks it; a race with another process is possible but rare).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
