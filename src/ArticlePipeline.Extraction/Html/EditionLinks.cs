using System.Collections.Immutable;
using AngleSharp.Dom;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// The page's editions in other languages: <c>link rel=alternate hreflang</c> in the head, <c>a hreflang</c>, and
/// language-switch links whose whole text is a language's own name (<c>Русский</c>, <c>Română</c>, <c>ไทย</c>).
/// </summary>
/// <remarks>
/// A switch link to a language's home page (<c>/ru/</c>, a bare host) is not this article's edition and is left out,
/// as is a link back to the page itself. The first link per language wins, head alternates first.
/// </remarks>
internal static class EditionLinks
{
    /// <summary>
    /// Most languages kept: a page listing every language of a portal is not a reason to fetch fifty pages. The record
    /// languages are kept first, so a long list cannot push them out.
    /// </summary>
    public const int MaxLanguages = 12;

    // Languages looked at before the cut: bounds the work on a page with thousands of hreflang links.
    private const int MaxCandidates = 64;

    // The language names switchers show, each in its own language; only whole link texts are matched.
    private static readonly Dictionary<string, string> Endonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Tiếng Việt"] = "vi",
        ["Українська"] = "uk",
        ["Русский"] = "ru",
        ["Română"] = "ro",
        ["ไทย"] = "th",
        ["ภาษาไทย"] = "th",
        ["English"] = "en",
        ["Français"] = "fr",
        ["Deutsch"] = "de",
        ["中文"] = "zh",
        ["ລາວ"] = "lo",
        ["ខ្មែរ"] = "km",
    };

    /// <summary>The editions <paramref name="document"/> links.</summary>
    /// <param name="document">The whole page, before boilerplate is removed (switchers live in the header).</param>
    /// <param name="pageUrl">The page's URL, against which links resolve.</param>
    /// <param name="canonical">The page's canonical URL, also not an edition of itself.</param>
    /// <returns>At most <see cref="MaxLanguages"/> links, one per language, the record languages first.</returns>
    public static ImmutableArray<EditionLink> Read(IDocument document, Uri pageUrl, Uri? canonical)
    {
        var found = new Dictionary<string, EditionLink>(StringComparer.Ordinal);
        foreach (IElement link in document.GetElementsByTagName("link"))
        {
            if (Has(link.GetAttribute("rel"), "alternate"))
            {
                Add(found, Language(link.GetAttribute("hreflang")), link.GetAttribute("href"), pageUrl, canonical, requireArticlePath: false);
            }
        }

        foreach (IElement anchor in document.GetElementsByTagName("a"))
        {
            if (found.Count >= MaxCandidates)
            {
                break;
            }

            string? language = Language(anchor.GetAttribute("hreflang"));
            if (language is null && anchor.ChildElementCount <= 2 && anchor.TextContent.Trim() is { Length: > 0 and <= 20 } text)
            {
                language = Endonyms.GetValueOrDefault(text);
            }

            Add(found, language, anchor.GetAttribute("href"), pageUrl, canonical, requireArticlePath: true);
        }

        return [.. found.Values
            .OrderBy(static l => Languages.IsRecordLanguage(l.Language) ? 0 : 1)
            .Take(MaxLanguages)];
    }

    private static void Add(Dictionary<string, EditionLink> found, string? language, string? href, Uri pageUrl, Uri? canonical, bool requireArticlePath)
    {
        if (language is null || found.Count >= MaxCandidates || found.ContainsKey(language) || string.IsNullOrWhiteSpace(href) ||
            !Uri.TryCreate(pageUrl, href.Trim(), out Uri? url) || url.Scheme is not ("http" or "https"))
        {
            return;
        }

        var link = new EditionLink(language, new Uri(url.GetLeftPart(UriPartial.Query)));
        if (Same(link.Url, pageUrl) || (canonical is not null && Same(link.Url, canonical)) || (requireArticlePath && !link.NamesAnArticle))
        {
            return;
        }

        found[language] = link;
    }

    private static bool Same(Uri a, Uri b) =>
        string.Equals(a.GetLeftPart(UriPartial.Query).TrimEnd('/'), b.GetLeftPart(UriPartial.Query).TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static bool Has(string? tokens, string token) =>
        tokens is not null && tokens.Split(' ', '\t', '\n', '\r').Any(t => t.Equals(token, StringComparison.OrdinalIgnoreCase));

    /// <summary>The primary subtag of an hreflang (<c>ru-RU</c> → <c>ru</c>, <c>zh-Hans</c> → <c>zh</c>); <c>x-default</c> and junk are none.</summary>
    private static string? Language(string? hreflang)
    {
        if (string.IsNullOrWhiteSpace(hreflang))
        {
            return null;
        }

        string primary = hreflang.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) && primary != "x" ? primary : null;
    }
}
