namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// One async lock per key, made on first use and dropped when nobody holds or waits for it: work on one record is
/// serialized while work on others runs on.
/// </summary>
internal sealed class KeyedLocks
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="key"/>'s lock.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate();
                _gates[key] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, gate, held: false);
            throw;
        }

        return new Held(this, key, gate);
    }

    private void Leave(string key, Gate gate, bool held)
    {
        lock (_gates)
        {
            if (held)
            {
                gate.Semaphore.Release();
            }

            if (--gate.Users == 0)
            {
                _gates.Remove(key);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Held(KeyedLocks owner, string key, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Leave(key, gate, held: true);
            }
        }
    }
}
