using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: a source job only queues the source's discovery as a work item on the source's home host; the
/// worker holding that host (<see cref="WorkItemWorker"/>) discovers and queues the articles, which the holders of
/// their hosts then fetch. So every request to a host, discovery included, comes from the one worker holding it.
/// </summary>
/// <remarks>
/// What is queued is what local mode would fetch: the discovered URLs go newest first through the same
/// <see cref="SourceFrontier"/> (filtered, limit, seen) and the stored state of each (parked, backoff, revisit not
/// due), and every skip is counted under the same reason. The worker that takes an article crawls it like a local
/// pass (<see cref="ArticleProcessor.CrawlAsync"/>): same failure backoff and parking, same duplicate and canonical checks.
/// </remarks>
internal sealed partial class ClusterSourceCrawler : ISourceCrawler
{
    private readonly ISourceDiscovery _discovery;
    private readonly IStateStore _state;
    private readonly IWorkItemStore _work;
    private readonly PipelineMetrics _metrics;
    private readonly CrawlOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterSourceCrawler> _logger;

    public ClusterSourceCrawler(
        ISourceDiscovery discovery,
        IStateStore state,
        IWorkItemStore work,
        PipelineMetrics metrics,
        IOptions<CrawlOptions> options,
        TimeProvider time,
        ILogger<ClusterSourceCrawler> logger)
    {
        _discovery = discovery;
        _state = state;
        _work = work;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
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
    /// A discovery work item, done by the holder of the source's home host: discovers the source's URLs and queues the
    /// articles the frontier lets through, newest first, counting every skip by reason.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="cancellationToken">Cancels the discovery.</param>
    /// <returns>The pass's counts (discovered and skipped).</returns>
    public async Task<CrawlSummary> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        // The source run's span, on the node that holds the source's home host; each article gets its own span on the
        // node that leases its host.
        using System.Diagnostics.Activity? run = Core.Telemetry.PipelineActivities.StartSourceRun(source.Id);
        DiscoveryResult found = await _discovery.DiscoverAsync(source, cancellationToken).ConfigureAwait(false);
        var summary = new CrawlSummary();
        summary.AddSource(found.Urls.Length, found.Problems, found.Failed);
        _metrics.Discovered(found.Urls.Length);
        var frontier = new SourceFrontier(source, new CrawlPass(_options));
        var admitted = new List<(Uri Url, Uri Key)>();
        foreach (Uri url in found.Urls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FrontierDecision decision = frontier.Admit(url);
            if (decision.Fetch)
            {
                Uri key = CrawlFrontier.Key(url, source);
                PageState? known = await _state.GetPageAsync(key, cancellationToken).ConfigureAwait(false);
                decision = CrawlFrontier.Decide(known, _time.GetUtcNow(), _options);
                if (decision.Fetch)
                {
                    // Queued counts against the limit like a request: the worker makes it.
                    frontier.CountRequested();
                    admitted.Add((url, key));
                    continue;
                }
            }

            Skipped(summary, url, decision);
        }

        // Oldest first into the queue, in one write: a host's holder takes the latest queued first, so the newest
        // article goes first, and it never sees part of the list (it would take an older article first).
        WorkItem[] items = [.. admitted.AsEnumerable().Reverse().Select(a => new WorkItem(a.Key.AbsoluteUri, source.Id, a.Url))];
        IReadOnlySet<string> added = await _work.EnqueueAllAsync(items, cancellationToken).ConfigureAwait(false);
        int enqueued = 0;
        foreach (WorkItem item in items)
        {
            if (added.Contains(item.Key))
            {
                enqueued++;
            }
            else
            {
                // Still queued or leased from an earlier pass: one item, one request.
                Skipped(summary, item.Url, FrontierDecision.Skip(SkipReasons.Queued, $"{item.Url}: already queued"));
            }
        }

        foreach (string problem in frontier.Problems())
        {
            summary.AddProblem($"{source.Id}: {problem}");
        }

        string skipped = SkipCounts(summary);
        LogEnqueued(source.Id, found.Urls.Length, enqueued, skipped);
        return summary;
    }

    /// <summary>The skips of a pass as the summary prints them: <c>filtered 1, parked 2</c>, or <c>none</c>.</summary>
    internal static string SkipCounts(CrawlSummary summary) =>
        summary.SkippedByReason.Count == 0
            ? "none"
            : string.Join(", ", summary.SkippedByReason.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    /// <summary>The URL whose host does the source's discovery: its home page, else the first feed, sitemap or listing.</summary>
    internal static Uri? HomeOf(SourceDefinition source) =>
        new[] { source.HomeUrl }.Concat(source.Feeds).Concat(source.Sitemaps).Concat(source.Listings.Select(l => l.Url))
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out Uri? url) ? url : null)
            .FirstOrDefault(u => u is not null);

    private void Skipped(CrawlSummary summary, Uri url, FrontierDecision decision)
    {
        summary.AddSkipped(decision.Reason!);
        _metrics.Skipped(decision.Reason!);
        LogSkipped(url, decision.Reason!, decision.Detail);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "source {SourceId}: discovered {Discovered}, enqueued {Enqueued} work items; skipped: {Skipped}")]
    private partial void LogEnqueued(string sourceId, int discovered, int enqueued, string skipped);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "{Url}: skipped:{Reason} {Detail}")]
    private partial void LogSkipped(Uri url, string reason, string? detail);

    [LoggerMessage(EventId = 213, Level = LogLevel.Debug, Message = "source {SourceId}: discovery not queued, articles from its last discovery are still waiting")]
    private partial void LogDiscoveryDeferred(string sourceId);

    [LoggerMessage(EventId = 212, Level = LogLevel.Debug, Message = "source {SourceId}: discovery queued on host {Host} ({Queued})")]
    private partial void LogDiscoveryQueued(string sourceId, string host, bool queued);
}
