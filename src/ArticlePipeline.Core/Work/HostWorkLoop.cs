using System.Diagnostics;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Operations;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Core.Work;

/// <summary>
/// The one crawl loop, for a cluster and for a local pass: take a host (<c>host:port</c>), drain its queue newest first
/// at the host's connections, then release it with its interval. A cluster runs it over the PostgreSQL stores, polling
/// until stopped; a local pass over an <see cref="InProcessWorkStore"/>, until the queue is drained and no host is held.
/// </summary>
/// <remarks>
/// <para>
/// A held host is drained by as many item loops as it has connections. Each item is started by
/// <see cref="WorkItemCrawler.StartAsync"/>: a discovery runs to its end (and the host's idle loops start again on the
/// articles it queued), an article frees its loop once fetched and checked, so the host serves the next article while
/// this one waits for a Translator batch (at most <see cref="CrawlOptions.TranslationBatchArticles"/> × 2 per host).
/// The host and each item's lease are renewed every third of <see cref="HostWorkLoopOptions.LeaseDuration"/>; a node
/// that dies stops renewing, and another takes its hosts and items when the leases expire.
/// </para>
/// <para>
/// When the host's queue is empty the lease is released with the host's interval before the next holder may start, or
/// the fetcher's next turn for the host when later (<see cref="HostWorkLoopOptions.Pacing"/>: a Retry-After, a longer
/// robots.txt Crawl-delay; renewals store it too, for a takeover), so a handover never brings two requests closer
/// together than this worker would have. Once stopped no new item is taken; items in flight run on
/// until the grace token, after which they are cancelled and given back.
/// </para>
/// </remarks>
public sealed partial class HostWorkLoop
{
    private readonly IWorkItemStore _work;
    private readonly IHostLeaseStore _hosts;
    private readonly WorkItemCrawler _crawler;
    private readonly Func<string, SourceDefinition?> _sources;
    private readonly HostWorkLoopOptions _options;
    private readonly IWorkItemObserver _observer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // This process's requests under way per host, across its holdings: a host is given back only once they are answered.
    private readonly HostUses _uses = new();
    private int _holding;

