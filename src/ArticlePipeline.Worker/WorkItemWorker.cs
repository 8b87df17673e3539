using System.Runtime.CompilerServices;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Crawling;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: leases hosts (<c>host:port</c>) and works off each held host's queue, newest first, at the host's
/// rate and concurrency. No two workers hold one host, so per-host politeness holds across the cluster. Up to
/// <see cref="SchedulerOptions.WorkerConcurrency"/> hosts are held at once, at most half of the hosts waiting taken
/// per poll so that the hosts spread over the workers. Host and item leases are renewed while there is work; a node
/// that dies simply stops renewing, and another node takes its hosts and items when the leases expire.
/// </summary>
/// <remarks>
/// <para>
/// An article item is crawled as a local pass crawls a URL (<see cref="ArticleProcessor.CrawlAsync"/>): its stored
/// state is checked again (another node may have fetched or parked it since it was queued), a failure is recorded with
/// the same backoff and parking, and a syndicated copy or a page whose canonical URL was already taken while the host
/// was held is skipped. A discovery item (<see cref="WorkItem.IsDiscovery"/>) runs the source's discovery
/// (<see cref="ClusterSourceCrawler.DiscoverAsync"/>) on the host that serves it. When the host's queue is empty the
/// lease is released with the host's interval (<c>delaySeconds</c>, else <c>Network:DelaySeconds</c>) as the time
/// before another worker may take it, or the fetcher's next turn for the host when later (a Retry-After, a longer
/// robots.txt Crawl-delay; renewals store it too, for a takeover), so a handover never brings two requests closer
/// together than this worker would have.
/// </para>
/// <para>
/// On shutdown no new item is taken; articles in flight get <see cref="SchedulerOptions.GracePeriodSeconds"/> to
/// finish, after which they are cancelled and their leases released, so another node takes them at once. Record
/// writes are atomic, so a cancelled article never leaves a partial file.
/// </para>
/// </remarks>
internal sealed partial class WorkItemWorker : BackgroundService
{
    private readonly IWorkItemStore _work;
    private readonly IHostLeaseStore _hosts;
    private readonly IHostPacing _pacing;
    private readonly ArticleProcessor _processor;
    private readonly ClusterSourceCrawler _discoverer;
    private readonly SourceCatalog _catalog;
    private readonly SchedulerOptions _options;
    private readonly NetworkOptions _network;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkItemWorker> _logger;
    private readonly string _owner;
    private readonly CrawlOptions _crawl;
    private int _holding;

