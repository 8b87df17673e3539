using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Scheduling;

/// <summary>What a scheduled source job does: the same pass as <c>crawl --once --source ID</c>.</summary>
public interface ISourceCrawler
{
    /// <summary>Crawls one source once.</summary>
    /// <param name="source">The source.</param>
    /// <param name="cancellationToken">Stops the pass between articles.</param>
    /// <returns>The pass's counts.</returns>
    Task<CrawlSummary> CrawlAsync(SourceDefinition source, CancellationToken cancellationToken = default);
}
