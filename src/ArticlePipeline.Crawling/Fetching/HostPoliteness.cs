using System.Collections.Concurrent;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// Per-host politeness, keyed by <see cref="Uri.Authority"/> (host and port): at most
/// <see cref="HostLimits.MaxConnections"/> requests in flight, and each request starts at least
/// <see cref="HostLimits.Delay"/> (or the robots.txt <c>Crawl-delay</c>, when longer) after the previous request
/// started and after the latest one finished. A Retry-After answer holds the whole host back. Hosts do not wait for
/// each other.
/// </summary>
/// <remarks>
/// Spacing from the end of the previous response, not only from its start, is what makes the rate hold at the
/// server: a request whose sending was held up (a new connection, a cold start) would otherwise arrive closer to
/// the next one than the delay.
/// </remarks>
internal sealed class HostPoliteness
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, HostLimits> _overrides = new(StringComparer.OrdinalIgnoreCase);
    private readonly HostLimits _defaults;
    private readonly TimeSpan _maxCrawlDelay;
    private readonly TimeProvider _time;

    public HostPoliteness(HostLimits defaults, TimeSpan maxCrawlDelay, TimeProvider time)
    {
        _defaults = defaults;
        _maxCrawlDelay = maxCrawlDelay;
        _time = time;
    }

    /// <summary>The limits in force for <paramref name="authority"/> (before any Crawl-delay).</summary>
    public HostLimits LimitsFor(string authority) => _overrides.TryGetValue(authority, out HostLimits limits) ? limits : _defaults;

    /// <summary>Sets a source's limits for a host; when several sources name the host, the strictest wins.</summary>
    public void Override(string authority, HostLimits limits) =>
        _overrides.AddOrUpdate(authority, limits, (_, existing) => existing.Strictest(limits));

    /// <summary>Records the host's robots.txt Crawl-delay (capped), or clears it.</summary>
    public void SetCrawlDelay(string authority, TimeSpan? crawlDelay)
    {
        HostSlot slot = Slot(authority);
        TimeSpan delay = crawlDelay ?? TimeSpan.Zero;
        slot.CrawlDelay = delay > _maxCrawlDelay ? _maxCrawlDelay : delay;
    }

    /// <summary>Holds every request to the host back until <paramref name="until"/> (a Retry-After).</summary>
    public void Defer(string authority, DateTimeOffset until) => Slot(authority).Defer(until);

    /// <summary>
    /// The earliest start of the host's next request: the latest request's start or end plus the delay (or the
    /// Crawl-delay, when longer), or a Retry-After; <see langword="null"/> when the host was never asked.
    /// </summary>
    public DateTimeOffset? NotBefore(string authority) =>
        _hosts.TryGetValue(authority, out HostSlot? slot) && slot.NextStart is { } next && next != DateTimeOffset.MinValue ? next : null;

    /// <summary>Waits for the host's turn; dispose the result when the response has been read.</summary>
    public async Task<IDisposable> EnterAsync(string authority, CancellationToken cancellationToken)
    {
        HostSlot slot = Slot(authority);
        HostLimits limits = LimitsFor(authority);
        int connections = Math.Max(1, limits.MaxConnections);
        await slot.AcquireAsync(connections, cancellationToken).ConfigureAwait(false);
        TimeSpan delay = limits.Delay > slot.CrawlDelay ? limits.Delay : slot.CrawlDelay;
        try
        {
            DateTimeOffset start = slot.ReserveStart(_time.GetUtcNow(), delay);

            // Timers count whole milliseconds on their own clock and may wake a little early by this one: a request
            // 3 ms early is a rate exceeded at the server, so wait again for what is left, rounded up.
            for (TimeSpan wait = start - _time.GetUtcNow(); wait > TimeSpan.Zero; wait = start - _time.GetUtcNow())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            slot.Release(connections);
            throw;
        }

        return new Turn(this, slot, connections, delay);
    }

    private HostSlot Slot(string authority) => _hosts.GetOrAdd(authority, static _ => new HostSlot());

    /// <summary>One host's connection count, waiting queue and schedule of request starts.</summary>
    private sealed class HostSlot
    {
        private readonly Lock _lock = new();
        private readonly LinkedList<TaskCompletionSource> _waiting = new();
        private int _inFlight;
        private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

        public TimeSpan CrawlDelay { get; set; }

        public DateTimeOffset? NextStart
        {
            get
            {
                lock (_lock)
                {
                    return _nextStart;
                }
            }
        }

        public Task AcquireAsync(int limit, CancellationToken cancellationToken)
        {
            LinkedListNode<TaskCompletionSource> node;
            lock (_lock)
            {
                if (_inFlight < limit && _waiting.Count == 0)
                {
                    _inFlight++;
                    return Task.CompletedTask;
                }

                node = _waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return WaitAsync(node, cancellationToken);
        }

        public void Release(int limit)
        {
            lock (_lock)
            {
                _inFlight--;
                while (_waiting.First is { } next && _inFlight < limit)
                {
                    _waiting.RemoveFirst();
                    if (next.Value.TrySetResult())
                    {
                        _inFlight++;
                    }
                }
            }
        }

        /// <summary>Books the earliest start that keeps <paramref name="delay"/> after the previous start.</summary>
        public DateTimeOffset ReserveStart(DateTimeOffset now, TimeSpan delay)
        {
            lock (_lock)
            {
                DateTimeOffset start = now > _nextStart ? now : _nextStart;
                _nextStart = start + delay;
                return start;
            }
        }

        /// <summary>A request ended: the next one starts no sooner than <paramref name="delay"/> from now.</summary>
        public void Finish(DateTimeOffset now, TimeSpan delay, int limit)
        {
            Defer(now + delay);
            Release(limit);
        }

        public void Defer(DateTimeOffset until)
        {
            lock (_lock)
            {
                if (until > _nextStart)
                {
                    _nextStart = until;
                }
            }
        }

        private async Task WaitAsync(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
        {
            // A waiter cancelled before its turn leaves the queue; one already granted keeps its connection.
            using CancellationTokenRegistration registration = cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    if (node.List is not null)
                    {
                        _waiting.Remove(node);
                        node.Value.TrySetCanceled(cancellationToken);
                    }
                }
            });
            await node.Value.Task.ConfigureAwait(false);
        }
    }

    private sealed class Turn(HostPoliteness owner, HostSlot slot, int limit, TimeSpan delay) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                slot.Finish(owner._time.GetUtcNow(), delay, limit);
            }
        }
    }
}