    public WorkItemWorker(
        IWorkItemStore work,
        IHostLeaseStore hosts,
        IHostPacing pacing,
        ArticleProcessor processor,
        ClusterSourceCrawler discoverer,
        SourceCatalog catalog,
        SchedulerOptions options,
        IOptions<NetworkOptions> network,
        PipelineMetrics metrics,
        IOptions<CrawlOptions> crawl,
        TimeProvider time,
        ILogger<WorkItemWorker> logger)
    {
        _work = work;
        _hosts = hosts;
        _pacing = pacing;
        _processor = processor;
        _discoverer = discoverer;
        _catalog = catalog;
        _options = options;
        _network = network.Value;
        _crawl = crawl.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _owner = SchedulingServiceCollectionExtensions.InstanceId(options);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Articles in flight outlive the stop signal by the grace period.
        using var grace = new CancellationTokenSource();
        using CancellationTokenRegistration link = stoppingToken.Register(() => grace.CancelAfter(TimeSpan.FromSeconds(_options.GracePeriodSeconds)));
        TimeSpan leaseDuration = TimeSpan.FromSeconds(_options.LeaseSeconds);
        var held = new List<Task>();
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _metrics.QueueDepth(await _work.CountAsync(stoppingToken).ConfigureAwait(false));

                // Up to half the hosts waiting per poll (at least one): twelve hosts are taken up in four polls rather
                // than twelve, and a worker polling next still finds hosts, so they spread over the workers.
                int budget = 1;
                for (int taken = 0; taken < budget && Volatile.Read(ref _holding) < Math.Max(1, _options.WorkerConcurrency); taken++)
                {
                    HostLease? host = await _hosts.TryLeaseHostAsync(_owner, leaseDuration, stoppingToken).ConfigureAwait(false);
                    if (host is null)
                    {
                        break;
                    }

                    budget = taken == 0 ? Math.Max(1, (host.Waiting + 1) / 2) : budget;
                    Interlocked.Increment(ref _holding);
                    held.RemoveAll(t => t.IsCompleted);
                    held.Add(Task.Run(() => HoldAsync(host, leaseDuration, stoppingToken, grace.Token), CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreError(ex.Message);
            }

            await DelayAsync(stoppingToken).ConfigureAwait(false);
        }

        await Task.WhenAll(held).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Works off one held host: its items newest first, at the host's connections and rate, then releases it.</summary>
    private async Task HoldAsync(HostLease host, TimeSpan leaseDuration, CancellationToken stopping, CancellationToken grace)
    {
        if (host.TakenOver)
        {
            _metrics.LeaseExpired();
            LogHostTakenOver(host.Host);
        }
        else
        {
            LogHostLeased(host.Host);
        }

        // Stops taking items when the worker stops or the lease is lost; items in flight run on under the grace period.
        using var taking = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var renewal = new CancellationTokenSource();

        // Any URL of the host: what the fetcher knows of the host's next turn (Retry-After, Crawl-delay) goes with it.
        Uri? hostUrl = null;
        Task renewing = RenewHostAsync(host, leaseDuration, () => hostUrl is null ? null : _pacing.NotBefore(hostUrl), taking, renewal.Token);
        SourceDefinition? lastSource = null;
        int processed = 0;
        try
        {
            WorkLease? first = await TakeAsync(host, leaseDuration, taking.Token).ConfigureAwait(false);
            if (first is not null)
            {
                hostUrl = first.Item.Url;
                lastSource = SourceOf(first.Item);

                // One pass per holding of the host: its seen-set lets a page whose canonical URL was just crawled be skipped.
                var pass = new CrawlPass(_crawl);
                // Twice the host's connections: one item is extracted and written while the next waits for the
                // host's slot. The fetcher's per-host gate still allows only the host's connections and rate, and no
                // other worker fetches from the host while this one holds it.
                int connections = Math.Max(1, lastSource?.MaxConnectionsPerHost ?? _network.MaxConnectionsPerHost);
                var busy = new StrongBox<int>();
                int[] counts = await Task.WhenAll(Enumerable.Range(0, connections * 2)
                    .Select(i => ItemsAsync(host, i == 0 ? first : null, pass, busy, leaseDuration, taking.Token, grace))).ConfigureAwait(false);
                processed = counts.Sum();
            }
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            double interval = Math.Max(0, lastSource?.DelaySeconds ?? _network.DelaySeconds);
            DateTimeOffset freeAt = _time.GetUtcNow() + TimeSpan.FromSeconds(interval);
            if (hostUrl is not null && _pacing.NotBefore(hostUrl) is { } notBefore && notBefore > freeAt)
            {
                // A Retry-After or a longer Crawl-delay: the next holder waits for it as this one would have.
                freeAt = notBefore;
                LogHostDeferred(host.Host, notBefore);
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

            Interlocked.Decrement(ref _holding);
            LogHostReleased(host.Host, processed);
        }
    }

    /// <summary>
    /// One of a held host's item loops. A loop that finds the host's queue empty while another loop of the host is
    /// still busy looks again each poll instead of ending: the busy one may be the host's discovery, about to queue
    /// its articles, and without a second loop each article would wait for the previous one to be extracted and
    /// written before its request (the benchmark saw 2 to 3 s lost after each host's first article).
    /// </summary>
    private async Task<int> ItemsAsync(HostLease host, WorkLease? first, CrawlPass pass, StrongBox<int> busy, TimeSpan leaseDuration, CancellationToken taking, CancellationToken grace)
    {
        int processed = 0;
        WorkLease? lease = first ?? await TakeAsync(host, leaseDuration, taking).ConfigureAwait(false);
        while (lease is not null || (Volatile.Read(ref busy.Value) > 0 && !taking.IsCancellationRequested))
        {
            if (lease is null)
            {
                await DelayAsync(taking).ConfigureAwait(false);
                lease = await TakeAsync(host, leaseDuration, taking).ConfigureAwait(false);
                continue;
            }

            Interlocked.Increment(ref busy.Value);
            try
            {
                await ProcessAsync(lease, pass, leaseDuration, grace).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref busy.Value);
            }

            processed++;
            lease = await TakeAsync(host, leaseDuration, taking).ConfigureAwait(false);
        }

        return processed;
    }

    private async Task<WorkLease?> TakeAsync(HostLease host, TimeSpan leaseDuration, CancellationToken taking)
    {
        if (taking.IsCancellationRequested)
        {
            return null;
        }

        try
        {
            return await _hosts.TryLeaseFromHostAsync(host, leaseDuration, taking).ConfigureAwait(false);
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

    private async Task ProcessAsync(WorkLease lease, CrawlPass pass, TimeSpan leaseDuration, CancellationToken grace)
    {
        if (lease.Attempt > 1)
        {
            LogTakenOver(lease.Item.Url, lease.Attempt);
        }

        SourceDefinition? source = SourceOf(lease.Item);
        using var renewal = new CancellationTokenSource();
        Task renewing = RenewAsync(lease, leaseDuration, renewal.Token);
        try
        {
            CrawlItemResult? result = await CrawlAsync(lease.Item, source, pass, grace).ConfigureAwait(false);
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            bool completed = await _work.CompleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
            if (result is null)
            {
                LogDiscovered(lease.Item.SourceId, completed);
            }
            else if (result.Outcome is { } outcome)
            {
                _metrics.Processed(outcome);
                LogProcessed(lease.Item.Url, outcome.Kind, lease.Attempt, completed);
            }
            else
            {
                _metrics.Skipped(result.SkipReason!);
                LogSkipped(lease.Item.Url, result.SkipReason!, lease.Attempt, completed);
            }
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            await _work.ReleaseAsync(lease, "released at shutdown", CancellationToken.None).ConfigureAwait(false);
            LogReleased(lease.Item.Url);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            await _work.ReleaseAsync(lease, ex.Message, CancellationToken.None).ConfigureAwait(false);
            LogFailed(lease.Item.Url, ex.Message);
        }
    }

    /// <summary>
    /// Crawls an article item in the host's pass, or, when its source is no longer configured, fetches it as a
    /// <c>rerun</c> would; a discovery item discovers its source and returns <see langword="null"/>.
    /// </summary>
    private async Task<CrawlItemResult?> CrawlAsync(WorkItem item, SourceDefinition? source, CrawlPass pass, CancellationToken cancellationToken)
    {
        if (item.IsDiscovery)
        {
            if (source is not null)
            {
                await _discoverer.DiscoverAsync(source, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (source is null)
        {
            return CrawlItemResult.Processed(await _processor.ProcessAsync(item.Url, null, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        return pass.TryClaim(CrawlFrontier.Key(item.Url, source), source.Id)
            ? await _processor.CrawlAsync(item.Url, source, pass, cancellationToken).ConfigureAwait(false)
            : CrawlItemResult.Skipped(item.Url, SkipReasons.Seen, $"{item.Url}: already taken for source '{source.Id}' in this pass");
    }

    private SourceDefinition? SourceOf(WorkItem item) => _catalog.Sources.FirstOrDefault(s => s.Id == item.SourceId);

    private async Task RenewHostAsync(HostLease host, TimeSpan leaseDuration, Func<DateTimeOffset?> notBefore, CancellationTokenSource taking, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(leaseDuration / 3, _time, stop).ConfigureAwait(false);
                bool renewed;
                try
                {
                    renewed = await _hosts.RenewHostAsync(host, leaseDuration, notBefore(), stop).ConfigureAwait(false);
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

    private async Task RenewAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(leaseDuration / 3, _time, stop).ConfigureAwait(false);
                if (!await _work.RenewAsync(lease, leaseDuration, stop).ConfigureAwait(false))
                {
                    LogLeaseLost(lease.Item.Url);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The article is done.
        }
    }

    private async Task DelayAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(_options.PollSeconds), _time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "work item {Url}: {Outcome} (attempt {Attempt}, completed {Completed})")]
    private partial void LogProcessed(Uri url, ArticleOutcomeKind outcome, int attempt, bool completed);

    [LoggerMessage(EventId = 225, Level = LogLevel.Information, Message = "work item {Url}: taken over after an expired lease (attempt {Attempt})")]
    private partial void LogTakenOver(Uri url, int attempt);

    [LoggerMessage(EventId = 226, Level = LogLevel.Information, Message = "work item {Url}: skipped:{Reason} (attempt {Attempt}, completed {Completed})")]
    private partial void LogSkipped(Uri url, string reason, int attempt, bool completed);

    [LoggerMessage(EventId = 227, Level = LogLevel.Information, Message = "source {SourceId}: discovery done (completed {Completed})")]
    private partial void LogDiscovered(string sourceId, bool completed);

    [LoggerMessage(EventId = 228, Level = LogLevel.Information, Message = "host {Host}: leased")]
    private partial void LogHostLeased(string host);

    [LoggerMessage(EventId = 229, Level = LogLevel.Information, Message = "host {Host}: taken over after an expired lease")]
    private partial void LogHostTakenOver(string host);

    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "host {Host}: released after {Processed} items")]
    private partial void LogHostReleased(string host, int processed);

    [LoggerMessage(EventId = 232, Level = LogLevel.Information, Message = "host {Host}: released, next request not before {NotBefore:O} (Retry-After or Crawl-delay)")]
    private partial void LogHostDeferred(string host, DateTimeOffset notBefore);

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
}
