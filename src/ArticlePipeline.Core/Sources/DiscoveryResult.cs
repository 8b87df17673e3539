using System.Collections.Immutable;

namespace ArticlePipeline.Core.Sources;

/// <summary>Article URLs found for a source, newest first, and the problems met finding them.</summary>
/// <param name="Urls">The article URLs.</param>
/// <param name="Problems">One line per feed, sitemap or listing that could not be read.</param>
public sealed record DiscoveryResult(ImmutableArray<Uri> Urls, ImmutableArray<string> Problems)
{
    /// <summary>
    /// Whether discovery failed as a whole: it tried documents (home page, feeds, sitemaps, listings) and could read
    /// none of them, e.g. every one was refused.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool Failed { get; init; }
}
