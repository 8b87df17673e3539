using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Work;
using ArticlePipeline.Crawling;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: runs the one crawl loop (<see cref="HostWorkLoop"/>) over the shared PostgreSQL stores, polling until
/// the worker stops. It leases hosts (<c>host:port</c>) and works off each held host's queue, newest first, at the host's
/// rate and concurrency; no two workers hold one host, so per-host politeness holds across the cluster. Up to
/// <see cref="SchedulerOptions.WorkerConcurrency"/> hosts are held at once, at most half of the hosts waiting taken per
/// poll so that the hosts spread over the workers. A local pass (<see cref="CrawlRunner"/>) runs the same loop over an in-process store.
/// </summary>
/// <remarks>
/// <para>
/// Items are done as in a local pass (<see cref="WorkItemCrawler"/>): an article's stored state is checked again
/// (another node may have fetched or parked it since it was queued), a failure is recorded with the same backoff and
/// parking, a syndicated copy or a page whose canonical URL was already taken while the host was held is skipped; a
/// discovery item (<see cref="WorkItem.IsDiscovery"/>) runs the source's discovery on the host that serves it. When the
/// host's queue is empty the lease is released with the host's interval (<c>delaySeconds</c>, else
/// <c>Network:DelaySeconds</c>) as the time before another worker may take it. This class turns each item's result into
/// metrics and log lines; an item that throws is given back for another try.
/// </para>
/// <para>
/// On shutdown no new item is taken; articles in flight get <see cref="SchedulerOptions.GracePeriodSeconds"/> to
/// finish, after which they are cancelled and their leases released, so another node takes them at once. Record
/// writes are atomic, so a cancelled article never leaves a partial file.
/// </para>
/// </remarks>
internal sealed partial class WorkItemWorker : BackgroundService, IWorkItemObserver
{
    private readonly HostWorkLoop _loop;
    private readonly ClusterSourceCrawler _discoverer;
    private readonly SchedulerOptions _options;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<WorkItemWorker> _logger;

    public WorkItemWorker(
        IWorkItemStore work,
        IHostLeaseStore hosts,
        IHostPacing pacing,
        WorkItemCrawler crawler,
        ClusterSourceCrawler discoverer,
        SourceCatalog catalog,
        SchedulerOptions options,
        IOptions<NetworkOptions> network,
        PipelineMetrics metrics,
        TimeProvider time,
        ILogger<WorkItemWorker> logger,
        ILogger<HostWorkLoop> loopLogger)
    {
        _discoverer = discoverer;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        NetworkOptions defaults = network.Value;
        _loop = new HostWorkLoop(
            work,
            hosts,
            crawler,
            id => catalog.Sources.FirstOrDefault(s => s.Id == id),
            new HostWorkLoopOptions
            {
                Owner = SchedulingServiceCollectionExtensions.InstanceId(options),
                LeaseDuration = TimeSpan.FromSeconds(options.LeaseSeconds),
                PollInterval = TimeSpan.FromSeconds(options.PollSeconds),
                ForeignHostWait = TimeSpan.FromSeconds(options.ForeignHostWaitSeconds),
                MaxHosts = Math.Max(1, options.WorkerConcurrency),
                Connections = source => source?.MaxConnectionsPerHost ?? defaults.MaxConnectionsPerHost,
                Interval = source => TimeSpan.FromSeconds(Math.Max(0, source?.DelaySeconds ?? defaults.DelaySeconds)),
                Pacing = pacing,
            },
            this,
            time,
            loopLogger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Articles in flight outlive the stop signal by the grace period.
        using var grace = new CancellationTokenSource();
        using CancellationTokenRegistration link = stoppingToken.Register(() => grace.CancelAfter(TimeSpan.FromSeconds(_options.GracePeriodSeconds)));
        await _loop.RunAsync(null, stoppingToken, grace.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    void IWorkItemObserver.Done(WorkLease lease, SourceDefinition? source, WorkItemResult result, bool completed)
    {
        if (result.Article is not { } article)
        {
            if (result.Discovery is { } discovery)
            {
                _discoverer.Report(discovery);
            }

            LogDiscovered(lease.Item.SourceId, completed);
        }
        else if (article.Outcome is { } outcome)
        {
            _metrics.Processed(outcome);
            LogProcessed(lease.Item.Url, outcome.Kind, lease.Attempt, completed);
        }
        else
        {
            _metrics.Skipped(article.SkipReason!);
            LogSkipped(lease.Item.Url, article.SkipReason!, lease.Attempt, completed);
        }
    }

    /// <inheritdoc />
    /// <remarks>Given back: another worker (or this one) tries it again.</remarks>
    bool IWorkItemObserver.Failed(WorkLease lease, SourceDefinition? source, Exception exception) => false;

    /// <inheritdoc />
    void IWorkItemObserver.QueueDepth(long depth) => _metrics.QueueDepth(depth);

    /// <inheritdoc />
    void IWorkItemObserver.HostTakenOver() => _metrics.LeaseExpired();

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "work item {Url}: {Outcome} (attempt {Attempt}, completed {Completed})")]
    private partial void LogProcessed(Uri url, ArticleOutcomeKind outcome, int attempt, bool completed);

    [LoggerMessage(EventId = 226, Level = LogLevel.Information, Message = "work item {Url}: skipped:{Reason} (attempt {Attempt}, completed {Completed})")]
    private partial void LogSkipped(Uri url, string reason, int attempt, bool completed);

    [LoggerMessage(EventId = 227, Level = LogLevel.Information, Message = "source {SourceId}: discovery done (completed {Completed})")]
    private partial void LogDiscovered(string sourceId, bool completed);
}
