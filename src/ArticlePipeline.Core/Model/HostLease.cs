namespace ArticlePipeline.Core.Model;

/// <summary>A host (<c>host:port</c>) held by one worker until <see cref="ExpiresAt"/>: only its holder fetches from it.</summary>
/// <param name="Host">The host key, <see cref="HostLease.KeyOf"/> of its URLs.</param>
/// <param name="Owner">The worker holding it.</param>
/// <param name="Token">Identifies this lease; a lease taken over by another worker has a new token.</param>
/// <param name="ExpiresAt">When the lease expires unless renewed.</param>
/// <param name="TakenOver">Whether it was taken from a worker that let its lease expire (a dead or stalled node).</param>
public sealed record HostLease(string Host, string Owner, Guid Token, DateTimeOffset ExpiresAt, bool TakenOver)
{
    /// <summary>How many hosts could be leased when this one was taken, this one included.</summary>
    /// <value>At least 1 from a store that counts them; 0 when the store does not say.</value>
    public int Waiting { get; init; }

    /// <summary>
    /// Whether this is a lease the owner already held when it asked for the host by name
    /// (<see cref="Abstractions.IHostLeaseStore.TryLeaseNamedHostAsync"/>): its own fetcher keeps the host's turns, and
    /// the holding that took it renews and releases it.
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>The host key of <paramref name="url"/>: lower-case host and port (<c>127.0.0.1:8080</c>, <c>baoangiang.com.vn:443</c>), <c>file</c> for a file.</summary>
    /// <param name="url">An absolute URL.</param>
    /// <returns>The key its host's politeness, queue and lease go by.</returns>
    public static string KeyOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsFile ? "file" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{url.IdnHost.ToLowerInvariant()}:{url.Port}");
    }
}
