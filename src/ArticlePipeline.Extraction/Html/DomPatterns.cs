using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What class names and ids say about an element: the signals the generic extractor trusts.</summary>
internal static partial class DomPatterns
{
    /// <summary>Elements removed before anything else: never article text.</summary>
    public const string AlwaysRemoved =
        "script, style, noscript, template, iframe, object, embed, form, button, input, select, textarea, svg, canvas, nav, dialog, link, meta";

    /// <summary>The class or id of an element, lower case, for pattern matching.</summary>
    public static string Signature(IElement element) =>
        ((element.ClassName ?? string.Empty) + " " + (element.Id ?? string.Empty)).ToLowerInvariant();

    /// <summary>Whether the element looks like boilerplate by its class or id (and not like content).</summary>
    public static bool IsUnlikely(IElement element)
    {
        string signature = Signature(element);
        return signature.Length > 1 && Unlikely().IsMatch(signature) && !MaybeContent().IsMatch(signature);
    }

    /// <summary>Whether the element's class or id names it content.</summary>
    public static bool IsLikelyContent(IElement element) => Positive().IsMatch(Signature(element));

    /// <summary>Whether the element's class or id names it boilerplate.</summary>
    public static bool IsNegative(IElement element) => Negative().IsMatch(Signature(element));

    /// <summary>Whether the element holds a lead (sapo).</summary>
    public static bool IsLeadLike(IElement element) => Lead().IsMatch(Signature(element));

    /// <summary>Whether the element holds a byline.</summary>
    public static bool IsAuthorLike(IElement element) => Author().IsMatch(Signature(element));

    /// <summary>Whether the element holds a date.</summary>
    public static bool IsDateLike(IElement element) => Date().IsMatch(Signature(element));

    /// <summary>Whether the element is a caption.</summary>
    public static bool IsCaptionLike(IElement element) => Caption().IsMatch(Signature(element));

    [GeneratedRegex(@"comment|binh-?luan|share|sharing|social|related|lien-?quan|cung-?chuyen-?muc|same-?(cat|cate|category|topic|author)|other-?news|tin-?khac|more-?news|read-?more|xem-?them|doc-?nhieu|most-?(read|view|popular)|breadcrumb|menu|navbar|footer|header|sidebar|widget|banner|advert|\bads?\b|ads-|-ads|qc|quang-?cao|popup|modal|newsletter|subscribe|print|toolbar|rating|promo|recommend|sponsor|tags?\b|tag-|keyword|tu-?khoa|pagination|pager|login|search|cookie|hidden|skip|masthead|top-?bar|bottom-?bar|font-?size|zalo|facebook|twitter|video-?list|box-?news|list-?news|news-?list|author-?box|signature-box", RegexOptions.CultureInvariant)]
    private static partial Regex Unlikely();

    [GeneratedRegex(@"article|content|detail|entry|main|post|story|body|text|fck|chi-?tiet|noi-?dung|cms", RegexOptions.CultureInvariant)]
    private static partial Regex MaybeContent();

    [GeneratedRegex(@"article|content|detail|entry|main|post|story|body|text|fck|chi-?tiet|noi-?dung|cms-?body|blog", RegexOptions.CultureInvariant)]
    private static partial Regex Positive();

    [GeneratedRegex(@"comment|share|social|related|lien-?quan|cung-?chuyen-?muc|other|sidebar|widget|footer|menu|banner|advert|\bads?\b|qc|promo|sponsor|tags?\b|breadcrumb|navigation|popular|doc-?nhieu|recommend", RegexOptions.CultureInvariant)]
    private static partial Regex Negative();

    [GeneratedRegex(@"sapo|\blead\b|lead-|-lead|summary|chapeau|excerpt|intro|description|desc\b|tom-?tat|abstract|subtitle|standfirst|teaser", RegexOptions.CultureInvariant)]
    private static partial Regex Lead();

    [GeneratedRegex(@"author|byline|tac-?gia|writer|reporter|\bsign\b|signature|nguon", RegexOptions.CultureInvariant)]
    private static partial Regex Author();

    [GeneratedRegex(@"date|time|publish|ngay|posted", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"caption|chu-?thich|desc-?img|image-?desc|photo-?desc|pic-?desc|img-?desc", RegexOptions.CultureInvariant)]
    private static partial Regex Caption();
}
