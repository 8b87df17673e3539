namespace ArticlePipeline.Core.Model;

/// <summary>One article to process.</summary>
/// <param name="Key">Unique key, normally the canonical URL.</param>
/// <param name="SourceId">The source the article belongs to.</param>
/// <param name="Url">The URL to fetch.</param>
public sealed record WorkItem(string Key, string SourceId, Uri Url);
