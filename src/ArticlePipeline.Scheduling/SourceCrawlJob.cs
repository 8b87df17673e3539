using ArticlePipeline.Core.Sources;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ArticlePipeline.Scheduling;

/// <summary>
/// The Quartz job of one source: thin, never two runs of the same source at once, failures reported to Quartz
/// through <see cref="JobExecutionException"/>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class SourceCrawlJob : IJob
{
    /// <summary>The job data key that holds the source id.</summary>
    public const string SourceKey = "source";

    private readonly ISourceCrawler _crawler;
    private readonly SourceCatalog _catalog;
    private readonly ILogger<SourceCrawlJob> _logger;

    public SourceCrawlJob(ISourceCrawler crawler, SourceCatalog catalog, ILogger<SourceCrawlJob> logger)
    {
        _crawler = crawler;
        _catalog = catalog;
        _logger = logger;
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        string? id = context.MergedJobDataMap.GetString(SourceKey);
        SourceDefinition? source = _catalog.Sources.FirstOrDefault(s => s.Id == id);
        if (source is null)
        {
            // A source removed from the sources file: its job is unscheduled at the next start.
            LogUnknownSource(id);
            return;
        }

        if (context.ScheduledFireTimeUtc is { } scheduled)
        {
            // How late the scheduler started this run: the scheduling overhead of one firing.
            LogFired(source.Id, (context.FireTimeUtc - scheduled).TotalMilliseconds);
        }

        try
        {
            // The crawler logs the run's summary line.
            _ = await _crawler.CrawlAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(source.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new JobExecutionException($"crawl of source {source.Id} failed: {ex.Message}", ex);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "source {SourceId}: job fired {DelayMs:F1} ms after its scheduled time")]
    private partial void LogFired(string sourceId, double delayMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "source job for unknown source '{SourceId}' skipped")]
    private partial void LogUnknownSource(string? sourceId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "source {SourceId}: stopped by shutdown between articles")]
    private partial void LogCancelled(string sourceId);
}
