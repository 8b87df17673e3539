using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>Links in an HTML page: anchors of listing pages and feed links of a home page. Pure.</summary>
internal static partial class HtmlLinks
{
    /// <summary>The <c>href</c> of every anchor, resolved, in document order.</summary>
    public static IEnumerable<Uri> Anchors(ReadOnlySpan<byte> html, Uri pageUrl)
    {
        string text = Encoding.UTF8.GetString(html);
        var found = new List<Uri>();
        foreach (Match match in AnchorHref().Matches(text))
        {
            if (Uri.TryCreate(pageUrl, WebUtility.HtmlDecode(match.Groups["href"].Value.Trim()), out Uri? url))
            {
                found.Add(url);
            }
        }

        return found;
    }

    /// <summary>The RSS and Atom feeds a page announces with <c>link rel="alternate"</c>.</summary>
    public static IEnumerable<Uri> Feeds(ReadOnlySpan<byte> html, Uri pageUrl)
    {
        string text = Encoding.UTF8.GetString(html);
        var found = new List<Uri>();
        foreach (Match match in LinkTag().Matches(text))
        {
            string tag = match.Value;
            if (!tag.Contains("alternate", StringComparison.OrdinalIgnoreCase) ||
                !(tag.Contains("rss+xml", StringComparison.OrdinalIgnoreCase) || tag.Contains("atom+xml", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            Match href = HrefAttribute().Match(tag);
            if (href.Success && Uri.TryCreate(pageUrl, WebUtility.HtmlDecode(href.Groups["href"].Value.Trim()), out Uri? url))
            {
                found.Add(url);
            }
        }

        return found;
    }

    [GeneratedRegex(@"<a\s[^>]*?href\s*=\s*[""'](?<href>[^""'#][^""']*)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorHref();

    [GeneratedRegex(@"<link\s[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"href\s*=\s*[""'](?<href>[^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HrefAttribute();
}
