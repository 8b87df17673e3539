using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ArticlePipeline.Extraction.Dates;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Reads what a page says around its body: the title, the lead (sapo), a byline near the title and the publication
/// date. Read before a strategy rewrites the document; what a profile's selectors found comes first.
/// </summary>
internal static partial class PageFactsReader
{
    /// <summary>Reads the facts of <paramref name="body"/>, starting from what a profile found.</summary>
    public static PageFacts Read(IElement body, PageMetadata metadata, ProfileFacts? given)
    {
        IElement? titleElement = given?.Title;
        string title = TextNormalizer.Normalize(titleElement?.TextContent);
        if (title.Length == 0)
        {
            (title, titleElement) = FindTitle(body, metadata);
        }

        IElement? leadElement = given?.Lead;
        leadElement ??= FindLead(body, titleElement);
        string? lead = leadElement is null ? null : TextNormalizer.Normalize(DomText.BlockSeparatedText(leadElement));

        IReadOnlyList<string> authors = given?.Authors ?? [];
        string? byline = authors.Count > 0 ? null : FindBylineNear(body, titleElement);

        DateTimeOffset? date = given?.Date;
        DateTimeOffset? near = FindDateNear(body, titleElement, null);
        date ??= metadata.PublishedAt is { } meta && (!metadata.PublishedDateOnly || near?.Date != meta.Date) ? meta : near ?? metadata.PublishedAt;
        return new PageFacts(title, string.IsNullOrEmpty(lead) ? null : lead, authors, byline, date);
    }

    /// <summary>A date element near the title or around the container, the publication line before the update line.</summary>
    public static DateTimeOffset? FindDateNear(IElement body, IElement? title, IElement? container)
    {
        // Dates in the site header ("today is ...") are not the article's: look near the title and the body.
        if (title is null && container is null)
        {
            return null;
        }

        IEnumerable<IElement> candidates = body.QueryAll("time, span, div, p, li")
            .Where(e => (DomPatterns.IsDateLike(e) || e.LocalName == "time") && !DomPatterns.InPageChrome(e));
        DateTimeOffset? updated = null;
        foreach (IElement candidate in candidates)
        {
            bool near = (title is not null && Near(title, candidate)) || container?.ParentElement?.Contains(candidate) == true;
            if (!near)
            {
                continue;
            }

            if (PublicationDateParser.ParseValue(candidate.GetAttribute("datetime")) is { } stamped)
            {
                return stamped;
            }

            // "Cập nhật: 10:15, 01/02/2025" shown before the publication line is the fallback, not the answer.
            if (PublicationDateParser.FindPublished(candidate.TextContent.Length <= 120 ? candidate.TextContent : null) is { } found)
            {
                if (!found.Updated)
                {
                    return found.Value;
                }

                updated ??= found.Value;
            }
        }

        return updated;
    }

    private static (string Title, IElement? Element) FindTitle(IElement body, PageMetadata metadata)
    {
        IElement[] headings = body.QueryAll("h1").Where(h => TextNormalizer.Normalize(h.TextContent).Length >= 10).ToArray();
        if (metadata.Title is { } metaTitle)
        {
            IElement? matching = headings.FirstOrDefault(h => Similar(TextNormalizer.Normalize(h.TextContent), metaTitle));
            if (matching is not null)
            {
                return (TextNormalizer.Normalize(matching.TextContent), matching);
            }
        }

        IElement? heading = headings.FirstOrDefault(h => DomText.Closest(h, "header", "a") is null || DomText.Closest(h, "article") is not null);
        if (heading is not null)
        {
            return (TextNormalizer.Normalize(heading.TextContent), heading);
        }

        if (metadata.Title is not null)
        {
            return (metadata.Title, FindTitleElement(body, metadata.Title));
        }

        string head = TitleSuffix().Replace(metadata.HeadTitle ?? string.Empty, string.Empty).Trim();
        return (head, head.Length == 0 ? null : FindTitleElement(body, head));
    }

    private static IElement? FindTitleElement(IElement body, string title) =>
        body.QueryAll("h1, h2").FirstOrDefault(h => TextNormalizer.Normalize(h.TextContent) == title);

