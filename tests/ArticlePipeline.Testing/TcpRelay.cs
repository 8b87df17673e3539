using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ArticlePipeline.Testing;

/// <summary>
/// A TCP relay on 127.0.0.1 to a server on this machine (a PostgreSQL server): point a client at
/// <see cref="Port"/>, then <see cref="CutAsync"/> it to make the server unreachable for real (open connections reset,
/// new ones refused) without touching the server, and <see cref="RestoreAsync"/> to bring it back on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    private TcpRelay(IPEndPoint target) => _target = target;

    /// <summary>The port clients connect to.</summary>
    public int Port { get; private set; }

    public static TcpRelay Start(IPEndPoint target)
    {
        var relay = new TcpRelay(target);
        relay.Listen(0);
        return relay;
    }

    /// <summary>Resets every open connection and stops listening: the target is unreachable through the relay.</summary>
    public async Task CutAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        foreach (Socket socket in _open.Keys)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
                // Its pump closed it a moment ago (the other side went first): that connection is already gone.
            }
        }

        _open.Clear();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Listens again on the same port.</summary>
    public Task RestoreAsync()
    {
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        Listen(Port);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await CutAsync();
        _stop.Dispose();
    }

    private void Listen(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client = await listener.AcceptSocketAsync(cancellationToken);
            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_target, cancellationToken);
            }
            catch (SocketException)
            {
                client.Close();
                server.Dispose();
                continue;
            }

            _open[client] = 0;
            _open[server] = 0;
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // One side was cut: the other follows.
            _open.TryRemove(to, out _);
            to.Close();
        }
    }
}
