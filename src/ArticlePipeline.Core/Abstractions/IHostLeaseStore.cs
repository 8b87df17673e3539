using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// The work queue partitioned by host, for a cluster: a worker leases a host that has queued items, takes that host's
/// items (newest first) while it holds it, renews the lease, and releases it when the host's queue is empty. No two
/// workers hold one host, so the host's rate, concurrency, Crawl-delay and Retry-After hold across the cluster; an
/// expired host lease is taken over by another worker.
/// </summary>
public interface IHostLeaseStore
{
    /// <summary>
    /// Leases a host that has items available (queued, or with an expired item lease), no live lease, and whose last
    /// holder released it at least its politeness interval ago; hosts waiting longest first. A host another worker is
    /// waiting for by name (<see cref="TryLeaseNamedHostAsync"/>) is left to that worker.
    /// </summary>
    /// <param name="owner">The worker's name.</param>
    /// <param name="leaseDuration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the take.</param>
    /// <returns>The lease, or <see langword="null"/> when no host is available.</returns>
    Task<HostLease?> TryLeaseHostAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases <paramref name="host"/> by name, whether or not it has queued items, for a request a holder of another host
    /// makes there (a feed or sitemap on another host, its robots.txt, a redirect): granted when no other worker holds it
    /// and its last holder's interval has passed. When <paramref name="owner"/> already holds it, that lease is returned
    /// with <see cref="HostLease.Shared"/> set: the owner's own fetcher keeps the host's turns, and only the holding
    /// that took it renews or releases it. When it is not granted, the host is marked wanted for
    /// <paramref name="wantedFor"/>: its holder is given no further item (<see cref="TryLeaseFromHostAsync"/>), so it
    /// gives the host up once its requests under way are answered, and nobody takes it for its items meanwhile. A worker
    /// waiting for a host whose queue never empties so gets its turn.
    /// </summary>
    /// <param name="host">The host key (<see cref="HostLease.KeyOf"/>).</param>
    /// <param name="owner">The worker's name.</param>
    /// <param name="leaseDuration">How long the lease lasts unless renewed.</param>
    /// <param name="wantedFor">
    /// How long the host stays wanted unless asked for again; <paramref name="leaseDuration"/> when <see langword="null"/>.
    /// A worker asking again at intervals passes a few of them, so that once it stops asking (it gave up, or died) the
    /// host is soon taken for its items again.
    /// </param>
    /// <param name="cancellationToken">Cancels the take.</param>
    /// <returns>The lease, or <see langword="null"/> while another worker holds the host or its interval runs.</returns>
    Task<HostLease?> TryLeaseNamedHostAsync(string host, string owner, TimeSpan leaseDuration, TimeSpan? wantedFor = null, CancellationToken cancellationToken = default);

    /// <summary>Extends a host lease still held by its owner.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="leaseDuration">The new duration from now.</param>
    /// <param name="freeAt">
    /// When the holder's next request to the host may start at the earliest (a Retry-After, a Crawl-delay), if known:
    /// a worker that takes the host over after the lease expired starts no sooner. A later time already stored stays.
    /// </param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    Task<bool> RenewHostAsync(HostLease lease, TimeSpan leaseDuration, DateTimeOffset? freeAt = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the host back; no worker may lease it before <paramref name="freeAt"/> (the host's interval after its last
    /// request, or a later Retry-After or Crawl-delay the holder knows of).
    /// </summary>
    /// <param name="lease">The lease.</param>
    /// <param name="freeAt">When the next holder may start.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task ReleaseHostAsync(HostLease lease, DateTimeOffset freeAt, CancellationToken cancellationToken = default);

    /// <summary>Takes the newest available item of a host held by <paramref name="host"/>, with an item lease for its owner.</summary>
    /// <param name="host">The host lease; nothing is taken once it is lost.</param>
    /// <param name="leaseDuration">How long the item lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the take.</param>
    /// <returns>
    /// The item's lease, or <see langword="null"/> when the host has nothing available, the host lease was lost, or
    /// another worker wants the host (<see cref="TryLeaseNamedHostAsync"/>): the holding then ends as if drained.
    /// </returns>
    Task<WorkLease?> TryLeaseFromHostAsync(HostLease host, TimeSpan leaseDuration, CancellationToken cancellationToken = default);
}
