namespace ArticlePipeline.Core.Work;

/// <summary>
/// The requests one process has under way per host, whichever of its holdings or gates let them through: a lease this
/// process gives back (a holding's, or one taken by name) is released only when none is left, and no new one starts
/// while it is being released. A request that found the host already held by this process (shared) has no lease of
/// its own; this is what keeps the lease it relies on until it is answered.
/// </summary>
internal sealed class HostUses
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Use> _hosts = new(StringComparer.Ordinal);

    /// <summary>Counts a request to <paramref name="host"/>; waits first while this process is releasing the host.</summary>
    /// <param name="host">The host key.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    public async ValueTask EnterAsync(string host, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task releasing;
            lock (_lock)
            {
                Use use = Get(host);
                if (use.Released is null)
                {
                    use.Count++;
                    return;
                }

                releasing = use.Released.Task;
            }

            await releasing.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A request counted by <see cref="EnterAsync"/> has been answered.</summary>
    /// <param name="host">The host key.</param>
    public void Exit(string host)
    {
        lock (_lock)
        {
            Use use = _hosts[host];
            if (--use.Count == 0)
            {
                use.Idle?.TrySetResult();
                use.Idle = null;
                Forget(host, use);
            }
        }
    }

    /// <summary>
    /// Waits until no request to <paramref name="host"/> is under way, then holds new ones back until
    /// <see cref="EndRelease"/>: the lease can be given back in between.
    /// </summary>
    /// <param name="host">The host key.</param>
    /// <returns>A task.</returns>
    public async Task BeginReleaseAsync(string host)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                Use use = Get(host);
                if (use.Released is not null)
                {
                    wait = use.Released.Task;
                }
                else if (use.Count == 0)
                {
                    use.Released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    return;
                }
                else
                {
                    use.Idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = use.Idle.Task;
                }
            }

            await wait.ConfigureAwait(false);
        }
    }

    /// <summary>The lease has been given back: requests held back by <see cref="BeginReleaseAsync"/> go on.</summary>
    /// <param name="host">The host key.</param>
    public void EndRelease(string host)
    {
        lock (_lock)
        {
            Use use = _hosts[host];
            TaskCompletionSource? released = use.Released;
            use.Released = null;
            released?.TrySetResult();
            Forget(host, use);
        }
    }

    private Use Get(string host)
    {
        if (!_hosts.TryGetValue(host, out Use? use))
        {
            use = new Use();
            _hosts[host] = use;
        }

        return use;
    }

    private void Forget(string host, Use use)
    {
        if (use is { Count: 0, Released: null, Idle: null })
        {
            _hosts.Remove(host);
        }
    }

    private sealed class Use
    {
        public int Count { get; set; }

        public TaskCompletionSource? Idle { get; set; }

        public TaskCompletionSource? Released { get; set; }
    }
}
