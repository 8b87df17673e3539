using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Crawling.Discovery;

/// <summary>Links in an HTML page: anchors of listing pages and feed links of a home page. Pure.</summary>
internal static partial class HtmlLinks
{
    private static readonly HashSet<string> NextLabels = new(StringComparer.Ordinal)
    {
        "next", "next page", "next »", "older", "older posts", "›", "»", ">", ">>", "→",
        "sau", "trang sau", "tiếp", "tiếp theo", "xem tiếp", "trang tiếp", "trang tiếp theo",
        "далее", "следующая", "вперёд", "вперед", "далі", "наступна", "următoarea", "înainte", "ถัดไป",
    };

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

    /// <summary>
    /// The next page of a paginated listing: a <c>rel="next"</c> link, else the first unvisited anchor matching
    /// <paramref name="pattern"/>, else an anchor whose text says "next" (English, Vietnamese, Russian, Ukrainian,
    /// Romanian, Thai, or an arrow).
    /// </summary>
    /// <param name="html">The listing page.</param>
    /// <param name="pageUrl">Its URL.</param>
    /// <param name="pattern">The source's <c>nextPagePattern</c>, if any.</param>
    /// <param name="visited">Listing pages already read in this pass.</param>
    /// <returns>The next page, or <see langword="null"/>.</returns>
    public static Uri? NextPage(ReadOnlySpan<byte> html, Uri pageUrl, Regex? pattern, IReadOnlySet<Uri> visited)
    {
        string text = Encoding.UTF8.GetString(html);
        foreach (Match tag in RelNextTag().Matches(text))
        {
            Match href = HrefAttribute().Match(tag.Value);
            if (href.Success && Resolve(pageUrl, href.Groups["href"].Value) is { } next && !visited.Contains(next))
            {
                return next;
            }
        }

        var anchors = new List<(Uri Url, string Text)>();
        foreach (Match match in AnchorWithText().Matches(text))
        {
            if (Resolve(pageUrl, match.Groups["href"].Value) is { } url && url != pageUrl && !visited.Contains(url))
            {
                string label = WebUtility.HtmlDecode(Tag().Replace(match.Groups["text"].Value, " ")).Trim().ToLowerInvariant();
                anchors.Add((url, label));
            }
        }

        if (pattern is not null && anchors.FirstOrDefault(a => pattern.IsMatch(a.Url.AbsoluteUri)).Url is { } matching)
        {
            return matching;
        }

        return anchors.FirstOrDefault(a => NextLabels.Contains(a.Text)).Url;
    }

    private static Uri? Resolve(Uri pageUrl, string href) =>
        Uri.TryCreate(pageUrl, WebUtility.HtmlDecode(href.Trim()), out Uri? url) ? url : null;

    [GeneratedRegex(@"<(?:a|link)\s[^>]*\brel\s*=\s*(?:""[^""]*\bnext\b[^""]*""|'[^']*\bnext\b[^']*'|next\b)[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelNextTag();

    [GeneratedRegex(@"<a\s[^>]*?href\s*=\s*[""'](?<href>[^""'#][^""']*)[""'][^>]*>(?<text>.*?)</a\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AnchorWithText();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"<a\s[^>]*?href\s*=\s*[""'](?<href>[^""'#][^""']*)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorHref();

    [GeneratedRegex(@"<link\s[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"href\s*=\s*[""'](?<href>[^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HrefAttribute();
}
