using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ArticlePipeline.Cli.Composition;

/// <summary>
/// The built-in site the warm-up crawls: a few fixed pages answered on <c>127.0.0.1</c> at a free port, one connection
/// at a time (every answer closes its connection), only while the warm-up runs.
/// </summary>
/// <remarks>
/// Plain HTTP/1.1 over a socket, nothing more: a GET's request line and headers are read (at most 8 KiB), its path is
/// looked up, and the page or a 404 is written. Anything else on the port gets the same treatment and nothing else.
/// </remarks>
internal sealed class WarmUpSite : IAsyncDisposable
{
    private const int MaxRequestBytes = 8192;

    private readonly TcpListener _listener;
    private readonly Dictionary<string, (string ContentType, byte[] Body)> _pages;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private WarmUpSite(TcpListener listener, Dictionary<string, (string ContentType, byte[] Body)> pages)
    {
        _listener = listener;
        _pages = pages;
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The site's address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts answering <paramref name="pages"/> (path with its leading slash → media type and body).</summary>
    /// <param name="pages">The pages.</param>
    /// <returns>The running site.</returns>
    public static WarmUpSite Start(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> pages)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new WarmUpSite(listener, new Dictionary<string, (string, byte[])>(pages, StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await AnswerAsync(client.GetStream(), _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    // The warm-up's client went away, or the site is stopping: the next connection, if any, is answered.
                }
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxRequestBytes];
        int length = 0;
        while (length < buffer.Length && buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            length += read;
        }

        string requestLine = Encoding.ASCII.GetString(buffer, 0, Math.Max(0, buffer.AsSpan(0, length).IndexOf("\r\n"u8)));
        string[] parts = requestLine.Split(' ');
        (string ContentType, byte[] Body)? page = parts.Length == 3 && parts[0] == "GET" && _pages.TryGetValue(parts[1], out var found) ? found : null;
        string head = page is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 200 OK\r\nContent-Type: {p.ContentType}\r\nContent-Length: {p.Body.Length}\r\nConnection: close\r\n\r\n")
            : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
        if (page is { } answer)
        {
            await stream.WriteAsync(answer.Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
