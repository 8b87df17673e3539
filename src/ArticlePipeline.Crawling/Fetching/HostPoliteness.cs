using System.Collections.Concurrent;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>Per-host politeness: one request at a time per host, and a minimum delay between two of them.</summary>
internal sealed class HostPoliteness
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;

    public HostPoliteness(TimeSpan delay, TimeProvider time)
    {
        _delay = delay;
        _time = time;
    }

    /// <summary>Waits for the host's turn; dispose the result when the response has been read.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        HostSlot slot = _hosts.GetOrAdd(host, static _ => new HostSlot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TimeSpan wait = slot.NextAllowed - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }

        return new Turn(this, slot);
    }

    private sealed class HostSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset NextAllowed { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Turn(HostPoliteness owner, HostSlot slot) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                slot.NextAllowed = owner._time.GetUtcNow() + owner._delay;
                slot.Gate.Release();
            }
        }
    }
}
