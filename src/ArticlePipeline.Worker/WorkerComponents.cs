using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Pipeline;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Worker;

/// <summary>The pipeline stages the worker runs, built by the composition root that knows every stage.</summary>
/// <param name="Catalog">The configured sources.</param>
/// <param name="Runner">One pass over sources (local mode).</param>
/// <param name="Processor">One article end to end (cluster mode work items).</param>
/// <param name="Discovery">Discovery (cluster mode source jobs).</param>
/// <param name="State">Page state.</param>
/// <param name="Work">Leased work items.</param>
public sealed record WorkerComponents(
    SourceCatalog Catalog,
    CrawlRunner Runner,
    ArticleProcessor Processor,
    ISourceDiscovery Discovery,
    IStateStore State,
    IWorkItemStore Work);
