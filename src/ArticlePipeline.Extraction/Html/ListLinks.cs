using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Where a list's links lead. A list of links to other pages of the same site is navigation or a related-news box;
/// a list whose links stay on the page (a table of contents) or leave the site (references, bug numbers, the products
/// a review names) is part of what the article says.
/// </summary>
internal static class ListLinks
{
    /// <summary>Whether every link in <paramref name="element"/> points into the page itself or to another host.</summary>
    /// <param name="element">A list or a list item.</param>
    /// <param name="baseUrl">The page's base URL, for relative links and the site's host.</param>
    /// <returns><see langword="false"/> when the element has no link or one link leads to another page of the site.</returns>
    public static bool AllLeadOffSiteOrOnPage(IElement element, Uri baseUrl)
    {
        bool any = false;
        foreach (IElement link in element.GetElementsByTagName("a"))
        {
            string? href = link.GetAttribute("href");
            if (string.IsNullOrWhiteSpace(href))
            {
                continue;
            }

            any = true;
            if (href.StartsWith('#'))
            {
                continue;
            }

            if (!Uri.TryCreate(baseUrl, href, out Uri? target) || target.Scheme is not ("http" or "https"))
            {
                return false;
            }

            bool samePage = target.AbsolutePath == baseUrl.AbsolutePath && target.Query == baseUrl.Query;
            if (SameHost(target, baseUrl) && !samePage)
            {
                return false;
            }
        }

        return any;
    }

    private static bool SameHost(Uri a, Uri b) =>
        string.Equals(WithoutWww(a.Host), WithoutWww(b.Host), StringComparison.OrdinalIgnoreCase);

    private static string WithoutWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
