using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Core.Work;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: a source job only queues the source's discovery as a work item on the source's home host; the
/// worker holding that host (<see cref="WorkItemWorker"/>) discovers and queues the articles, which the holders of
/// their hosts then fetch. So every request to a host, discovery included, comes from the one worker holding it.
/// </summary>
/// <remarks>
/// The discovery item and the articles it queues are done by <see cref="WorkItemCrawler"/> in the one crawl loop
/// (<see cref="HostWorkLoop"/>), as a local pass does them: same frontier, same skip reasons, same backoff, parking,
/// duplicate and canonical checks.
/// </remarks>
internal sealed partial class ClusterSourceCrawler : ISourceCrawler
{
    private readonly IWorkItemStore _work;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<ClusterSourceCrawler> _logger;

    public ClusterSourceCrawler(IWorkItemStore work, PipelineMetrics metrics, ILogger<ClusterSourceCrawler> logger)
    {
        _work = work;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// The source job: queues the source's discovery (once; a discovery still queued or running is not doubled), unless
    /// articles its last discovery queued are still waiting to be taken.
    /// </summary>
    /// <remarks>
    /// A local pass fetches its articles inside the job, so the next firing waits for it; here the job only queues, so
    /// without the check every firing would discover again while the last discovery's articles are still queued,
    /// spending the host's requests (feed, home page) on URLs that are all "already queued". On a 5-second schedule
    /// that was 12 of a host's 65 requests.
    /// </remarks>
    public async Task<CrawlSummary> CrawlAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        var summary = new CrawlSummary();
        if (HomeOf(source) is not { } home)
        {
            summary.AddSource(0, [$"{source.Id}: no homeUrl, feed, sitemap or listing to discover from"], discoveryFailed: true);
            return summary;
        }

        if (await _work.HasUntakenArticlesAsync(source.Id, cancellationToken).ConfigureAwait(false))
        {
            LogDiscoveryDeferred(source.Id);
            return summary;
        }

        bool queued = await _work.EnqueueAsync(WorkItem.Discovery(source.Id, home), cancellationToken).ConfigureAwait(false);
        string host = HostLease.KeyOf(home);
        LogDiscoveryQueued(source.Id, host, queued);
        return summary;
    }

    /// <summary>
    /// Reports a discovery work item done by the holder of the source's home host (<see cref="WorkItemCrawler.DiscoverAsync"/>):
    /// the URLs found, the items queued and every skip by reason, in the metrics and the source's pass line.
    /// </summary>
    /// <param name="discovery">The discovery's counts.</param>
    public void Report(SourceDiscoveryRun discovery)
    {
        var summary = new CrawlSummary();
        summary.AddSource(discovery.Discovered, discovery.Problems, discovery.Failed);
        _metrics.Discovered(discovery);
        foreach ((string reason, int count) in discovery.Skipped)
        {
            summary.AddSkipped(reason, count);
        }

        string skipped = SkipCounts(summary);
        LogEnqueued(discovery.SourceId, discovery.Discovered, discovery.Enqueued, skipped);
    }

    /// <summary>The skips of a pass as the summary prints them: <c>filtered 1, parked 2</c>, or <c>none</c>.</summary>
    internal static string SkipCounts(CrawlSummary summary) =>
        summary.SkippedByReason.Count == 0
            ? "none"
            : string.Join(", ", summary.SkippedByReason.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    /// <summary>The URL whose host does the source's discovery: its home page, else the first feed, sitemap or listing.</summary>
    internal static Uri? HomeOf(SourceDefinition source) => WorkItemCrawler.HomeOf(source);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "source {SourceId}: discovered {Discovered}, enqueued {Enqueued} work items; skipped: {Skipped}")]
    private partial void LogEnqueued(string sourceId, int discovered, int enqueued, string skipped);

    [LoggerMessage(EventId = 214, Level = LogLevel.Debug, Message = "source {SourceId}: discovery not queued, articles from its last discovery are still waiting")]
    private partial void LogDiscoveryDeferred(string sourceId);

    [LoggerMessage(EventId = 212, Level = LogLevel.Debug, Message = "source {SourceId}: discovery queued on host {Host} ({Queued})")]
    private partial void LogDiscoveryQueued(string sourceId, string host, bool queued);
}
