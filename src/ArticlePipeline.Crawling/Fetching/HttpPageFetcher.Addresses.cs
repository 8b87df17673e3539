using System.Net;
using System.Net.Sockets;
using ArticlePipeline.Crawling.Policy;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>The address policy: checked on every URL and redirect hop, and again at connect time.</summary>
public sealed partial class HttpPageFetcher
{
    /// <summary>
    /// The address policy for one URL or redirect hop, before any request: only http(s), and no literal internal
    /// address. Through a proxy (<see cref="NetworkOptions.Proxy"/>) the connection goes to the proxy, not to the
    /// URL's host, so the host is resolved here and its addresses are checked before the request is sent.
    /// </summary>
    /// <returns>Why the URL is refused, or <see langword="null"/>.</returns>
    private async ValueTask<string?> CheckTargetAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return $"{url}: only http and https URLs are fetched";
        }

        if (_options.AllowPrivateAddresses)
        {
            return null;
        }

        if (url.IsLoopback || url.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? literal) && AddressPolicy.IsInternal(literal)))
        {
            return $"{url}: {url.Host} is a loopback or private address (set Network:AllowPrivateAddresses=true to allow)";
        }

        return _proxy is null ? null : await CheckResolvedAsync(url.DnsSafeHost, cancellationToken).ConfigureAwait(false);
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

        return addresses.FirstOrDefault(AddressPolicy.IsInternal) is { } internalAddress
            ? $"{host} resolves to {internalAddress}, a loopback or private address (set Network:AllowPrivateAddresses=true to allow)"
            : null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // Checked again at connect time, on the resolved addresses, so DNS cannot point us inside. The configured proxy
        // is the operator's own choice and may well be internal: its targets were checked before the request.
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (!_options.AllowPrivateAddresses && !IsProxy(context.DnsEndPoint) && addresses.FirstOrDefault(AddressPolicy.IsInternal) is { } internalAddress)
        {
            throw new AddressRefusedException(
                $"{context.DnsEndPoint.Host} resolves to {internalAddress}, a loopback or private address (set Network:AllowPrivateAddresses=true to allow)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsProxy(DnsEndPoint endPoint) =>
        _proxy is not null && endPoint.Port == _proxy.Port &&
        string.Equals(endPoint.Host, _proxy.IdnHost, StringComparison.OrdinalIgnoreCase);

    private static AddressRefusedException? FindRefusal(Exception? ex)
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
}
