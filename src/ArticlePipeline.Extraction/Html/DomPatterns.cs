using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What class names and ids say about an element: the signals the generic extractor trusts.</summary>
internal static partial class DomPatterns
{
    /// <summary>Elements removed before anything else: never article text.</summary>
    public const string AlwaysRemoved =
        "script, style, noscript, template, iframe, object, embed, button, input, select, textarea, svg, canvas, nav, dialog, link, meta";

    /// <summary>The class or id of an element, lower case, for pattern matching.</summary>
    /// <remarks>
    /// An id that spells the element's own heading (<c>id="sharing-with-a-single-developer"</c> on a section that
    /// opens with <c>Sharing with a single developer</c>, as documentation and Markdown generators write them) is an
    /// anchor made from the text, not a name the site gave a component, so it says nothing about boilerplate.
    /// </remarks>
    public static string Signature(IElement element)
    {
        string id = element.Id ?? string.Empty;
        if (IsHeadingAnchor(element, id))
        {
            id = string.Empty;
        }

        return ((element.ClassName ?? string.Empty) + " " + id).ToLowerInvariant();
    }

    /// <summary>Whether the element looks like boilerplate by its class or id (and not like content).</summary>
    public static bool IsUnlikely(IElement element)
    {
        string signature = Signature(element);
        return signature.Length > 1 && Unlikely().IsMatch(signature) && !MaybeContent().IsMatch(signature);
    }

    /// <summary>Whether the element's class or id names it boilerplate.</summary>
    public static bool IsNegative(IElement element) => Negative().IsMatch(Signature(element));

    /// <summary>Whether the element holds a lead (sapo).</summary>
    public static bool IsLeadLike(IElement element) => Lead().IsMatch(Signature(element));

    /// <summary>Whether the element holds a date.</summary>
    public static bool IsDateLike(IElement element) => Date().IsMatch(Signature(element));

    /// <summary>Whether the element sits in the site's header, navigation or footer, whose dates and tags are not the article's.</summary>
    public static bool InPageChrome(IElement element) => DomText.Closest(element, "header", "nav", "footer") is not null;

    /// <summary>Whether the element is a caption.</summary>
    public static bool IsCaptionLike(IElement element) => Caption().IsMatch(Signature(element));

    /// <summary>Whether a class-and-id signature marks a box that is unlikely to hold the article (Readability's test plus Vietnamese names).</summary>
    public static bool IsUnlikelyCandidate(string signature) =>
        signature.Length > 1 && UnlikelyCandidate().IsMatch(signature) && !OkMaybeCandidate().IsMatch(signature);

    /// <summary>Whether a class or id (lower case) earns a positive weight.</summary>
    public static bool IsPositiveWeight(string name) => PositiveWeight().IsMatch(name);

    /// <summary>Whether a class or id (lower case) earns a negative weight.</summary>
    public static bool IsNegativeWeight(string name) => NegativeWeight().IsMatch(name);

    /// <summary>Whether a signature marks a share bar.</summary>
    public static bool IsShareElement(string signature) => ShareElement().IsMatch(signature);

    /// <summary>Whether a box's whole text is an advertisement label or a loading notice.</summary>
    public static bool IsAdOrLoadingWords(string text) => text.Length <= 40 && AdOrLoadingWords().IsMatch(text);

    /// <summary>Whether <paramref name="id"/> spells the heading that opens <paramref name="element"/> (letters and digits only, maybe cut short).</summary>
    public static bool IsHeadingAnchor(IElement element, string id)
    {
        if (id.Length < 8 || id.IndexOfAny(['-', '_']) < 0 ||
            element.FirstElementChild is not { LocalName: "h1" or "h2" or "h3" or "h4" or "h5" or "h6" } heading)
        {
            return false;
        }

        string anchor = LettersAndDigits(id);
        string title = LettersAndDigits(heading.TextContent);
        return anchor.Length >= 6 && title.StartsWith(anchor, StringComparison.Ordinal);
    }

    private static string LettersAndDigits(string text)
    {
        var letters = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }

        return letters.ToString();
    }

    [GeneratedRegex(@"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|binh-?luan|lien-?quan|cung-?chuyen-?muc|tin-?khac|doc-?nhieu|xem-?nhieu|quang-?cao|tin-?moi|most-?(read|view)|cookie|consent", RegexOptions.CultureInvariant)]
    private static partial Regex UnlikelyCandidate();

    [GeneratedRegex(@"and|article|body|column|content|main|mathjax|shadow|detail|entry|noi-?dung|chi-?tiet", RegexOptions.CultureInvariant)]
    private static partial Regex OkMaybeCandidate();

    [GeneratedRegex(@"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|detail|fck|noi-?dung|chi-?tiet", RegexOptions.CultureInvariant)]
    private static partial Regex PositiveWeight();

    [GeneratedRegex(@"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|binh-?luan|lien-?quan|cung-?chuyen-?muc|tin-?khac|doc-?nhieu|xem-?nhieu|quang-?cao|tu-?khoa|most-?(read|view)", RegexOptions.CultureInvariant)]
    private static partial Regex NegativeWeight();

    [GeneratedRegex(@"(\b|_)(share|sharedaddy)(\b|_)", RegexOptions.CultureInvariant)]
    private static partial Regex ShareElement();

    [GeneratedRegex(@"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|реклама|anuncio|quảng cáo|loading|正在加载|загрузка|chargement|cargando|đang tải)(…|\.\.\.)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AdOrLoadingWords();

    [GeneratedRegex(@"comment|binh-?luan|share|sharing|social|related|lien-?quan|cung-?chuyen-?muc|same-?(cat|cate|category|topic|author)|other-?news|tin-?khac|more-?news|read-?more|xem-?them|doc-?nhieu|most-?(read|view|popular)|breadcrumb|menu|navbar|footer|header|sidebar|widget|banner|advert|\bads?\b|ads-|-ads|qc|quang-?cao|popup|modal|newsletter|subscribe|print|toolbar|rating|promo|recommend|sponsor|tags?\b|tag-|keyword|tu-?khoa|pagination|pager|login|search|cookie|hidden|skip|masthead|top-?bar|bottom-?bar|font-?size|zalo|facebook|twitter|video-?list|box-?news|list-?news|news-?list|author-?box|signature-box", RegexOptions.CultureInvariant)]
    private static partial Regex Unlikely();

    [GeneratedRegex(@"article|content|detail|entry|main|post|story|body|text|fck|chi-?tiet|noi-?dung|cms", RegexOptions.CultureInvariant)]
    private static partial Regex MaybeContent();

    [GeneratedRegex(@"comment|share|social|related|lien-?quan|cung-?chuyen-?muc|other|sidebar|widget|footer|menu|banner|advert|\bads?\b|qc|promo|sponsor|tags?\b|breadcrumb|navigation|popular|doc-?nhieu|recommend", RegexOptions.CultureInvariant)]
    private static partial Regex Negative();

    [GeneratedRegex(@"sapo|\blead\b|lead-|-lead|summary|chap+eau|excerpt|intro|description|desc\b|tom-?tat|abstract|subtitle|standfirst|teaser", RegexOptions.CultureInvariant)]
    private static partial Regex Lead();

    [GeneratedRegex(@"date|time|publish|ngay|posted", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"caption|chu-?thich|desc-?img|image-?desc|photo-?desc|pic-?desc|img-?desc", RegexOptions.CultureInvariant)]
    private static partial Regex Caption();
}
