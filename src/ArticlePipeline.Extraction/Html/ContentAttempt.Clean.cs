using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>The last phase: the chosen container is cleaned, after Readability's <c>prepArticle</c>.</summary>
internal sealed partial class ContentAttempt
{
    private static readonly HashSet<string> HeadingTags = new(StringComparer.Ordinal) { "h1", "h2", "h3", "h4", "h5", "h6" };

    private static readonly HashSet<string> TextishTags = new(StringComparer.Ordinal)
    {
        "span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul",
    };

    private void PrepareArticle(IElement container)
    {
        MarkDataTables(container);
        CleanConditionally(container, "form");
        CleanConditionally(container, "fieldset");
        RemoveAll(container, "object", "embed", "footer", "link", "aside");

        // Share bars and the like: small boxes whose class or id says "share".
        foreach (IElement child in container.Children.ToArray())
        {
            foreach (IElement element in child.QueryAll("*").Prepend(child).Reverse().ToArray())
            {
                if (DomPatterns.IsShareElement(DomPatterns.Signature(element)) && DomText.Length(element) < ContentFinder.CharThreshold && element != container)
                {
                    element.Remove();
                }
            }
        }

        RemoveAll(container, "iframe", "input", "textarea", "select", "button");
        foreach (IElement heading in container.QueryAll("h1, h2").ToArray())
        {
            if (ClassWeight(heading) < 0)
            {
                heading.Remove();
            }
        }

        CleanConditionally(container, "table");
        CleanConditionally(container, "ul");
        CleanConditionally(container, "div");

        // Paragraphs with neither text nor media.
        foreach (IElement paragraph in container.GetElementsByTagName("p").ToArray())
        {
            if (paragraph.QueryFirst("img, embed, object, iframe, video, picture") is null && string.IsNullOrWhiteSpace(paragraph.TextContent))
            {
                paragraph.Remove();
            }
        }
    }

    private static void RemoveAll(IElement container, params string[] tags)
    {
        foreach (IElement element in container.QueryAll(string.Join(", ", tags)).ToArray())
        {
            element.Remove();
        }
    }

    private void MarkDataTables(IElement container)
    {
        foreach (IElement table in container.GetElementsByTagName("table"))
        {
            if (IsDataTable(table))
            {
                _dataTables.Add(table);
            }
        }
    }

    private static bool IsDataTable(IElement table)
    {
        if (table.GetAttribute("role") == "presentation" || table.GetAttribute("datatable") == "0")
        {
            return false;
        }

        if (table.HasAttribute("summary") || table.QueryFirst("caption")?.ChildNodes.Length > 0)
        {
            return true;
        }

        if (table.QueryFirst("col, colgroup, tfoot, thead, th") is not null)
        {
            return true;
        }

        if (table.QueryFirst("table") is not null)
        {
            return false;
        }

        IElement[] rows = [.. table.QueryAll("tr")];
        int columns = rows.Length == 0 ? 0 : rows.Max(r => r.Children.Count(c => c.LocalName is "td" or "th"));
        return rows.Length >= 10 || columns > 4 || rows.Length * columns > 10;
    }

    private void CleanConditionally(IElement container, string tag)
    {
        if (!_heuristics.HasFlag(ContentHeuristics.CleanConditionally))
        {
            return;
        }

        // Innermost first, so a box is judged after its inner boxes are gone.
        foreach (IElement node in container.GetElementsByTagName(tag).Reverse().ToArray())
        {
            if (node.ParentElement is null || !container.Contains(node))
            {
                continue;
            }

            if (ShouldRemove(node, tag))
            {
                node.Remove();
            }
        }
    }

    private bool ShouldRemove(IElement node, string tag)
    {
        bool isList = tag is "ul" or "ol";
        int contentLength = DomText.Length(node);
        if (!isList && contentLength > 0)
        {
            int listLength = node.QueryAll("ul, ol").Sum(DomText.Length);
            isList = (double)listLength / contentLength > 0.9;
        }

        if (tag == "table" && _dataTables.Contains(node))
        {
            return false;
        }

        if (DomText.HasAncestor(node, "table", 0, _dataTables.Contains) || DomText.HasAncestor(node, "code", 3))
        {
            return false;
        }

        if (node.GetElementsByTagName("table").Any(_dataTables.Contains))
        {
            return false;
        }

        int weight = ClassWeight(node);
        if (weight < 0)
        {
            return true;
        }

        if (DomText.Count(node, ',') >= 10)
        {
            return false;
        }

        int p = node.GetElementsByTagName("p").Length;
        int img = node.GetElementsByTagName("img").Length;
        int li = node.GetElementsByTagName("li").Length - 100;
        int input = node.GetElementsByTagName("input").Length;
        double headingDensity = DomText.Density(node, HeadingTags);
        int embeds = node.QueryAll("object, embed, iframe").Length;
        if (contentLength <= 40 && DomPatterns.IsAdOrLoadingWords(Normalization.TextNormalizer.Normalize(node.TextContent)))
        {
            return true;
        }

        double linkDensity = LinkDensity.Of(node, LinkDensityMeasure.Scoring);
        double textDensity = DomText.Density(node, TextishTags);
        bool inFigure = DomText.HasAncestor(node, "figure", 3);

        bool remove =
            (!inFigure && img > 1 && (double)p / img < 0.5) ||
            (!isList && li > p) ||
            input > p / 3 ||
            (!isList && !inFigure && headingDensity < 0.9 && contentLength < 25 && (img == 0 || img > 2) && linkDensity > 0) ||
            (!isList && weight < 25 && linkDensity > 0.2) ||
            (weight >= 25 && linkDensity > 0.5) ||
            (embeds == 1 && contentLength < 75) || embeds > 1 ||
            (img == 0 && textDensity == 0);

        // A list of images (a gallery) stays.
        if (isList && remove && node.Children.All(c => c.ChildElementCount <= 1) && img == node.GetElementsByTagName("li").Length)
        {
            return false;
        }

        return remove;
    }
}
