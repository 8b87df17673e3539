using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Scheduling;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Worker;

/// <summary>One process does everything: a source job is exactly <c>crawl --once --source ID</c>.</summary>
/// <remarks>
/// The metrics move as the pass goes, as a cluster worker's do: the discovery's counts when it ends (its URLs and its
/// skips), each article's outcome or skip when it has one, not all at the end of a pass that may take an hour.
/// </remarks>
internal sealed partial class LocalSourceCrawler : ISourceCrawler
{
    private readonly CrawlRunner _runner;
    private readonly PipelineMetrics _metrics;
    private readonly SchedulerOptions _options;
    private readonly ILogger<LocalSourceCrawler> _logger;

    public LocalSourceCrawler(CrawlRunner runner, PipelineMetrics metrics, SchedulerOptions options, ILogger<LocalSourceCrawler> logger)
    {
        _runner = runner;
        _metrics = metrics;
        _options = options;
        _logger = logger;
    }

    public async Task<CrawlSummary> CrawlAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        var progress = new SynchronousProgress<ArticleOutcome>(_metrics.Processed);

        // At shutdown the pass starts no new article; the one in flight gets the grace period, then is abandoned
        // (record writes are atomic, so nothing partial is left, and the next run redoes it).
        using var grace = new CancellationTokenSource();
        using CancellationTokenRegistration link = cancellationToken.Register(() => grace.CancelAfter(TimeSpan.FromSeconds(_options.GracePeriodSeconds)));
        CrawlSummary summary = await _runner.RunAsync([source], 1, progress, cancellationToken, grace.Token, listener: _metrics).ConfigureAwait(false);
        Core.Editions.EditionStats editions = summary.Editions;
        string skipped = ClusterSourceCrawler.SkipCounts(summary);
        LogRun(source.Id, summary.Discovered, summary.Written, summary.Unchanged, summary.NotModified, summary.Failed,
            editions.Publisher, editions.Mirror, editions.Machine, editions.CharactersNotBilled, editions.Rejected.Length, skipped);

        return summary;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "source {SourceId}: discovered {Discovered}, written {Written}, unchanged {Unchanged}, not-modified {NotModified}, failed {Failed}; languages from publishers {FromPublishers}, from mirrors {FromMirrors}, from the machine {FromMachine}, characters not billed thanks to editions {NotBilled}, editions refused {Refused}; skipped: {Skipped}")]
    private partial void LogRun(string sourceId, int discovered, int written, int unchanged, int notModified, int failed, int fromPublishers, int fromMirrors, int fromMachine, long notBilled, int refused, string skipped);
}
