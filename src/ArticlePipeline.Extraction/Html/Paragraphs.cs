using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>Rewrites that make paragraphs out of divs: runs of inline content and divs without block children.</summary>
internal static class Paragraphs
{
    private static readonly HashSet<string> DivToParagraphTags = new(StringComparer.Ordinal)
    {
        "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul",
    };

    private static readonly HashSet<string> PhrasingTags = new(StringComparer.Ordinal)
    {
        "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em", "embed", "i",
        "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object", "output", "progress", "q",
        "ruby", "samp", "script", "select", "small", "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr",
        "font", "u", "s", "strike", "tt", "big",
    };

    /// <summary>Whether <paramref name="element"/>'s only content is one child named <paramref name="tag"/>.</summary>
    public static bool HasSingleChild(IElement element, string tag)
    {
        if (element.ChildElementCount != 1 || element.Children[0].LocalName != tag)
        {
            return false;
        }

        return !element.ChildNodes.Any(n => n is IText t && !string.IsNullOrWhiteSpace(t.Data));
    }

    /// <summary>Whether a descendant of <paramref name="element"/> is a block a div would not become a paragraph around.</summary>
    public static bool HasChildBlock(IElement element)
    {
        foreach (IElement child in element.Children)
        {
            if (DivToParagraphTags.Contains(child.LocalName) || HasChildBlock(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Wraps the runs of inline content directly inside a div in paragraphs, so they are scored like paragraphs.</summary>
    public static void WrapPhrasingRuns(IElement div)
    {
        IElement? paragraph = null;
        INode? child = div.FirstChild;
        while (child is not null)
        {
            INode? next = child.NextSibling;
            if (IsPhrasing(child))
            {
                if (paragraph is not null)
                {
                    paragraph.AppendChild(child);
                }
                else if (!DomText.IsWhitespace(child))
                {
                    paragraph = div.Owner!.CreateElement("p");
                    div.ReplaceChild(paragraph, child);
                    paragraph.AppendChild(child);
                }
            }
            else if (paragraph is not null)
            {
                TrimTrailingWhitespace(paragraph);
                paragraph = null;
            }

            child = next;
        }

        if (paragraph is not null)
        {
            TrimTrailingWhitespace(paragraph);
        }
    }

    /// <summary>Replaces <paramref name="element"/> by an element named <paramref name="tag"/> with its attributes and children.</summary>
    public static IElement Retag(IElement element, string tag)
    {
        IElement replacement = element.Owner!.CreateElement(tag);
        foreach (IAttr attribute in element.Attributes)
        {
            try
            {
                replacement.SetAttribute(attribute.Name, attribute.Value);
            }
            catch (DomException)
            {
                // An attribute name the DOM API refuses (the parser is more lenient); it carries no text.
            }
        }

        while (element.FirstChild is { } child)
        {
            replacement.AppendChild(child);
        }

        element.Parent?.ReplaceChild(replacement, element);
        return replacement;
    }

    private static bool IsPhrasing(INode node)
    {
        if (node is IText)
        {
            return true;
        }

        if (node is not IElement element)
        {
            return false;
        }

        return PhrasingTags.Contains(element.LocalName) ||
            (element.LocalName is "a" or "del" or "ins" && element.ChildNodes.All(IsPhrasing));
    }

    private static void TrimTrailingWhitespace(IElement element)
    {
        while (element.LastChild is { } last && DomText.IsWhitespace(last))
        {
            element.RemoveChild(last);
        }
    }
}
