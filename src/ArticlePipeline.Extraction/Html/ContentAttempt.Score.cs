using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>The second phase: paragraphs pass their score up to their ancestors, and the best candidates are ranked.</summary>
internal sealed partial class ContentAttempt
{
    private const int TopCandidates = 5;

    private List<IElement> ScoreElements(List<IElement> toScore)
    {
        var candidates = new List<IElement>();
        foreach (IElement element in toScore)
        {
            if (element.ParentElement is null)
            {
                continue;
            }

            string text = element.TextContent;
            int length = DomText.CollapsedLength(text);
            if (length < 25)
            {
                continue;
            }

            double score = 1 + CountCommas(text) + 1 + Math.Min(length / 100, 3);
            IElement? ancestor = element.ParentElement;
            for (int level = 0; ancestor is not null && level < 5; level++, ancestor = ancestor.ParentElement)
            {
                if (ancestor.ParentElement is null)
                {
                    break;
                }

                if (!_scores.ContainsKey(ancestor))
                {
                    InitializeScore(ancestor);
                    candidates.Add(ancestor);
                }

                double divider = level switch { 0 => 1, 1 => 2, _ => level * 3 };
                _scores[ancestor] += score / divider;
            }
        }

        return candidates;
    }

    private IElement? PickTopCandidate(List<IElement> candidates, out List<IElement> others)
    {
        var top = new List<IElement>(TopCandidates + 1);
        foreach (IElement candidate in candidates)
        {
            double score = _scores[candidate] * (1 - LinkDensity.Of(candidate, LinkDensityMeasure.Scoring));
            _scores[candidate] = score;
            int index = top.FindIndex(t => score > _scores[t]);
            if (index < 0)
            {
                if (top.Count < TopCandidates)
                {
                    top.Add(candidate);
                }
            }
            else
            {
                top.Insert(index, candidate);
                if (top.Count > TopCandidates)
                {
                    top.RemoveAt(top.Count - 1);
                }
            }
        }

        others = top.Skip(1).ToList();
        return top.Count == 0 ? null : top[0];
    }

    private static int CountCommas(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (c is ',' or '\u060C' or '\uFE50' or '\uFE10' or '\uFE11' or '\u2E41' or '\u2E34' or '\u2E32' or '\uFF0C' or '、')
            {
                count++;
            }
        }

        return count;
    }
}
