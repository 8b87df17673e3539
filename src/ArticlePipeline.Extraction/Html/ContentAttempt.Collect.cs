using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>The first phase: walk the body, remove what is never the article, and list the elements to score.</summary>
internal sealed partial class ContentAttempt
{
    private static readonly HashSet<string> TagsToScore = new(StringComparer.Ordinal) { "section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre" };

    private static readonly HashSet<string> UnlikelyRoles = new(StringComparer.Ordinal)
    {
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    };

    private List<IElement> CollectElementsToScore()
    {
        var toScore = new List<IElement>();
        IElement? node = _body;
        bool strip = _heuristics.HasFlag(ContentHeuristics.StripUnlikely);
        while (node is not null)
        {
            IElement element = node;
            string tag = element.LocalName;
            if (element != _body && !Visibility.IsProbablyVisible(element))
            {
                node = RemoveAndGetNext(element);
                continue;
            }

            if (element.GetAttribute("aria-modal") == "true" && element.GetAttribute("role") == "dialog")
            {
                node = RemoveAndGetNext(element);
                continue;
            }

            // Asked here, in walk order, so the byline is the first one outside the boxes this walk removes.
            if (TakeByline(element))
            {
                node = RemoveAndGetNext(element);
                continue;
            }

            if (strip && element != _body && tag != "a")
            {
                string signature = DomPatterns.Signature(element);
                if (DomPatterns.IsUnlikelyCandidate(signature) && !DomText.HasAncestor(element, "table", 0) && !DomText.HasAncestor(element, "code", 0))
                {
                    node = RemoveAndGetNext(element);
                    continue;
                }

                if (element.GetAttribute("role") is { } role && UnlikelyRoles.Contains(role))
                {
                    node = RemoveAndGetNext(element);
                    continue;
                }
            }

            if (tag is "div" or "section" or "header" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" && IsWithoutContent(element))
            {
                node = RemoveAndGetNext(element);
                continue;
            }

            if (TagsToScore.Contains(tag))
            {
                toScore.Add(element);
            }

            if (tag == "div")
            {
                Paragraphs.WrapPhrasingRuns(element);
                if (Paragraphs.HasSingleChild(element, "p") && LinkDensity.Of(element, LinkDensityMeasure.Scoring) < 0.25)
                {
                    IElement paragraph = element.Children[0];
                    element.Parent!.ReplaceChild(paragraph, element);
                    element = paragraph;
                    toScore.Add(element);
                }
                else if (!Paragraphs.HasChildBlock(element))
                {
                    element = Paragraphs.Retag(element, "p");
                    toScore.Add(element);
                }
            }

            node = Next(element, skipChildren: false);
        }

        return toScore;
    }

    // The first short byline element of the page is kept as the byline and taken out of the text.
    private bool TakeByline(IElement element)
    {
        if (Byline is not null || !Bylines.IsMarked(element, BylineVocabulary.Readability))
        {
            return false;
        }

        string text = Normalization.TextNormalizer.Normalize(element.TextContent);
        if (text.Length is > 0 and < 100)
        {
            Byline = text;
            return true;
        }

        return false;
    }

    private static bool IsWithoutContent(IElement element)
    {
        if (DomText.HasText(element))
        {
            return false;
        }

        int children = element.ChildElementCount;
        return children == 0 || children == element.Children.Count(c => c.LocalName is "br" or "hr");
    }

    private IElement? RemoveAndGetNext(IElement element)
    {
        IElement? next = Next(element, skipChildren: true);
        element.Remove();
        return next;
    }

    // Depth-first document order over the elements within the body.
    private IElement? Next(IElement element, bool skipChildren)
    {
        if (!skipChildren && element.FirstElementChild is { } first)
        {
            return first;
        }

        for (IElement? current = element; current is not null && current != _body; current = current.ParentElement)
        {
            if (current.NextElementSibling is { } sibling)
            {
                return sibling;
            }
        }

        return null;
    }
}
