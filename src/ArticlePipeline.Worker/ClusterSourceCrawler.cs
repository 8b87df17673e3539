using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: a source job only discovers and enqueues article work items; every node's
/// <see cref="WorkItemWorker"/> takes them with leases. Quartz alone would give failover but not load sharing.
/// </summary>
/// <remarks>
/// What is enqueued is what local mode would fetch: the discovered URLs go newest first through the same
/// <see cref="SourceFrontier"/> (filtered, limit, seen) and the stored state of each (parked, backoff, revisit not
/// due), and every skip is counted under the same reason. The worker that takes an item crawls it like a local pass
/// (<see cref="ArticleProcessor.CrawlAsync"/>): same failure backoff and parking, same duplicate and canonical checks.
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

    public async Task<CrawlSummary> CrawlAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        DiscoveryResult found = await _discovery.DiscoverAsync(source, cancellationToken).ConfigureAwait(false);
        var summary = new CrawlSummary();
        summary.AddSource(found.Urls.Length, found.Problems, found.Failed);
        _metrics.Discovered(found.Urls.Length);
        var frontier = new SourceFrontier(source, new CrawlPass(_options));
        int enqueued = 0;
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
                    if (await _work.EnqueueAsync(new WorkItem(key.AbsoluteUri, source.Id, url), cancellationToken).ConfigureAwait(false))
                    {
                        enqueued++;
                    }
                    else
                    {
                        // Still queued or leased from an earlier pass: one item, one request.
                        decision = FrontierDecision.Skip(SkipReasons.Queued, $"{url}: already queued");
                    }
                }
            }

            if (!decision.Fetch)
            {
                summary.AddSkipped(decision.Reason!);
                _metrics.Skipped(decision.Reason!);
                LogSkipped(url, decision.Reason!, decision.Detail);
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

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "source {SourceId}: discovered {Discovered}, enqueued {Enqueued} work items; skipped: {Skipped}")]
    private partial void LogEnqueued(string sourceId, int discovered, int enqueued, string skipped);

    [LoggerMessage(EventId = 211, Level = LogLevel.Debug, Message = "{Url}: skipped:{Reason} {Detail}")]
    private partial void LogSkipped(Uri url, string reason, string? detail);
}
