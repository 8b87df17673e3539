using ArticlePipeline.Core.Pipeline;

namespace ArticlePipeline.Core.Work;

/// <summary>What one work item came to: an article's result, or a discovery's.</summary>
/// <param name="Article">The article's result; <see langword="null"/> for a discovery.</param>
/// <param name="Discovery">The discovery's counts; <see langword="null"/> for an article.</param>
public sealed record WorkItemResult(CrawlItemResult? Article, SourceDiscoveryRun? Discovery);
