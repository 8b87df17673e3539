using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Abstractions;

/// <summary>Discovery: finds article URLs of a source from its feeds, sitemaps and listing pages (Crawling).</summary>
public interface ISourceDiscovery
{
    /// <summary>Lists the article URLs of <paramref name="source"/>, newest first, without duplicates.</summary>
    /// <param name="source">The newspaper.</param>
    /// <param name="cancellationToken">Cancels discovery.</param>
    /// <returns>The URLs found and the problems met on the way.</returns>
    Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken = default);
}
