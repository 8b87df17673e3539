using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>The third phase: the best candidate is widened when the text is spread out and joined by its good siblings.</summary>
internal sealed partial class ContentAttempt
{
    private IElement Widen(IElement top, List<IElement> others)
    {
        // Several good candidates with a common ancestor: the text is split over them (one div per paragraph).
        double topScore = _scores[top];
        List<HashSet<IElement>> alternatives = others
            .Where(o => _scores[o] / topScore >= 0.75)
            .Select(o => Ancestors(o).ToHashSet())
            .ToList();
        const int minimumTopCandidates = 3;
        if (alternatives.Count >= minimumTopCandidates)
        {
            for (IElement? parent = top.ParentElement; parent is not null && parent != _body; parent = parent.ParentElement)
            {
                if (alternatives.Count(a => a.Contains(parent)) >= minimumTopCandidates)
                {
                    top = parent;
                    break;
                }
            }
        }

        if (!_scores.ContainsKey(top))
        {
            InitializeScore(top);
        }

        // A parent that scores better than its best child holds more of the article.
        double lastScore = _scores[top];
        double threshold = lastScore / 3;
        for (IElement? parent = top.ParentElement; parent is not null && parent != _body; parent = parent.ParentElement)
        {
            if (!_scores.TryGetValue(parent, out double parentScore))
            {
                continue;
            }

            if (parentScore < threshold)
            {
                break;
            }

            if (parentScore > lastScore)
            {
                top = parent;
                break;
            }

            lastScore = parentScore;
        }

        // An only child says nothing its parent does not.
        for (IElement? parent = top.ParentElement; parent is not null && parent != _body && parent.ChildElementCount == 1; parent = top.ParentElement)
        {
            top = parent;
        }

        if (!_scores.ContainsKey(top))
        {
            InitializeScore(top);
        }

        return top;
    }

    private IElement JoinSiblings(IElement top)
    {
        IDocument document = _body.Owner!;
        IElement container = document.CreateElement("div");
        container.SetAttribute("data-article-container", "true");
        IElement parent = top.ParentElement!;
        double topScore = _scores[top];
        double threshold = Math.Max(10, topScore * 0.2);
        string topClass = top.ClassName ?? string.Empty;
        IElement[] siblings = [.. parent.Children];
        parent.InsertBefore(container, top);
        foreach (IElement sibling in siblings)
        {
            bool append = sibling == top;
            if (!append)
            {
                double bonus = topClass.Length > 0 && sibling.ClassName == topClass ? topScore * 0.2 : 0;
                if (_scores.TryGetValue(sibling, out double score) && score + bonus >= threshold)
                {
                    append = true;
                }
                else if (sibling.LocalName == "p")
                {
                    double linkDensity = LinkDensity.Of(sibling, LinkDensityMeasure.Scoring);
                    string text = Normalization.TextNormalizer.Normalize(sibling.TextContent);
                    append = (text.Length > 80 && linkDensity < 0.25) ||
                        (text.Length is > 0 and < 80 && linkDensity == 0 && SentenceEnd().IsMatch(text));
                }
            }

            if (append)
            {
                container.AppendChild(sibling);
            }
        }

        return container;
    }

    private static IEnumerable<IElement> Ancestors(IElement element)
    {
        for (IElement? parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            yield return parent;
        }
    }

    [GeneratedRegex(@"\.( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
