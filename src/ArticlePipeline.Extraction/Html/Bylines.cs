using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What marks an element as a byline: <c>rel=author</c>, an <c>itemprop</c> naming the author, or its class or id.</summary>
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

    [GeneratedRegex(@"byline|author|dateline|writtenby|p-author", RegexOptions.CultureInvariant)]
    private static partial Regex ReadabilityNames();

    [GeneratedRegex(@"author|byline|tac-?gia|writer|reporter|\bsign\b|signature|nguon", RegexOptions.CultureInvariant)]
    private static partial Regex NewsNames();
}
