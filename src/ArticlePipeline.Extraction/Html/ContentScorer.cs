using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Finds the element that holds the article body by content scoring: each paragraph-like element scores by its
/// length and commas and passes its score to its ancestors; class names, link density and position adjust it.
/// </summary>
internal static class ContentScorer
{
    private static readonly string[] ParagraphTags = ["p", "pre", "td", "blockquote", "li", "h2", "h3"];

    /// <summary>The best body container under <paramref name="root"/>, or <see langword="null"/> when no text is found.</summary>
    public static IElement? FindContainer(IElement root)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (IElement element in root.QuerySelectorAll("*"))
        {
            if (!IsParagraphLike(element))
            {
                continue;
            }

            string text = element.TextContent;
            int length = CountNonSpace(text);
            if (length < 25)
            {
                continue;
            }

            double score = 1 + CountCommas(text) + Math.Min(length / 100.0, 3);
            IElement? ancestor = element.ParentElement;
            for (int level = 0; ancestor is not null && level < 4; level++, ancestor = ancestor.ParentElement)
            {
                if (!scores.ContainsKey(ancestor))
                {
                    scores[ancestor] = InitialScore(ancestor);
                }

                scores[ancestor] += level switch
                {
                    0 => score,
                    1 => score / 2,
                    _ => score / (level * 3),
                };
            }
        }

        IElement? best = null;
        double bestScore = 0;
        foreach ((IElement candidate, double raw) in scores)
        {
            double score = raw * (1 - LinkDensity(candidate));
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best is null ? null : Widen(best, scores);
    }

    /// <summary>The share of an element's text that sits inside links.</summary>
    public static double LinkDensity(IElement element)
    {
        int total = CountNonSpace(element.TextContent);
        if (total == 0)
        {
            return 0;
        }

        int linked = element.QuerySelectorAll("a").Sum(a => CountNonSpace(a.TextContent));
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

    // When the body is split over sibling containers (a lead box and a content box, or paragraphs wrapped one per
    // div), the parent that holds most of the best score is the better container, as long as it is not mostly links.
    private static IElement Widen(IElement best, Dictionary<IElement, double> scores)
    {
        if (best.LocalName is "p" or "td" or "li" && best.ParentElement is not null)
        {
            best = best.ParentElement;
        }

        IElement? parent = best.ParentElement;
        if (parent is not null && parent.LocalName != "body" && scores.TryGetValue(parent, out double parentScore) &&
            scores.TryGetValue(best, out double bestScore) && parentScore > bestScore * 1.35 && LinkDensity(parent) < 0.25)
        {
            return parent;
        }

        return best;
    }

    private static bool IsParagraphLike(IElement element)
    {
        if (ParagraphTags.Contains(element.LocalName))
        {
            return true;
        }

        // A div holding text directly (pages that write paragraphs with <br><br>).
        return element.LocalName == "div" && element.ChildNodes.Any(n => n.NodeType == NodeType.Text && CountNonSpace(n.TextContent) >= 25);
    }

    private static double InitialScore(IElement element)
    {
        double score = element.LocalName switch
        {
            "article" => 10,
            "div" or "section" or "main" => 5,
            "pre" or "td" or "blockquote" => 3,
            "ol" or "ul" or "dl" or "form" or "li" => -3,
            "h1" or "h2" or "h3" or "h4" or "th" or "header" or "footer" or "aside" => -5,
            _ => 0,
        };
        if (DomPatterns.IsLikelyContent(element))
        {
            score += 25;
        }

        if (DomPatterns.IsNegative(element))
        {
            score -= 25;
        }

        return score;
    }

    private static int CountCommas(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (c is ',' or '，' or '、')
            {
                count++;
            }
        }

        return count;
    }
}
