using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Work;

/// <summary>
/// The work queue and host leases of one process: what PostgreSQL is to a cluster, for a local pass. Same contract as
/// the shared stores (idempotent enqueue, one holder per host, a host's items newest first, a released host not leased
/// again before its interval), kept in memory for the length of a pass.
/// </summary>
/// <remarks>
/// The pass waits on <see cref="ChangedAsync"/> instead of polling: an item enqueued, completed or given back wakes it,
/// so a local pass needs no clock to end (the tests' fake clocks never move).
/// </remarks>
public sealed class InProcessWorkStore : IWorkItemStore, IHostLeaseStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _seq;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates an empty queue.</summary>
    /// <param name="time">The clock of leases and host intervals; the system clock when <see langword="null"/>.</param>
    public InProcessWorkStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>A task that completes at the next change (an item enqueued, completed or released, a host released).</summary>
    /// <returns>The task; take it before looking at the queue, so that no change between the look and the wait is missed.</returns>
    public Task ChangedAsync()
    {
        lock (_lock)
        {
            return _changed.Task;
        }
    }

    /// <summary>Removes every item not leased and returns them: what a pass that stops early leaves undone.</summary>
    /// <returns>The items, newest first.</returns>
    public IReadOnlyList<WorkItem> TakeUnstarted()
    {
        lock (_lock)
        {
            Entry[] left = [.. _items.Values.Where(e => e.Token is null).OrderByDescending(e => e.Seq)];
            foreach (Entry entry in left)
            {
                _items.Remove(entry.Item.Key);
            }

            return [.. left.Select(e => e.Item)];
        }
    }

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            if (!_items.TryAdd(item.Key, new Entry(item, HostLease.KeyOf(item.Url), ++_seq)))
            {
                return Task.FromResult(false);
            }

            SignalLocked();
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<WorkLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            Entry? oldest = _items.Values.Where(e => Available(e, now)).MinBy(e => e.Seq);
            return Task.FromResult(oldest is null ? null : LeaseLocked(oldest, owner, now + leaseDuration));
        }
    }

    /// <inheritdoc />
    public Task<bool> RenewAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (!_items.TryGetValue(lease.Item.Key, out Entry? entry) || entry.Token != lease.Token)
            {
                return Task.FromResult(false);
            }

            entry.ExpiresAt = _time.GetUtcNow() + leaseDuration;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (!_items.TryGetValue(lease.Item.Key, out Entry? entry) || entry.Token != lease.Token)
            {
                return Task.FromResult(false);
            }

            _items.Remove(lease.Item.Key);
            SignalLocked();
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(WorkLease lease, string? failure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (_items.TryGetValue(lease.Item.Key, out Entry? entry) && entry.Token == lease.Token)
            {
                entry.Token = null;
                SignalLocked();
            }

            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_items.Count);
        }
    }

    /// <inheritdoc />
    public Task<HostLease?> TryLeaseHostAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            var candidate = _items.Values
                .Where(e => Available(e, now))
                .GroupBy(e => e.Host)
                .Select(g => (Host: g.Key, Oldest: g.Min(e => e.Seq)))
                .Where(h => !_hosts.TryGetValue(h.Host, out HostState? state) || ((state.Token is null || state.ExpiresAt <= now) && state.FreeAt <= now))
                .OrderBy(h => h.Oldest)
                .Select(h => h.Host)
                .FirstOrDefault();
            if (candidate is null)
            {
                return Task.FromResult<HostLease?>(null);
            }

            bool expired = _hosts.TryGetValue(candidate, out HostState? previous) && previous.Token is not null;
            var lease = new HostLease(candidate, owner, Guid.NewGuid(), now + leaseDuration, expired);
            _hosts[candidate] = new HostState { Token = lease.Token, ExpiresAt = lease.ExpiresAt, FreeAt = previous?.FreeAt ?? now };
            return Task.FromResult<HostLease?>(lease);
        }
    }

    /// <inheritdoc />
    public Task<bool> RenewHostAsync(HostLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (!_hosts.TryGetValue(lease.Host, out HostState? state) || state.Token != lease.Token)
            {
                return Task.FromResult(false);
            }

            state.ExpiresAt = _time.GetUtcNow() + leaseDuration;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task ReleaseHostAsync(HostLease lease, DateTimeOffset freeAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (_hosts.TryGetValue(lease.Host, out HostState? state) && state.Token == lease.Token)
            {
                state.Token = null;
                state.FreeAt = freeAt;
                SignalLocked();
            }

            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    /// <remarks>Newest first: the item queued last, as the PostgreSQL store orders by enqueue time and sequence.</remarks>
    public Task<WorkLease?> TryLeaseFromHostAsync(HostLease host, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_lock)
        {
            if (!_hosts.TryGetValue(host.Host, out HostState? state) || state.Token != host.Token)
            {
                return Task.FromResult<WorkLease?>(null);
            }

            DateTimeOffset now = _time.GetUtcNow();
            Entry? newest = _items.Values.Where(e => e.Host == host.Host && Available(e, now)).MaxBy(e => e.Seq);
            return Task.FromResult(newest is null ? null : LeaseLocked(newest, host.Owner, now + leaseDuration));
        }
    }

    private static bool Available(Entry entry, DateTimeOffset now) => entry.Token is null || entry.ExpiresAt <= now;

    private static WorkLease LeaseLocked(Entry entry, string owner, DateTimeOffset expiresAt)
    {
        entry.Token = Guid.NewGuid();
        entry.ExpiresAt = expiresAt;
        entry.Attempts++;
        return new WorkLease(entry.Item, owner, entry.Token.Value, entry.Attempts, expiresAt);
    }

    private void SignalLocked()
    {
        TaskCompletionSource changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }

    private sealed class Entry(WorkItem item, string host, long seq)
    {
        public WorkItem Item { get; } = item;

        public string Host { get; } = host;

        public long Seq { get; } = seq;

        public Guid? Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public int Attempts { get; set; }
    }

    private sealed class HostState
    {
        public Guid? Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public DateTimeOffset FreeAt { get; set; }
    }
}