    /// <summary>Creates the loop.</summary>
    /// <param name="work">The work items.</param>
    /// <param name="hosts">The host leases over the same items.</param>
    /// <param name="crawler">Does each item.</param>
    /// <param name="sources">The configured source of an id, or <see langword="null"/>.</param>
    /// <param name="options">Owner, leases, hosts at once, and whether the loop ends when drained.</param>
    /// <param name="observer">Hears each item's result.</param>
    /// <param name="time">The clock of polls and renewals; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">Logs hosts and item failures; none when <see langword="null"/>.</param>
    public HostWorkLoop(
        IWorkItemStore work,
        IHostLeaseStore hosts,
        WorkItemCrawler crawler,
        Func<string, SourceDefinition?> sources,
        HostWorkLoopOptions options,
        IWorkItemObserver observer,
        TimeProvider? time = null,
        ILogger<HostWorkLoop>? logger = null)
    {
        _work = work;
        _hosts = hosts;
        _crawler = crawler;
        _sources = sources;
        _options = options;
        _observer = observer;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Hosts held now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    /// <summary>
    /// Takes hosts and drains them until <paramref name="stopping"/>, or, with <see cref="HostWorkLoopOptions.UntilDrained"/>,
    /// until the queue is empty and no host is held; returns when every held host is released and its items settled.
    /// </summary>
    /// <param name="pass">The pass every host shares (a local pass: one seen-set and one set of translation batches); a new one per held host when <see langword="null"/>.</param>
    /// <param name="stopping">Stops taking hosts and items.</param>
    /// <param name="grace">Cancels the items in flight, which are then given back.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CrawlPass? pass, CancellationToken stopping, CancellationToken grace)
    {
        var held = new List<Task>();
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            // Taken before looking, so that a change between the look and the wait is not missed.
            Task? changed = _options.Changed?.Invoke();
            int taken = 0;
            try
            {
                long depth = await _work.CountAsync(stopping).ConfigureAwait(false);
                _observer.QueueDepth(depth);
                if (_options.UntilDrained && depth == 0 && Volatile.Read(ref _holding) == 0)
                {
                    break;
                }

                // Up to half the hosts waiting per look (at least one): twelve hosts are taken up in four polls rather
                // than twelve, and a worker polling next still finds hosts, so they spread over the workers.
                for (int budget = 1; taken < budget && Volatile.Read(ref _holding) < Math.Max(1, _options.MaxHosts); taken++)
                {
                    HostLease? host = await _hosts.TryLeaseHostAsync(_options.Owner, _options.LeaseDuration, stopping).ConfigureAwait(false);
                    if (host is null)
                    {
                        break;
                    }

                    budget = taken == 0 ? Math.Max(1, (host.Waiting + 1) / 2) : budget;
                    Interlocked.Increment(ref _holding);
                    held.RemoveAll(t => t.IsCompleted);
                    held.Add(Task.Run(() => HoldAsync(host, pass, stopping, grace), CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreError(ex.Message);
            }

            if (taken > 0 && _options.UntilDrained)
            {
                // Alone on its queue: every host it may hold is its to take now.
                continue;
            }

            await IdleAsync(changed, stopping).ConfigureAwait(false);
        }

        await Task.WhenAll(held).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Works off one held host: its items newest first, at the host's connections, then releases it.</summary>
    private async Task HoldAsync(HostLease host, CrawlPass? shared, CancellationToken stopping, CancellationToken grace)
    {
        if (host.TakenOver)
        {
            _observer.HostTakenOver();
            LogHostTakenOver(host.Host);
        }
        else
        {
            LogHostLeased(host.Host);
        }

        // One pass per holding of the host unless the caller shares one: its seen-set lets a page whose canonical URL
        // was just crawled be skipped.
        CrawlPass pass = shared ?? new CrawlPass(_crawler.Options);

        // Stops taking items when the loop stops or the lease is lost; items in flight run on under the grace period.
        using var taking = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var renewal = new CancellationTokenSource();

        // Any URL of the host: what the fetcher knows of the host's next turn (Retry-After, Crawl-delay) goes with it.
        Uri? hostUrl = null;
        Task renewing = RenewHostAsync(host, () => hostUrl is null ? null : _options.Pacing?.NotBefore(hostUrl), taking, renewal.Token);
        SourceDefinition? firstSource = null;
        Hold? hold = null;
        try
        {
            WorkLease? first = await TakeAsync(host, taking.Token).ConfigureAwait(false);
            if (first is not null)
            {
                hostUrl = first.Item.Url;
                firstSource = _sources(first.Item.SourceId);
                hold = new Hold(host, pass, Math.Max(1, _options.Connections(firstSource)), Math.Max(1, pass.Options.TranslationBatchArticles * 2), taking.Token, grace)
                {
                    Gate = new HostGate(host.Host, _hosts, _uses, _options, _time, _logger),
                };
                _crawler.Fetching(pass, fetching: true);
                try
                {
                    Fill(hold, first);
                    hold.SetUp();
                    await hold.Ended.ConfigureAwait(false);
                }
                finally
                {
                    // Nothing more will be fetched for the waiting articles to share a request with.
                    _crawler.Fetching(pass, fetching: false);
                }
            }
        }
        finally
        {
            // Articles still settling may be asking the host (an edition on the same site), and other holdings of this
            // process may share it: it is kept until they are answered; anything asked afterwards takes its lease.
            hold?.Gate.StopHolding();
            await _uses.BeginReleaseAsync(host.Host).ConfigureAwait(false);
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            DateTimeOffset freeAt = _options.FreeAt(_time.GetUtcNow(), firstSource, hostUrl, out bool paced);
            if (paced)
            {
                // A Retry-After or a longer Crawl-delay: the next holder waits for it as this one would have.
                LogHostDeferred(host.Host, freeAt);
            }

            try
            {
                await _hosts.ReleaseHostAsync(host, freeAt, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease then expires on its own.
                LogStoreError(ex.Message);
            }
            finally
            {
                _uses.EndRelease(host.Host);
            }

            Interlocked.Decrement(ref _holding);
            LogHostReleased(host.Host, hold?.Processed ?? 0);
        }

        // Every article started is settled (written, failed or given back) before the holding ends.
        if (hold is not null)
        {
            await Task.WhenAll(hold.Finishing()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            hold.Dispose();
        }

        if (shared is null)
        {
            pass.EndTranslations();
        }
    }

    /// <summary>Starts item loops on the host up to its connections, the first one with <paramref name="first"/>.</summary>
    private void Fill(Hold hold, WorkLease? first)
    {
        // Called with an item only when the holding starts, before any loop runs: there is room for it.
        while (hold.TryAddLoop())
        {
            WorkLease? lease = first;
            first = null;
            _ = Task.Run(() => ItemsAsync(hold, lease), CancellationToken.None);
        }
    }

    private async Task ItemsAsync(Hold hold, WorkLease? first)
    {
        try
        {
            WorkLease? lease = first;
            while (true)
            {
                try
                {
                    await hold.Waiting.WaitAsync(hold.Taking).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    if (lease is not null)
                    {
                        await GiveBackAsync(lease, "released at shutdown").ConfigureAwait(false);
                    }

                    return;
                }

                lease ??= await TakeAsync(hold.Host, hold.Taking).ConfigureAwait(false);
                if (lease is null)
                {
                    hold.Waiting.Release();
                    return;
                }

                bool discovery = lease.Item.IsDiscovery;
                hold.Add(await StartItemAsync(hold, lease).ConfigureAwait(false));
                lease = null;
                if (discovery)
                {
                    // The host's other loops may have found nothing before the discovery queued its articles.
                    Fill(hold, null);
                }
            }
        }
        finally
        {
            hold.EndLoop();
        }
    }

    private async Task<WorkLease?> TakeAsync(HostLease host, CancellationToken taking)
    {
        if (taking.IsCancellationRequested)
        {
            return null;
        }

        try
        {
            return await _hosts.TryLeaseFromHostAsync(host, _options.LeaseDuration, taking).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (taking.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreError(ex.Message);
            return null;
        }
    }

    /// <summary>Starts one item and returns the task that settles it: completed, given back, or failed.</summary>
    private async Task<Task> StartItemAsync(Hold hold, WorkLease lease)
    {
        if (lease.Attempt > 1)
        {
            LogTakenOver(lease.Item.Url, lease.Attempt);
        }

        SourceDefinition? source = _sources(lease.Item.SourceId);
        var renewal = new CancellationTokenSource();
        Task renewing = RenewAsync(lease, renewal.Token);
        Task<WorkItemResult> result;
        Activity? parent = _observer.SpanOf(lease.Item, source);
        using (Activity? run = parent is null && lease.Item.IsDiscovery ? PipelineActivities.StartSourceRun(lease.Item.SourceId) : null)
        {
            if (parent is not null)
            {
                Activity.Current = parent;
            }

            // The item's requests, and the tasks it leaves running, are the held host's; any other host they ask waits
            // for that host's lease (a feed on another host, a redirect).
            HostTurns.Use(hold.Gate);
            try
            {
                result = await _crawler.StartAsync(lease.Item, source, hold.Pass, _work, hold.Grace).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                PipelineActivities.SetException(run, ex);
                result = Task.FromException<WorkItemResult>(ex);
            }
        }

        return SettleAsync(hold, lease, source, result, renewal, renewing);
    }

    private async Task SettleAsync(Hold hold, WorkLease lease, SourceDefinition? source, Task<WorkItemResult> result, CancellationTokenSource renewal, Task renewing)
    {
        try
        {
            WorkItemResult done;
            try
            {
                done = await result.ConfigureAwait(false);
            }
            finally
            {
                await renewal.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(false);
                renewal.Dispose();
            }

            // An article's outcome goes into the source run that queued it (a cluster's), in the write that completes it.
            SourceRunCounts? outcome = done.Article is { } article ? SourceRunCounts.Of(article) : null;
            bool completed = await _work.CompleteAsync(lease, outcome, CancellationToken.None).ConfigureAwait(false);
            _observer.Done(lease, source, done, completed);
        }
        catch (OperationCanceledException) when (hold.Grace.IsCancellationRequested)
        {
            await GiveBackAsync(lease, "released at shutdown").ConfigureAwait(false);
            LogReleased(lease.Item.Url);
        }
        catch (Exception ex)
        {
            if (_observer.Failed(lease, source, ex))
            {
                await CompleteQuietlyAsync(lease).ConfigureAwait(false);
            }
            else
            {
                await GiveBackAsync(lease, ex.Message).ConfigureAwait(false);
                LogFailed(lease.Item.Url, ex.Message);
            }
        }
        finally
        {
            hold.Waiting.Release();
        }
    }

    private async Task GiveBackAsync(WorkLease lease, string reason)
    {
        try
        {
            await _work.ReleaseAsync(lease, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The item's lease then expires on its own.
            LogStoreError(ex.Message);
        }
    }

    private async Task CompleteQuietlyAsync(WorkLease lease)
    {
        try
        {
            await _work.CompleteAsync(lease, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreError(ex.Message);
        }
    }

    private async Task RenewHostAsync(HostLease host, Func<DateTimeOffset?> notBefore, CancellationTokenSource taking, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.LeaseDuration / 3, _time, stop).ConfigureAwait(false);
                bool renewed;
                try
                {
                    renewed = await _hosts.RenewHostAsync(host, _options.LeaseDuration, notBefore(), stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is away for a moment: try again at the next renewal, the lease has two more thirds.
                    LogStoreError(ex.Message);
                    continue;
                }

                if (!renewed)
                {
                    LogHostLost(host.Host);
                    await taking.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is done.
        }
    }

    private async Task RenewAsync(WorkLease lease, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.LeaseDuration / 3, _time, stop).ConfigureAwait(false);
                if (!await _work.RenewAsync(lease, _options.LeaseDuration, stop).ConfigureAwait(false))
                {
                    LogLeaseLost(lease.Item.Url);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The item is done.
        }
        catch (Exception ex)
        {
            // The store is away: the lease expires unless the item ends first.
            LogStoreError(ex.Message);
        }
    }

    private async Task IdleAsync(Task? changed, CancellationToken stopping)
    {
        try
        {
            Task poll = Task.Delay(_options.PollInterval, _time, stopping);
            await (changed is null ? poll : Task.WhenAny(poll, changed.WaitAsync(stopping))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 225, Level = LogLevel.Information, Message = "work item {Url}: taken over after an expired lease (attempt {Attempt})")]
    private partial void LogTakenOver(Uri url, int attempt);

    [LoggerMessage(EventId = 228, Level = LogLevel.Information, Message = "host {Host}: leased")]
    private partial void LogHostLeased(string host);

    [LoggerMessage(EventId = 229, Level = LogLevel.Information, Message = "host {Host}: taken over after an expired lease")]
    private partial void LogHostTakenOver(string host);

    [LoggerMessage(EventId = 232, Level = LogLevel.Information, Message = "host {Host}: released, next request not before {NotBefore:O} (Retry-After or Crawl-delay)")]
    private partial void LogHostDeferred(string host, DateTimeOffset notBefore);

    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "host {Host}: released after {Processed} items")]
    private partial void LogHostReleased(string host, int processed);

    [LoggerMessage(EventId = 231, Level = LogLevel.Warning, Message = "host {Host}: lease lost; no further item is taken from it")]
    private partial void LogHostLost(string host);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "work item {Url}: released at shutdown, another node will take it")]
    private partial void LogReleased(Uri url);

    [LoggerMessage(EventId = 222, Level = LogLevel.Warning, Message = "work item {Url}: failed and released: {Reason}")]
    private partial void LogFailed(Uri url, string reason);

    [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "work item {Url}: lease lost while processing")]
    private partial void LogLeaseLost(Uri url);

    [LoggerMessage(EventId = 224, Level = LogLevel.Warning, Message = "work store unavailable: {Reason}")]
    private partial void LogStoreError(string reason);

    /// <summary>One holding of a host: its pass, its item loops and the articles still settling.</summary>
    private sealed class Hold(HostLease host, CrawlPass pass, int connections, int waiting, CancellationToken taking, CancellationToken grace) : IDisposable
    {
        private readonly List<Task> _settling = [];
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _loops;

        // The loops running plus one for the holder until it has started the first ones, so that a loop ending at once
        // does not end the holding before the others are started.
        private int _references = 1;
        private int _processed;

        public HostLease Host => host;

        public CrawlPass Pass => pass;

        public CancellationToken Taking => taking;

        public CancellationToken Grace => grace;

        /// <summary>How the host's items ask it and any other host.</summary>
        public required HostGate Gate { get; init; }

        /// <summary>Bounds the articles started and not yet settled (fetched, waiting for a Translator batch).</summary>
        public SemaphoreSlim Waiting { get; } = new(waiting);

        public Task Ended => _ended.Task;

        public int Processed => Volatile.Read(ref _processed);

        public bool TryAddLoop()
        {
            while (true)
            {
                int loops = Volatile.Read(ref _loops);
                if (loops >= connections)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _loops, loops + 1, loops) == loops)
                {
                    Interlocked.Increment(ref _references);
                    return true;
                }
            }
        }

        public void EndLoop()
        {
            Interlocked.Decrement(ref _loops);
            Release();
        }

        public void SetUp() => Release();

        public void Add(Task settling)
        {
            Interlocked.Increment(ref _processed);
            lock (_settling)
            {
                _settling.Add(settling);
            }
        }

        public Task[] Finishing()
        {
            lock (_settling)
            {
                return [.. _settling];
            }
        }

        public void Dispose() => Waiting.Dispose();

        private void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                _ended.TrySetResult();
            }
        }
    }
}
