namespace ArticlePipeline.Core.Model;

/// <summary>The newspaper a record came from.</summary>
/// <param name="Id">The source id from the sources file, or <c>adhoc</c> for a URL outside every source.</param>
/// <param name="Name">Display name.</param>
/// <param name="Province">Province, if known.</param>
/// <param name="Host">The host the article was fetched from.</param>
public sealed record SourceInfo(string Id, string? Name, string? Province, string? Host);
