using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Worker;

/// <summary>One process does everything: a source job is exactly <c>crawl --once --source ID</c>.</summary>
internal sealed partial class LocalSourceCrawler : ISourceCrawler
{
    private readonly CrawlRunner _runner;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<LocalSourceCrawler> _logger;

    public LocalSourceCrawler(CrawlRunner runner, PipelineMetrics metrics, ILogger<LocalSourceCrawler> logger)
    {
        _runner = runner;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<CrawlSummary> CrawlAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        var progress = new SynchronousProgress<ArticleOutcome>(_metrics.Processed);
        CrawlSummary summary = await _runner.RunAsync([source], 1, progress, cancellationToken).ConfigureAwait(false);
        _metrics.Discovered(summary.Discovered);
        LogRun(source.Id, summary.Discovered, summary.Written, summary.Unchanged, summary.NotModified, summary.Failed);
        return summary;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "source {SourceId}: discovered {Discovered}, written {Written}, unchanged {Unchanged}, not-modified {NotModified}, failed {Failed}")]
    private partial void LogRun(string sourceId, int discovered, int written, int unchanged, int notModified, int failed);
}
