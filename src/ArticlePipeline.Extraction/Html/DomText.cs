using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Text measures of DOM elements the content finder scores with.</summary>
internal static class DomText
{
    /// <summary>The length of the element's text with runs of white space counted as one and the ends trimmed.</summary>
    /// <remarks>
    /// Walks the text nodes instead of reading <c>TextContent</c>: that string is built anew on every call, and for a
    /// page's outer boxes it is large enough to land on the large-object heap, whose collections cost more CPU than
    /// the walk (a fifth of the run went to collections of those strings).
    /// </remarks>
    public static int Length(INode node)
    {
        if (node is IText text)
        {
            return CollapsedLength(text.Data);
        }

        int length = 0;
        bool space = false;
        Accumulate(node, ref length, ref space);
        return length;
    }

    /// <summary>
    /// <see cref="Length"/> of the element, and the sum of the <see cref="Length"/> of each link in it (nested ones too)
    /// times its <see cref="LinkDensity.Weight"/>, added in document order.
    /// </summary>
    /// <remarks>One walk, where the link density of a page's outer boxes took one for the text and a live collection of its links.</remarks>
    public static int LengthWithLinks(IElement element, out double weightedLinks)
    {
        int length = 0;
        bool space = false;
        weightedLinks = 0;
        Accumulate(element, ref length, ref space, ref weightedLinks);
        return length;
    }

    /// <summary>Whether the node holds any text that is not white space.</summary>
    public static bool HasText(INode node)
    {
        INodeList children = node.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            INode child = children[i];
            if (child is IText text ? !string.IsNullOrWhiteSpace(text.Data) : child.HasChildNodes && HasText(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of characters of the node's text that are not white space.</summary>
    public static int NonSpace(INode node)
    {
        int count = 0;
        INodeList children = node.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            INode child = children[i];
            if (child is IText text)
            {
                foreach (char c in text.Data)
                {
                    count += char.IsWhiteSpace(c) ? 0 : 1;
                }
            }
            else if (child.HasChildNodes)
            {
                count += NonSpace(child);
            }
        }

        return count;
    }

    /// <summary>The number of characters of <paramref name="text"/> that are not white space.</summary>
    public static int NonSpace(string text)
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

    /// <summary>The length of <paramref name="text"/> with runs of white space counted as one and the ends trimmed.</summary>
    public static int CollapsedLength(string text)
    {
        int length = 0;
        bool space = false;
        AccumulateText(text, ref length, ref space);
        return length;
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
    public static int Count(INode node, char c)
    {
        int count = 0;
        INodeList children = node.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            INode child = children[i];
            count += child is IText text ? text.Data.AsSpan().Count(c) : child.HasChildNodes ? Count(child, c) : 0;
        }

        return count;
    }

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

    /// <summary>The element or its nearest ancestor with one of the tag names, as <c>Closest("a, b")</c> finds it.</summary>
    /// <remarks>
    /// Asked for every text node of a container: <c>Closest</c> looks its selector up in AngleSharp's cache under a
    /// lock each time, which cost more than the walk.
    /// </remarks>
    public static IElement? Closest(IElement? element, string tag, string? otherTag = null, string? thirdTag = null)
    {
        for (IElement? current = element; current is not null; current = current.ParentElement)
        {
            string name = current.LocalName;
            if (name.Equals(tag, StringComparison.OrdinalIgnoreCase) ||
                (otherTag is not null && name.Equals(otherTag, StringComparison.OrdinalIgnoreCase)) ||
                (thirdTag is not null && name.Equals(thirdTag, StringComparison.OrdinalIgnoreCase)))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// The text of <paramref name="element"/> with a space where a block or a line break separates two runs, so that
    /// <c>&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</c> reads <c>One. Two.</c> and not <c>One.Two.</c>.
    /// </summary>
    public static string BlockSeparatedText(IElement element)
    {
        var text = new System.Text.StringBuilder();
        AppendSeparated(element, text);
        return text.ToString();
    }

    private static void AppendSeparated(INode node, System.Text.StringBuilder text)
    {
        foreach (INode child in node.ChildNodes)
        {
            if (child is IText run)
            {
                text.Append(run.Data);
            }
            else if (child is IElement element)
            {
                bool block = element.LocalName == "br" || BlockNames.Contains(element.LocalName);
                if (block)
                {
                    text.Append(' ');
                }

                AppendSeparated(element, text);
                if (block)
                {
                    text.Append(' ');
                }
            }
        }
    }

    private static readonly HashSet<string> BlockNames = new(BlockElements.Names, StringComparer.Ordinal);

    /// <summary>Whether a node is white space only: an empty text node or a line break.</summary>
    public static bool IsWhitespace(INode node) =>
        (node is IText text && string.IsNullOrWhiteSpace(text.Data)) || (node is IElement { LocalName: "br" });

    // The collapsed-length count of CollapsedLength, carried across text nodes in document order.
    private static void Accumulate(INode node, ref int length, ref bool space)
    {
        INodeList children = node.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            INode child = children[i];
            if (child is IText text)
            {
                AccumulateText(text.Data, ref length, ref space);
            }
            else if (child.HasChildNodes)
            {
                Accumulate(child, ref length, ref space);
            }
        }
    }

    // Accumulate, adding up the weighted length of each link on the way.
    private static void Accumulate(INode node, ref int length, ref bool space, ref double weightedLinks)
    {
        INodeList children = node.ChildNodes;
        for (int i = 0; i < children.Length; i++)
        {
            INode child = children[i];
            if (child is IText text)
            {
                AccumulateText(text.Data, ref length, ref space);
                continue;
            }

            if (child is IElement { LocalName: "a" } link)
            {
                weightedLinks += Length(link) * LinkDensity.Weight(link);
            }

            if (child.HasChildNodes)
            {
                Accumulate(child, ref length, ref space, ref weightedLinks);
            }
        }
    }

    private static void AccumulateText(string data, ref int length, ref bool space)
    {
        foreach (char c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            length += space ? 2 : 1;
            space = false;
        }
    }
}
