using System.Net;
using System.Net.Sockets;
using ArticlePipeline.Crawling.Policy;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The address policy of the fetcher: checked on every URL and redirect hop before the request, and again at
/// connect time on the resolved addresses (the handler's connect callback), so DNS cannot point a request inside.
/// </summary>
internal sealed class AddressGuard
{
    private readonly bool _allowPrivate;

    /// <summary>Creates the guard for <paramref name="options"/>.</summary>
    /// <param name="options">Network options: <see cref="NetworkOptions.AllowPrivateAddresses"/> and the proxy.</param>
    public AddressGuard(NetworkOptions options)
    {
        _allowPrivate = options.AllowPrivateAddresses;
        Uri? proxy = options.ProxyUri();
        Proxy = proxy is null ? null : new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
    }

    /// <summary>The configured proxy without its user information, or <see langword="null"/> for direct connections.</summary>
    public Uri? Proxy { get; }

    /// <summary>
    /// The policy for one URL or redirect hop, before any request: only http(s), and no literal internal address.
    /// Through a proxy the connection goes to the proxy, not to the URL's host, so the host is resolved here and its
    /// addresses are checked before the request is sent.
    /// </summary>
    /// <returns>Why the URL is refused, or <see langword="null"/>.</returns>
    public async ValueTask<string?> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return $"{url}: only http and https URLs are fetched";
        }

        if (_allowPrivate)
        {
            return null;
        }

        if (url.IsLoopback || url.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? literal) && AddressPolicy.IsInternal(literal)))
        {
            return $"{url}: {url.Host} is a loopback or private address (set Network:AllowPrivateAddresses=true to allow)";
        }

        return Proxy is null ? null : await CheckResolvedAsync(url.DnsSafeHost, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The handler's connect callback: resolves the host, refuses it when an address is internal (unless it is the
    /// configured proxy, the operator's own choice), and connects to the addresses it checked. A connection to a
    /// server (not the proxy) is a <see cref="RemoteAddressStream"/>, which tells each request the address it reached.
    /// </summary>
    /// <exception cref="AddressRefusedException">The host resolves to an internal address.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (!_allowPrivate && !IsProxy(context.DnsEndPoint) && addresses.FirstOrDefault(AddressPolicy.IsInternal) is { } internalAddress)
        {
            throw new AddressRefusedException(Refusal(context.DnsEndPoint.Host, internalAddress));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);

            // A proxy's address is not the server's: an exchange through it has no remote address.
            return IsProxy(context.DnsEndPoint) ? new NetworkStream(socket, ownsSocket: true) : new RemoteAddressStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The refusal the connect callback raised, wherever the handler wrapped it.</summary>
    /// <returns>The refusal, or <see langword="null"/> when the failure is not the policy's.</returns>
    public static AddressRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>Resolves <paramref name="host"/> and refuses it when any of its addresses is internal.</summary>
    private static async ValueTask<string?> CheckResolvedAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            // Fail closed: an address we cannot see is an address we cannot vouch for.
            return $"{host} does not resolve here, so its address cannot be checked before the proxy is asked: {ex.Message}";
        }

        return addresses.FirstOrDefault(AddressPolicy.IsInternal) is { } internalAddress ? Refusal(host, internalAddress) : null;
    }

    private static string Refusal(string host, IPAddress internalAddress) =>
        $"{host} resolves to {internalAddress}, a loopback or private address (set Network:AllowPrivateAddresses=true to allow)";

    private bool IsProxy(DnsEndPoint endPoint) =>
        Proxy is not null && endPoint.Port == Proxy.Port &&
        string.Equals(endPoint.Host, Proxy.IdnHost, StringComparison.OrdinalIgnoreCase);
}
