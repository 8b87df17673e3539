using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>
/// Whether a page's <c>link rel=canonical</c> may name the article, as a pure function. A page can declare any URL
/// as its canonical one, so a hostile page could otherwise take another site's record id: listed first it would
/// hold the real article's record, and on a later pass overwrite it as a new revision.
/// </summary>
public static class CanonicalPolicy
{
    /// <summary>
    /// Chooses the identity of a page fetched from <paramref name="fetched"/> that declares <paramref name="declared"/>.
    /// The declared URL is accepted when it is on the registrable domain of the fetched URL
    /// (<c>www.baoangiang.com.vn</c> and <c>m.baoangiang.com.vn</c> are one site, <c>127.0.0.1</c> is its own) or of a
    /// URL the source's configuration names (home page, feeds, sitemaps, listings), and when the page was read from a
    /// local file (a capture the operator chose, which has no host to compare). Otherwise the fetched URL is the
    /// identity and the declared one is returned as <see cref="CanonicalChoice.Foreign"/>.
    /// </summary>
    /// <param name="fetched">The URL the page's bytes came from (after redirects).</param>
    /// <param name="declared">The page's canonical link, if any.</param>
    /// <param name="source">The source the page was crawled for, if any.</param>
    /// <returns>The identity, and the refused canonical link if there was one.</returns>
    public static CanonicalChoice Choose(Uri fetched, Uri? declared, SourceDefinition? source)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        if (declared is null || declared == fetched)
        {
            return new CanonicalChoice(fetched, null);
        }

        if (!declared.IsAbsoluteUri || declared.Scheme is not ("http" or "https"))
        {
            return new CanonicalChoice(fetched, null);
        }

        if (fetched.IsFile || (fetched.IsAbsoluteUri && SameOwner(fetched, declared)))
        {
            return new CanonicalChoice(declared, null);
        }

        bool ofSource = source is not null &&
            CrawlFrontier.ConfiguredUrls(source).Any(u => u.Scheme is "http" or "https" && SameOwner(u, declared));
        return ofSource ? new CanonicalChoice(declared, null) : new CanonicalChoice(fetched, declared);
    }

    private static bool SameOwner(Uri a, Uri b) =>
        a.Scheme is "http" or "https" && RegistrableDomain.Same(a.IdnHost, b.IdnHost);
}
