using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: takes article work items with leases and processes them, <see cref="SchedulerOptions.WorkerConcurrency"/>
/// at a time. A lease is renewed while its article is processed; a node that dies simply stops renewing, and
/// another node takes the item when the lease expires.
/// </summary>
/// <remarks>
/// <para>
/// An item is crawled as a local pass crawls a URL (<see cref="ArticleProcessor.CrawlAsync"/>): its stored state is
/// checked again (another node may have fetched it, or parked it, since it was queued), a failure is recorded with the
/// same backoff and parking, and a syndicated copy or a page whose canonical URL this node already took in the current
/// pass is skipped. The node's pass (its seen-set) lasts until it finds the queue empty.
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
    private readonly ArticleProcessor _processor;
    private readonly SourceCatalog _catalog;
    private readonly SchedulerOptions _options;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkItemWorker> _logger;
    private readonly string _owner;
    private readonly CrawlOptions _crawl;
    private CrawlPass _pass;

    public WorkItemWorker(
        IWorkItemStore work,
        ArticleProcessor processor,
        SourceCatalog catalog,
        SchedulerOptions options,
        PipelineMetrics metrics,
        IOptions<CrawlOptions> crawl,
        TimeProvider time,
        ILogger<WorkItemWorker> logger)
    {
        _crawl = crawl.Value;
        _pass = new CrawlPass(_crawl);
        _work = work;
        _processor = processor;
        _catalog = catalog;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _owner = SchedulingServiceCollectionExtensions.InstanceId(options);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Articles in flight outlive the stop signal by the grace period.
        var grace = new CancellationTokenSource();
        stoppingToken.Register(() => grace.CancelAfter(TimeSpan.FromSeconds(_options.GracePeriodSeconds)));
        Task[] loops = Enumerable.Range(0, Math.Max(1, _options.WorkerConcurrency))
            .Select(_ => Task.Run(() => LoopAsync(stoppingToken, grace.Token), CancellationToken.None))
            .ToArray();
        return Task.WhenAll(loops).ContinueWith(_ => grace.Dispose(), TaskScheduler.Default);
    }

    private async Task LoopAsync(CancellationToken stopping, CancellationToken grace)
    {
        TimeSpan leaseDuration = TimeSpan.FromSeconds(_options.LeaseSeconds);
        while (!stopping.IsCancellationRequested)
        {
            WorkLease? lease;
            try
            {
                _metrics.QueueDepth(await _work.CountAsync(stopping).ConfigureAwait(false));
                lease = await _work.TryLeaseAsync(_owner, leaseDuration, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStoreError(ex.Message);
                await DelayAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (lease is null)
            {
                // The queue is empty: what this node took is done, and the next items belong to a later pass.
                Interlocked.Exchange(ref _pass, new CrawlPass(_crawl));
                await DelayAsync(stopping).ConfigureAwait(false);
                continue;
            }

            await ProcessAsync(lease, leaseDuration, grace).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(WorkLease lease, TimeSpan leaseDuration, CancellationToken grace)
    {
        if (lease.Attempt > 1)
        {
            _metrics.LeaseExpired();
            LogTakenOver(lease.Item.Url, lease.Attempt);
        }

        SourceDefinition? source = _catalog.Sources.FirstOrDefault(s => s.Id == lease.Item.SourceId);
        using var renewal = new CancellationTokenSource();
        Task renewing = RenewAsync(lease, leaseDuration, renewal.Token);
        try
        {
            CrawlItemResult result = await CrawlAsync(lease.Item, source, grace).ConfigureAwait(false);
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            bool completed = await _work.CompleteAsync(lease, CancellationToken.None).ConfigureAwait(false);
            if (result.Outcome is { } outcome)
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

    /// <summary>Crawls the item in this node's pass, or, when its source is no longer configured, fetches it as a <c>rerun</c> would.</summary>
    private async Task<CrawlItemResult> CrawlAsync(WorkItem item, SourceDefinition? source, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return CrawlItemResult.Processed(await _processor.ProcessAsync(item.Url, null, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        CrawlPass pass = Volatile.Read(ref _pass);
        return pass.TryClaim(CrawlFrontier.Key(item.Url, source), source.Id)
            ? await _processor.CrawlAsync(item.Url, source, pass, cancellationToken).ConfigureAwait(false)
            : CrawlItemResult.Skipped(item.Url, SkipReasons.Seen, $"{item.Url}: already taken for source '{source.Id}' in this pass");
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

    [LoggerMessage(EventId = 226, Level = LogLevel.Information, Message = "work item {Url}: skipped:{Reason} (attempt {Attempt}, completed {Completed})")]
    private partial void LogSkipped(Uri url, string reason, int attempt, bool completed);

    [LoggerMessage(EventId = 225, Level = LogLevel.Information, Message = "work item {Url}: taken over after an expired lease (attempt {Attempt})")]
    private partial void LogTakenOver(Uri url, int attempt);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "work item {Url}: released at shutdown, another node will take it")]
    private partial void LogReleased(Uri url);

    [LoggerMessage(EventId = 222, Level = LogLevel.Warning, Message = "work item {Url}: failed and released: {Reason}")]
    private partial void LogFailed(Uri url, string reason);

    [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "work item {Url}: lease lost while processing")]
    private partial void LogLeaseLost(Uri url);

    [LoggerMessage(EventId = 224, Level = LogLevel.Warning, Message = "work store unavailable: {Reason}")]
    private partial void LogStoreError(string reason);
}
