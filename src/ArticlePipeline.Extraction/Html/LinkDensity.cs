using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>The share of a text that sits inside links: navigation is mostly links, an article mostly not.</summary>
internal static class LinkDensity
{
    /// <summary>
    /// The weight of a link to a fragment of the same page (<c>#...</c>): tables of contents and footnotes rather
    /// than navigation.
    /// </summary>
    public const double FragmentLinkWeight = 0.3;

    /// <summary>The link density of <paramref name="element"/>'s text.</summary>
    public static double Of(IElement element, LinkDensityMeasure measure)
    {
        if (measure == LinkDensityMeasure.Scoring)
        {
            int length = DomText.LengthWithLinks(element, out double weighted);
            return length == 0 ? 0 : Ratio(weighted, length);
        }

        int total = DomText.NonSpace(element);
        return total == 0 ? 0 : Ratio(LinkedCharacters(element), total);
    }

    /// <summary>How many characters of <paramref name="element"/>'s text that are not white space sit in links, every link in full.</summary>
    public static int LinkedCharacters(IElement element)
    {
        int linked = 0;
        foreach (IElement link in element.GetElementsByTagName("a"))
        {
            linked += DomText.NonSpace(link);
        }

        return linked;
    }

    /// <summary>How much the text of <paramref name="link"/> counts as linked: <see cref="FragmentLinkWeight"/> for a fragment link, else 1.</summary>
    public static double Weight(IElement link)
    {
        string? href = link.GetAttribute("href");
        return href is not null && href.StartsWith('#') && href.Length > 1 ? FragmentLinkWeight : 1;
    }

    /// <summary>The link density of a text of <paramref name="total"/> characters with <paramref name="linked"/> of them linked, at most 1.</summary>
    /// <remarks>The block collector measures each run of text between <c>&lt;br&gt;&lt;br&gt;</c> this way: such runs share a parent but not its links.</remarks>
    public static double Ratio(double linked, int total) => total == 0 ? 0 : Math.Min(1, linked / total);
}
