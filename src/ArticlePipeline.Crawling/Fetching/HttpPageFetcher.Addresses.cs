using System.Net;
using System.Net.Sockets;
using ArticlePipeline.Crawling.Policy;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>The address policy: checked on every URL and redirect hop, and again at connect time.</summary>
public sealed partial class HttpPageFetcher
{
    private string? CheckTarget(Uri url)
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

        return null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // Checked again at connect time, on the resolved addresses, so DNS cannot point us inside.
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (!_options.AllowPrivateAddresses && addresses.FirstOrDefault(AddressPolicy.IsInternal) is { } internalAddress)
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
