using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Text measures of DOM elements the content finder scores with.</summary>
internal static class DomText
{
    // Utility classes that hide an element in every common CSS framework (not the responsive ones such as hidden-xs).
    private static readonly HashSet<string> HiddenClasses = new(StringComparer.Ordinal) { "hidden", "hide", "d-none", "is-hidden", "invisible" };

    /// <summary>The length of the element's text with runs of white space counted as one and the ends trimmed.</summary>
    public static int Length(INode node) => CollapsedLength(node.TextContent);

    /// <summary>The length of <paramref name="text"/> with runs of white space counted as one and the ends trimmed.</summary>
    public static int CollapsedLength(string text)
    {
        int length = 0;
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            length += space ? 2 : 1;
            space = false;
        }

        return length;
    }

    /// <summary>
    /// The share of the element's text inside links; links to a fragment of the same page (<c>#...</c>) weigh 0.3,
    /// being tables of contents and footnotes rather than navigation.
    /// </summary>
    public static double LinkDensity(IElement element)
    {
        int total = Length(element);
        if (total == 0)
        {
            return 0;
        }

        double linked = 0;
        foreach (IElement link in element.GetElementsByTagName("a"))
        {
            string? href = link.GetAttribute("href");
            double weight = href is not null && href.StartsWith('#') && href.Length > 1 ? 0.3 : 1;
            linked += Length(link) * weight;
        }

        return Math.Min(1, linked / total);
    }

    /// <summary>The share of the element's text inside descendants with one of <paramref name="tags"/>.</summary>
    /// <remarks>
    /// Each character counts once, under the outermost matching descendant: measuring every nested match again
    /// made nested boxes cost the cube of their depth (and the share exceed 1).
    /// </remarks>
    public static double Density(IElement element, IReadOnlySet<string> tags)
    {
        int total = Length(element);
        if (total == 0)
        {
            return 0;
        }

        int inside = 0;
        var pending = new Stack<IElement>(element.Children);
        while (pending.Count > 0)
        {
            IElement child = pending.Pop();
            if (tags.Contains(child.LocalName))
            {
                inside += Length(child);
                continue;
            }

            foreach (IElement grandchild in child.Children)
            {
                pending.Push(grandchild);
            }
        }

        return (double)inside / total;
    }

    /// <summary>Counts <paramref name="c"/> in the element's text.</summary>
    public static int Count(IElement element, char c) => element.TextContent.AsSpan().Count(c);

    /// <summary>Whether an ancestor within <paramref name="maxDepth"/> levels (0: any) has the tag and passes the filter.</summary>
    public static bool HasAncestor(IElement element, string tag, int maxDepth = 3, Func<IElement, bool>? filter = null)
    {
        int depth = 0;
        for (IElement? parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (maxDepth > 0 && depth++ >= maxDepth)
            {
                return false;
            }

            if (parent.LocalName == tag && (filter is null || filter(parent)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a node is white space only: an empty text node or a line break.</summary>
    public static bool IsWhitespace(INode node) =>
        (node is IText text && string.IsNullOrWhiteSpace(text.Data)) || (node is IElement { LocalName: "br" });

    /// <summary>Whether the element is visible by its attributes (no <c>display:none</c>, <c>hidden</c>, <c>aria-hidden</c>).</summary>
    public static bool IsProbablyVisible(IElement element)
    {
        string? style = element.GetAttribute("style");
        if (style is not null && HiddenStyle(style))
        {
            return false;
        }

        if (element.HasAttribute("hidden") || element.ClassList.Any(c => HiddenClasses.Contains(c)))
        {
            return false;
        }

        return element.GetAttribute("aria-hidden") != "true" || (element.ClassName?.Contains("fallback-image", StringComparison.Ordinal) ?? false);
    }

    private static bool HiddenStyle(string style)
    {
        string compact = style.Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase) ||
            compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }
}
