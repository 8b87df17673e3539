using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Whether an element is shown, judged by its attributes alone (the extractor runs no CSS).</summary>
internal static class Visibility
{
    // Utility classes that hide an element in every common CSS framework (not the responsive ones such as hidden-xs).
    private static readonly HashSet<string> HiddenClasses = new(StringComparer.Ordinal) { "hidden", "hide", "d-none", "is-hidden", "invisible" };

    /// <summary>
    /// Whether the element is visible by its attributes: no <c>display:none</c> or <c>visibility:hidden</c> style, no
    /// <c>hidden</c> attribute or hiding class, no <c>aria-hidden</c> (except on a fallback image).
    /// </summary>
    public static bool IsProbablyVisible(IElement element)
    {
        string? style = element.GetAttribute("style");
        if (style is not null && HiddenStyle(style))
        {
            return false;
        }

        if (element.HasAttribute("hidden") || HasHiddenClass(element.ClassName))
        {
            return false;
        }

        return element.GetAttribute("aria-hidden") != "true" || (element.ClassName?.Contains("fallback-image", StringComparison.Ordinal) ?? false);
    }

    // ClassList would allocate a token list per element of the page; the class attribute is split in place.
    private static bool HasHiddenClass(string? classes)
    {
        if (string.IsNullOrEmpty(classes))
        {
            return false;
        }

        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = HiddenClasses.GetAlternateLookup<ReadOnlySpan<char>>();
        ReadOnlySpan<char> span = classes;
        foreach (Range range in span.SplitAny(" \t\n\r\f"))
        {
            if (lookup.Contains(span[range]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HiddenStyle(string style)
    {
        string compact = style.Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase) ||
            compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }
}
