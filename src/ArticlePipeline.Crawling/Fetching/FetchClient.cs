using System.Net;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The fetcher's <see cref="HttpClient"/>: redirects by hand, decompression by hand (<see cref="ContentDecoder"/>:
/// the body as received is kept for its capture), the address guard as connect callback, and the configured proxy
/// as the only proxy.
/// </summary>
internal static class FetchClient
{
    /// <summary>Creates the client.</summary>
    /// <param name="options">Network options.</param>
    /// <param name="guard">The address guard; its connect callback opens every connection.</param>
    /// <returns>A client without a timeout of its own (the resilience pipelines time requests).</returns>
    public static HttpClient Create(NetworkOptions options, AddressGuard guard)
    {
        // Proxy environment variables are ignored: a proxy nobody configured would see every request, and the
        // connect-time address check would see only the proxy. Network:Proxy is the one way to use one.
        Uri? proxy = options.ProxyUri();
        var handler = new SocketsHttpHandler
        {
            UseProxy = proxy is not null,
            Proxy = proxy is null ? null : new WebProxy(guard.Proxy) { Credentials = ProxyCredentials(proxy) },
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = NetworkOptions.MaxConnectionsLimit,
            ConnectCallback = guard.ConnectAsync,
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static NetworkCredential? ProxyCredentials(Uri proxy)
    {
        if (proxy.UserInfo.Length == 0)
        {
            return null;
        }

        string[] parts = proxy.UserInfo.Split(':', 2);
        return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }
}
