using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>
/// Article work items shared by several workers: an item is taken with a lease, and a worker that dies loses
/// nothing, because its lease expires and another worker takes the item.
/// </summary>
public interface IWorkItemStore
{
    /// <summary>Adds an item unless one with the same key is queued or leased (idempotent).</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when it was added.</returns>
    Task<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds items in their order (the last one is the latest queued) unless one with the same key is queued or leased,
    /// all at once: a host's holder never sees part of a discovery's articles.
    /// </summary>
    /// <param name="items">The items, oldest first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The keys of the items added.</returns>
    Task<IReadOnlySet<string>> EnqueueAllAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken = default);

    /// <summary>Takes the oldest available item (queued, or leased with an expired lease) for <paramref name="owner"/>.</summary>
    /// <param name="owner">The worker's name.</param>
    /// <param name="leaseDuration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the take.</param>
    /// <returns>The lease, or <see langword="null"/> when nothing is available.</returns>
    Task<WorkLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease still held by its owner.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="leaseDuration">The new duration from now.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when the lease was lost (expired and taken).</returns>
    Task<bool> RenewAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the item done and removes it; a no-op when the lease was lost. When the item belongs to a source run
    /// (<see cref="WorkItem.RunId"/>) and <paramref name="outcome"/> is given, the outcome is added to that run in the
    /// same write, so an article is counted exactly when it is completed, once, whichever worker completes it.
    /// </summary>
    /// <param name="lease">The lease.</param>
    /// <param name="outcome">The article's counts, for the run that queued it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this lease completed the item.</returns>
    Task<bool> CompleteAsync(WorkLease lease, SourceRunCounts? outcome = null, CancellationToken cancellationToken = default);

    /// <summary>Gives the item back (shutdown or failure) so another worker can take it.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="failure">The failure, if any, recorded on the item.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task ReleaseAsync(WorkLease lease, string? failure = null, CancellationToken cancellationToken = default);

    /// <summary>Items queued or leased.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The queue depth.</returns>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <paramref name="sourceId"/> has article items queued that no worker has taken yet: its last discovery
    /// is still being worked off. Items already tried (in flight, or released after a failure) do not count, so one
    /// item that keeps failing never holds the source's discovery back.
    /// </summary>
    /// <param name="sourceId">The source.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when such an item is queued.</returns>
    Task<bool> HasUntakenArticlesAsync(string sourceId, CancellationToken cancellationToken = default);
}
