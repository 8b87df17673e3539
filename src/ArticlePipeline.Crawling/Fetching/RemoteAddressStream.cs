using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// A connection to a server (not to a proxy) that tells the request writing on it which address it reached: the
/// handler writes a request from that request's own flow, so the box of <see cref="Watch"/> set there is the one
/// this connection fills, whether the connection is new or taken from the pool.
/// </summary>
internal sealed class RemoteAddressStream : NetworkStream
{
    private static readonly AsyncLocal<StrongBox<IPAddress?>?> Watching = new();

    private readonly IPAddress _address;

    /// <summary>Wraps a connected socket.</summary>
    /// <param name="socket">The socket, connected; the stream owns it.</param>
    public RemoteAddressStream(Socket socket)
        : base(socket, ownsSocket: true)
    {
        IPAddress address = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        _address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>
    /// Starts watching for the address the current flow's next request reaches; call it in the method that sends
    /// the request, so that the box belongs to that request alone.
    /// </summary>
    /// <returns>The box the connection fills when the request is written; empty through a proxy.</returns>
    public static StrongBox<IPAddress?> Watch()
    {
        var box = new StrongBox<IPAddress?>();
        Watching.Value = box;
        return box;
    }

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Note();
        return base.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Note();
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Note();
        base.Write(buffer);
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        Note();
        base.Write(buffer, offset, count);
    }

    private void Note()
    {
        if (Watching.Value is { } box)
        {
            box.Value = _address;
        }
    }
}