    private static bool Similar(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase) ||
        (a.Length >= 10 && b.Contains(a, StringComparison.OrdinalIgnoreCase)) ||
        (b.Length >= 10 && a.Contains(b, StringComparison.OrdinalIgnoreCase));

    // The lead (sapo) is a lead-classed box after the title and before the body's first long paragraph, else the
    // subtitle written right under the title.
    private static IElement? FindLead(IElement body, IElement? title) => FindLeadClassed(body, title) ?? FindSubtitle(body, title);

    // An h2 that is the title's next sibling (in its header or hgroup) and reads as a sentence or two is
    // the article's dek, whatever its class says ("article-subheadline", none at all).
    private static IElement? FindSubtitle(IElement body, IElement? title)
    {
        if (title?.NextElementSibling is not { LocalName: "h2" } next || InNegativeBox(next, body) ||
            DomPatterns.IsDateLike(next) || Bylines.IsMarked(next, BylineVocabulary.News) || next.QueryFirst("p, div, li, h1, h2, h3, img") is not null)
        {
            return null;
        }

        int length = TextNormalizer.Normalize(next.TextContent).Length;
        return length is >= 40 and <= 600 && LinkDensity.Of(next, LinkDensityMeasure.Characters) < 0.3 ? next : null;
    }

    private static IElement? FindLeadClassed(IElement body, IElement? title)
    {
        foreach (IElement element in AfterTitle(body, title))
        {
            if (!DomPatterns.IsLeadLike(element) || DomPatterns.IsCaptionLike(element) || element.Closest("footer, nav, aside, a, li, figure, figcaption, table") is not null ||
                (title is not null && element.Contains(title)) || InNegativeBox(element, body))
            {
                continue;
            }

            // A "lead" box that holds the lead picture ("lead-asset") is not the lead: its text is the picture's caption.
            int length = TextNormalizer.Normalize(element.TextContent).Length - CaptionLength(element);
            if (length is >= 30 and <= 1500 && LinkDensity.Of(element, LinkDensityMeasure.Characters) < 0.3)
            {
                return element;
            }
        }

        return null;
    }

    private static int CaptionLength(IElement element) =>
        element.QueryAll("figcaption").Sum(caption => TextNormalizer.Normalize(caption.TextContent).Length);

    // A byline element (class, rel or itemprop "author") close to the title.
    private static string? FindBylineNear(IElement body, IElement? title)
    {
        foreach (IElement element in AfterTitle(body, title))
        {
            if (!Bylines.IsMarked(element, BylineVocabulary.News) || (title is not null && !Near(title, element)) || InNegativeBox(element, body) || element.QueryFirst("p, div, li") is not null)
            {
                continue;
            }

            string text = TextNormalizer.Normalize(element.TextContent);
            if (text.Length is >= 2 and <= 80)
            {
                return text;
            }
        }

        return null;
    }

    // Elements in document order from the title (or the top) to the body's first long paragraph.
    private static IEnumerable<IElement> AfterTitle(IElement body, IElement? title)
    {
        bool started = title is null;
        foreach (IElement element in body.QueryAll("*"))
        {
            if (!started)
            {
                started = element == title;
                continue;
            }

            if (element.LocalName == "p" && DomText.Length(element) >= 200 && ClassedOrIdentified(element) is { } box && !DomPatterns.IsLeadLike(box) && !DomPatterns.IsLeadLike(element))
            {
                yield break;
            }

            yield return element;
        }
    }

    // The element or its nearest ancestor with a class or id attribute, as Closest("[class], [id]") finds it.
    private static IElement? ClassedOrIdentified(IElement element)
    {
        for (IElement? current = element; current is not null; current = current.ParentElement)
        {
            if (current.HasAttribute("class") || current.HasAttribute("id"))
            {
                return current;
            }
        }

        return null;
    }

    private static bool Near(IElement title, IElement candidate)
    {
        IElement? ancestor = title.ParentElement;
        for (int level = 0; ancestor is not null && level < 3; level++, ancestor = ancestor.ParentElement)
        {
            if (ancestor.Contains(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InNegativeBox(IElement element, IElement body)
    {
        for (IElement? e = element; e is not null && e != body; e = e.ParentElement)
        {
            if (DomPatterns.IsNegative(e))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\s+[-|–—]\s+[^-|–—]{2,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleSuffix();
}
