using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Simple text measures the profile path and the block collector use; the scoring itself is <see cref="ContentFinder"/>.</summary>
internal static class ContentScorer
{
    /// <summary>The share of an element's text that sits inside links.</summary>
    public static double LinkDensity(IElement element)
    {
        int total = DomText.NonSpace(element);
        if (total == 0)
        {
            return 0;
        }

        int linked = element.GetElementsByTagName("a").Sum(DomText.NonSpace);
        return Math.Min(1, (double)linked / total);
    }

    /// <summary>Counts the characters of <paramref name="text"/> that are not white space.</summary>
    public static int CountNonSpace(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }
}
