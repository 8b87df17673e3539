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

    /// <summary>
    /// When the feeds and sitemaps say a page last changed (Atom <c>updated</c>, sitemap <c>lastmod</c>), for the URLs
    /// they give a date for, by the URL as in <see cref="Urls"/>: a known article listed as changed since its last
    /// check is checked again (<see cref="Pipeline.CrawlFrontier.Decide"/>). Keyed by <see cref="Uri.AbsoluteUri"/>, which
    /// keeps the fragment: two hashbang pages (<c>#!/news/1</c>, <c>#!/news/2</c>) are two keys, where <see cref="Uri"/>'s
    /// own equality would make them one.
    /// </summary>
    public ImmutableDictionary<string, DateTimeOffset> Modified { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>The modification date listed for <paramref name="url"/>, if any.</summary>
    /// <param name="url">A URL of <see cref="Urls"/>.</param>
    /// <returns>The date, or <see langword="null"/>.</returns>
    public DateTimeOffset? ModifiedOf(Uri url) => Modified.TryGetValue(url.AbsoluteUri, out DateTimeOffset date) ? date : null;
}
