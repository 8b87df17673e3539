using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;

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

    // The items not leased, per host, by sequence, and the leased ones by expiry: a host's newest or oldest item and
    // an expired lease are found without a scan of the whole queue.
    private readonly Dictionary<string, SortedSet<long>> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Entry> _bySeq = [];
    private readonly SortedSet<(DateTimeOffset ExpiresAt, long Seq)> _leases = [];
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
                _bySeq.Remove(entry.Seq);
            }

            _queued.Clear();

            return [.. left.Select(e => e.Item)];
        }
    }

    /// <inheritdoc />
    public Task<bool> EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            var entry = new Entry(item, HostLease.KeyOf(item.Url), ++_seq);
            if (!_items.TryAdd(item.Key, entry))
            {
                return Task.FromResult(false);
            }

            _bySeq[entry.Seq] = entry;
            Queue(entry);
            SignalLocked();
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> EnqueueAllAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_lock)
        {
            var added = new HashSet<string>(StringComparer.Ordinal);
            foreach (WorkItem item in items)
            {
                var entry = new Entry(item, HostLease.KeyOf(item.Url), ++_seq);
                if (_items.TryAdd(item.Key, entry))
                {
                    _bySeq[entry.Seq] = entry;
                    Queue(entry);
                    added.Add(item.Key);
                }
            }

            if (added.Count > 0)
            {
                SignalLocked();
            }

            return Task.FromResult<IReadOnlySet<string>>(added);
        }
    }

    /// <inheritdoc />
    public Task<bool> HasUntakenArticlesAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_items.Values.Any(e => e.Attempts == 0 && e.Token is null && !e.Item.IsDiscovery && e.Item.SourceId == sourceId));
        }
    }

    /// <inheritdoc />
    public Task<WorkLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            Entry? oldest = _items.Values.Where(e => Available(e, now)).MinBy(e => e.Seq);
            return Task.FromResult(oldest is null ? null : Lease(oldest, owner, now + leaseDuration));
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

            _leases.Remove((entry.ExpiresAt, entry.Seq));
            entry.ExpiresAt = _time.GetUtcNow() + leaseDuration;
            _leases.Add((entry.ExpiresAt, entry.Seq));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    /// <remarks>A local pass keeps its source runs in memory and stores them whole at its end: <paramref name="outcome"/> is not kept here.</remarks>
    public Task<bool> CompleteAsync(WorkLease lease, SourceRunCounts? outcome = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (!_items.TryGetValue(lease.Item.Key, out Entry? entry) || entry.Token != lease.Token)
            {
                return Task.FromResult(false);
            }

            _items.Remove(lease.Item.Key);
            _bySeq.Remove(entry.Seq);
            _leases.Remove((entry.ExpiresAt, entry.Seq));
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
                _leases.Remove((entry.ExpiresAt, entry.Seq));
                Queue(entry);
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
            // A host waits with its oldest queued item, or an item whose holder let its lease expire.
            IEnumerable<(string Host, long Oldest)> waiting = _queued.Where(h => h.Value.Count > 0).Select(h => (h.Key, h.Value.Min))
                .Concat(_leases.TakeWhile(l => l.ExpiresAt <= now).Select(l => (_bySeq[l.Seq].Host, l.Seq)));

            string[] free = [.. waiting
                .Where(h => !_hosts.TryGetValue(h.Host, out HostState? state)
                    || ((state.Token is null || state.ExpiresAt <= now) && state.FreeAt <= now && !state.Wanted(now)))
                .OrderBy(h => h.Oldest)
                .Select(h => h.Host)
                .Distinct(StringComparer.Ordinal)];
            if (free.Length == 0)
            {
                return Task.FromResult<HostLease?>(null);
            }

            string candidate = free[0];
            bool expired = _hosts.TryGetValue(candidate, out HostState? previous) && previous.Token is not null;
            var lease = new HostLease(candidate, owner, Guid.NewGuid(), now + leaseDuration, expired) { Waiting = free.Length };
            _hosts[candidate] = new HostState { Token = lease.Token, Owner = owner, ExpiresAt = lease.ExpiresAt, FreeAt = previous?.FreeAt ?? now };
            return Task.FromResult<HostLease?>(lease);
        }
    }

    /// <inheritdoc />
    public Task<HostLease?> TryLeaseNamedHostAsync(string host, string owner, TimeSpan leaseDuration, TimeSpan? wantedFor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            _hosts.TryGetValue(host, out HostState? previous);
            if (previous is { Token: { } token } && previous.ExpiresAt > now)
            {
                if (previous.Owner == owner)
                {
                    return Task.FromResult<HostLease?>(new HostLease(host, owner, token, previous.ExpiresAt, TakenOver: false) { Shared = true });
                }

                // Wanted: its holder takes no further item and gives it up; nobody takes it for its items meanwhile.
                previous.WantedUntil = now + (wantedFor ?? leaseDuration);
                return Task.FromResult<HostLease?>(null);
            }

            if (previous is not null && previous.FreeAt > now)
            {
                previous.WantedUntil = now + (wantedFor ?? leaseDuration);
                return Task.FromResult<HostLease?>(null);
            }

            var lease = new HostLease(host, owner, Guid.NewGuid(), now + leaseDuration, previous?.Token is not null);
            _hosts[host] = new HostState { Token = lease.Token, Owner = owner, ExpiresAt = lease.ExpiresAt, FreeAt = previous?.FreeAt ?? now };
            return Task.FromResult<HostLease?>(lease);
        }
    }

    /// <inheritdoc />
    public Task<bool> RenewHostAsync(HostLease lease, TimeSpan leaseDuration, DateTimeOffset? freeAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_lock)
        {
            if (!_hosts.TryGetValue(lease.Host, out HostState? state) || state.Token != lease.Token)
            {
                return Task.FromResult(false);
            }

            state.ExpiresAt = _time.GetUtcNow() + leaseDuration;
            if (freeAt is { } later && later > state.FreeAt)
            {
                state.FreeAt = later;
            }

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
            DateTimeOffset now = _time.GetUtcNow();
            if (!_hosts.TryGetValue(host.Host, out HostState? state) || state.Token != host.Token || state.Wanted(now))
            {
                // Lost, or wanted by a worker waiting for it by name: the holder ends its holding and gives it up.
                return Task.FromResult<WorkLease?>(null);
            }

            Entry? newest = _queued.TryGetValue(host.Host, out SortedSet<long>? queued) && queued.Count > 0
                ? _bySeq[queued.Max]
                : _leases.TakeWhile(l => l.ExpiresAt <= now).Select(l => _bySeq[l.Seq]).Where(e => e.Host == host.Host).MaxBy(e => e.Seq);
            return Task.FromResult(newest is null ? null : Lease(newest, host.Owner, now + leaseDuration));
        }
    }

    private static bool Available(Entry entry, DateTimeOffset now) => entry.Token is null || entry.ExpiresAt <= now;

    private WorkLease Lease(Entry entry, string owner, DateTimeOffset expiresAt)
    {
        Unqueue(entry);
        _leases.Remove((entry.ExpiresAt, entry.Seq));
        entry.Token = Guid.NewGuid();
        entry.ExpiresAt = expiresAt;
        _leases.Add((expiresAt, entry.Seq));
        entry.Attempts++;
        return new WorkLease(entry.Item, owner, entry.Token.Value, entry.Attempts, expiresAt);
    }

    private void Queue(Entry entry)
    {
        if (!_queued.TryGetValue(entry.Host, out SortedSet<long>? queued))
        {
            _queued[entry.Host] = queued = [];
        }

        queued.Add(entry.Seq);
    }

    private void Unqueue(Entry entry)
    {
        if (_queued.TryGetValue(entry.Host, out SortedSet<long>? queued))
        {
            queued.Remove(entry.Seq);
        }
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

        public string? Owner { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public DateTimeOffset FreeAt { get; set; }

        /// <summary>Until when a worker that asked for the host by name and did not get it wants it (moved on at each ask).</summary>
        public DateTimeOffset? WantedUntil { get; set; }

        /// <summary>Whether a worker waiting for the host by name still wants it (one that stopped asking no longer counts).</summary>
        public bool Wanted(DateTimeOffset now) => WantedUntil > now;
    }
}
