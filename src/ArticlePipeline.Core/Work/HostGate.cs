using System.Collections.Concurrent;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Core.Work;

/// <summary>
/// The gate of one held host: a request to the held host goes at once (the holder's fetcher keeps its turns); a request
/// to another host waits for that host's lease (<see cref="IHostLeaseStore.TryLeaseNamedHostAsync"/>), holds it while
/// the answer is read, and gives it back with the host's next turn, as a holding's release does.
/// </summary>
/// <remarks>
/// The wait is bounded (<see cref="HostWorkLoopOptions.ForeignHostWait"/>): two workers each holding the host the other
/// asks for would otherwise wait for each other for ever. A host this process already holds, through another holding
/// or another request, is shared: one process's fetcher spaces its own requests. Every request is counted in the
/// process's <see cref="HostUses"/>, so a lease this process gives back, whichever holding or request took it, is
/// released only once the requests relying on it are answered.
/// </remarks>
internal sealed partial class HostGate : IHostGate
{
    private readonly string _held;
    private readonly IHostLeaseStore _hosts;
    private readonly HostUses _uses;
    private readonly HostWorkLoopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // When this gate gave each other host back: its next request there need not ask the store before then.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextTurns = new(StringComparer.Ordinal);
    private volatile bool _holding = true;

    /// <summary>Creates the gate of a held host.</summary>
    /// <param name="held">The held host's key.</param>
    /// <param name="hosts">The host leases.</param>
    /// <param name="uses">The process's requests under way per host.</param>
    /// <param name="options">Owner, lease duration, poll interval, the longest wait, and the fetcher's pacing.</param>
    /// <param name="time">The clock of waits and renewals.</param>
    /// <param name="logger">Logs waits and store problems.</param>
    public HostGate(string held, IHostLeaseStore hosts, HostUses uses, HostWorkLoopOptions options, TimeProvider time, ILogger logger)
    {
        _held = held;
        _hosts = hosts;
        _uses = uses;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable?> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.IsFile)
        {
            return null;
        }

        string host = HostLease.KeyOf(url);
        await _uses.EnterAsync(host, cancellationToken).ConfigureAwait(false);
        try
        {
            // The held host while it is held; afterwards (an article settling after its holding ended, asking an
            // edition on the same site) it is asked like any other host.
            return _holding && string.Equals(host, _held, StringComparison.Ordinal)
                ? new Use(_uses, host)
                : await LeaseAsync(url, host, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _uses.Exit(host);
            throw;
        }
    }

    /// <summary>The holding gives its host up: from now on a request to it is asked like any other host's.</summary>
    public void StopHolding() => _holding = false;

    private async Task<IAsyncDisposable> LeaseAsync(Uri url, string host, CancellationToken cancellationToken)
    {
        if (_nextTurns.TryGetValue(host, out DateTimeOffset nextTurn) && nextTurn - _time.GetUtcNow() is { Ticks: > 0 } early)
        {
            // This gate gave the host back with that turn (a redirect per article): no point asking the store before it.
            await Task.Delay(early, _time, cancellationToken).ConfigureAwait(false);
        }

        long started = _time.GetTimestamp();
        bool waiting = false;
        string? storeProblem = null;
        while (true)
        {
            try
            {
                // Wanted for three polls: asked again at each, it lapses soon after this gate stops waiting.
                if (await _hosts.TryLeaseNamedHostAsync(host, _options.Owner, _options.LeaseDuration, _options.PollInterval * 3, cancellationToken).ConfigureAwait(false) is { } lease)
                {
                    if (waiting)
                    {
                        double seconds = _time.GetElapsedTime(started).TotalSeconds;
                        LogForeignHostTaken(host, _held, seconds);
                    }

                    // Shared: this process holds it already, and the count taken keeps that lease until the answer.
                    return lease.Shared ? new Use(_uses, host) : new Turn(this, lease, url);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is away for a moment: the host is not ours until it answers.
                storeProblem = ex.Message;
            }

            TimeSpan waited = _time.GetElapsedTime(started);
            if (waited >= _options.ForeignHostWait)
            {
                throw new HostBusyException(storeProblem is null
                    ? $"{url}: host {host} was held by another worker for {waited.TotalSeconds:0} s; not asked (this worker holds {_held})"
                    : $"{url}: host {host} could not be leased for {waited.TotalSeconds:0} s (work store: {storeProblem}); not asked");
            }

            if (!waiting)
            {
                waiting = true;
                LogWaitingForForeignHost(host, _held);
            }

            TimeSpan left = _options.ForeignHostWait - waited;
            await Task.Delay(left < _options.PollInterval ? left : _options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 233, Level = LogLevel.Information, Message = "host {Host}: held by another worker; a request for the holder of {Held} waits for it")]
    private partial void LogWaitingForForeignHost(string host, string held);

    [LoggerMessage(EventId = 234, Level = LogLevel.Information, Message = "host {Host}: leased for the holder of {Held} after {Seconds:0.0} s")]
    private partial void LogForeignHostTaken(string host, string held, double seconds);

    [LoggerMessage(EventId = 235, Level = LogLevel.Warning, Message = "host {Host}: lease for the holder of {Held} not renewed or released: {Reason}")]
    private partial void LogStoreError(string host, string held, string reason);

    /// <summary>A request under a lease this process holds already: counted until answered.</summary>
    private sealed class Use(HostUses uses, string host) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                uses.Exit(host);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A foreign host held for one URL's request: renewed while the answer is read, released with its next turn.</summary>
    private sealed class Turn : IAsyncDisposable
    {
        private readonly HostGate _gate;
        private readonly HostLease _lease;
        private readonly Uri _url;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Turn(HostGate gate, HostLease lease, Uri url)
        {
            _gate = gate;
            _lease = lease;
            _url = url;
            _renewing = RenewAsync();
        }

        public async ValueTask DisposeAsync()
        {
            HostUses uses = _gate._uses;
            uses.Exit(_lease.Host);

            // Requests of this process that found the host held by this lease (shared) are answered first.
            await uses.BeginReleaseAsync(_lease.Host).ConfigureAwait(false);
            try
            {
                await _stop.CancelAsync().ConfigureAwait(false);
                await _renewing.ConfigureAwait(false);
                _stop.Dispose();
                DateTimeOffset freeAt = _gate._options.FreeAt(_gate._time.GetUtcNow(), source: null, _url, out _);
                _gate._nextTurns[_lease.Host] = freeAt;
                await _gate._hosts.ReleaseHostAsync(_lease, freeAt, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease then expires on its own.
                _gate.LogStoreError(_lease.Host, _gate._held, ex.Message);
            }
            finally
            {
                uses.EndRelease(_lease.Host);
            }
        }

        private async Task RenewAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(_gate._options.LeaseDuration / 3, _gate._time, _stop.Token).ConfigureAwait(false);
                    if (!await _gate._hosts.RenewHostAsync(_lease, _gate._options.LeaseDuration, _gate._options.Pacing?.NotBefore(_url), _stop.Token).ConfigureAwait(false))
                    {
                        _gate.LogStoreError(_lease.Host, _gate._held, "the lease was lost (expired and taken over)");
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The answer has been read.
            }
            catch (Exception ex)
            {
                // The store is away: the lease expires unless the request ends first.
                _gate.LogStoreError(_lease.Host, _gate._held, ex.Message);
            }
        }
    }
}
