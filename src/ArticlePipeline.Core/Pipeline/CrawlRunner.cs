using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>One discovery and fetch pass over a set of sources: what <c>crawl --once</c> and each scheduled job run.</summary>
public sealed class CrawlRunner
{
    private readonly ISourceDiscovery _discovery;
    private readonly ArticleProcessor _processor;

    /// <summary>Creates the runner.</summary>
    /// <param name="discovery">Discovery stage.</param>
    /// <param name="processor">Processes each discovered article.</param>
    public CrawlRunner(ISourceDiscovery discovery, ArticleProcessor processor)
    {
        _discovery = discovery;
        _processor = processor;
    }

    /// <summary>Crawls <paramref name="sources"/>, several sources at once, articles of one source in order.</summary>
    /// <param name="sources">The sources to crawl.</param>
    /// <param name="maxParallelSources">How many sources run at once.</param>
    /// <param name="progress">Receives each article outcome as it happens.</param>
    /// <param name="cancellationToken">Stops the pass between articles.</param>
    /// <returns>The pass's counts.</returns>
    public async Task<CrawlSummary> RunAsync(
        IReadOnlyCollection<SourceDefinition> sources,
        int maxParallelSources = 4,
        IProgress<ArticleOutcome>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var summary = new CrawlSummary();
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, maxParallelSources),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(sources, options, async (source, ct) =>
        {
            DiscoveryResult found = await _discovery.DiscoverAsync(source, ct).ConfigureAwait(false);
            summary.AddSource(found.Urls.Length, found.Problems.Select(p => $"{source.Id}: {p}"));
            int taken = 0;
            foreach (Uri url in found.Urls)
            {
                ct.ThrowIfCancellationRequested();
                if (taken >= source.MaxArticlesPerRun)
                {
                    summary.AddSkipped("limit");
                    continue;
                }

                taken++;
                ArticleOutcome outcome = await _processor.ProcessAsync(url, source, cancellationToken: ct).ConfigureAwait(false);
                summary.Add(outcome);
                progress?.Report(outcome);
            }
        }).ConfigureAwait(false);
        return summary;
    }
}
