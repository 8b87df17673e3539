using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>
/// What discovery needs from the hosts besides pages: a source's own politeness applied before its first request, and
/// the sitemaps its home host's robots.txt announces. <see cref="Fetching.HttpPageFetcher"/> provides both.
/// </summary>
public interface IDiscoveryHosts
{
    /// <summary>Applies the source's own delay and connection limits to every host it names.</summary>
    /// <param name="source">The source.</param>
    void ApplySourceLimits(SourceDefinition source);

    /// <summary>The <c>Sitemap:</c> lines of the robots.txt in force for <paramref name="home"/>'s origin.</summary>
    /// <param name="home">The source's home page.</param>
    /// <param name="cancellationToken">Cancels the robots.txt download.</param>
    /// <returns>The announced sitemaps, possibly none.</returns>
    Task<IReadOnlyList<Uri>> AnnouncedSitemapsAsync(Uri home, CancellationToken cancellationToken);
}
