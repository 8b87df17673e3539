using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// What marks an element as a byline, in one place for every caller: <c>rel=author</c>, an <c>itemprop</c> naming the
/// author or its class or id; and what only hints at one (right alignment).
/// </summary>
internal static partial class Bylines
{
    /// <summary>Whether the element is marked as a byline by its attributes or by a class or id in <paramref name="vocabulary"/>.</summary>
    public static bool IsMarked(IElement element, BylineVocabulary vocabulary) =>
        element.GetAttribute("rel") == "author" ||
        (element.GetAttribute("itemprop")?.Contains("author", StringComparison.Ordinal) ?? false) ||
        IsNamed(element, vocabulary);

    /// <summary>Whether the element's class or id is a byline name in <paramref name="vocabulary"/>.</summary>
    public static bool IsNamed(IElement element, BylineVocabulary vocabulary)
    {
        string signature = DomPatterns.Signature(element);
        return vocabulary == BylineVocabulary.Readability ? ReadabilityNames().IsMatch(signature) : NewsNames().IsMatch(signature);
    }

    /// <summary>Whether a block hints that its short line is the author's name: a byline-named box (<see cref="BylineVocabulary.News"/>), or right-aligned as signatures are.</summary>
    public static bool IsHinted(IElement element) => IsRightAligned(element) || IsNamed(element, BylineVocabulary.News);

    private static bool IsRightAligned(IElement element)
    {
        for (IElement? e = element; e is not null; e = e.ParentElement)
        {
            string? style = e.GetAttribute("style");
            if ((style is not null && style.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("text-align:right", StringComparison.OrdinalIgnoreCase)) ||
                string.Equals(e.GetAttribute("align"), "right", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (e.LocalName is not ("strong" or "b" or "em" or "i" or "span" or "p"))
            {
                return false;
            }
        }

        return false;
    }

    [GeneratedRegex(@"byline|author|dateline|writtenby|p-author", RegexOptions.CultureInvariant)]
    private static partial Regex ReadabilityNames();

    [GeneratedRegex(@"author|byline|tac-?gia|writer|reporter|\bsign\b|signature|nguon", RegexOptions.CultureInvariant)]
    private static partial Regex NewsNames();
}
