using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Worker;

/// <summary>
/// Cluster mode: a source job only discovers and enqueues article work items; every node's
/// <see cref="WorkItemWorker"/> takes them with leases. Quartz alone would give failover but not load sharing.
/// </summary>
internal sealed partial class ClusterSourceCrawler : ISourceCrawler
{
    private readonly ISourceDiscovery _discovery;
    private readonly IStateStore _state;
    private readonly IWorkItemStore _work;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<ClusterSourceCrawler> _logger;

    public ClusterSourceCrawler(ISourceDiscovery discovery, IStateStore state, IWorkItemStore work, PipelineMetrics metrics, ILogger<ClusterSourceCrawler> logger)
    {
        _discovery = discovery;
        _state = state;
        _work = work;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<CrawlSummary> CrawlAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        // The source run's span; each article gets its own span on the node that leases its work item.
        using System.Diagnostics.Activity? run = Core.Telemetry.PipelineActivities.StartSourceRun(source.Id);
        DiscoveryResult found = await _discovery.DiscoverAsync(source, cancellationToken).ConfigureAwait(false);
        var summary = new CrawlSummary();
        summary.AddSource(found.Urls.Length, found.Problems);
        _metrics.Discovered(found.Urls.Length);
        int enqueued = 0;
        foreach (Uri url in found.Urls.Take(source.MaxArticlesPerRun))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Uri key = CrawlFrontier.Key(url, source);
            PageState? known = await _state.GetPageAsync(key, cancellationToken).ConfigureAwait(false);
            if (known is not null && known.LastOutcome.Kind != PageOutcomeKind.Failed)
            {
                // Already processed by some node: a later pass of the source re-checks it with a conditional GET.
                summary.AddSkipped("seen");
                continue;
            }

            if (await _work.EnqueueAsync(new WorkItem(key.AbsoluteUri, source.Id, url), cancellationToken).ConfigureAwait(false))
            {
                enqueued++;
            }
            else
            {
                summary.AddSkipped("queued");
            }
        }

        LogEnqueued(source.Id, found.Urls.Length, enqueued);
        return summary;
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "source {SourceId}: discovered {Discovered}, enqueued {Enqueued} work items")]
    private partial void LogEnqueued(string sourceId, int discovered, int enqueued);
}
