using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// One try at finding the article container with a given set of <see cref="ContentHeuristics"/>: it holds all the
/// state of the try (candidate scores, data tables, the byline it took out), and its phases live in partial files:
/// collecting the elements to score, scoring and choosing the candidate, widening it and joining its siblings, and
/// cleaning the result.
/// </summary>
internal sealed partial class ContentAttempt
{
    private readonly IElement _body;
    private readonly ContentHeuristics _heuristics;
    private readonly Dictionary<IElement, double> _scores = [];
    private readonly HashSet<IElement> _dataTables = [];

    /// <summary>Starts an attempt on <paramref name="body"/>, which it rewrites.</summary>
    public ContentAttempt(IElement body, ContentHeuristics heuristics)
    {
        _body = body;
        _heuristics = heuristics;
    }

    /// <summary>The text of the byline element this attempt took out of the body (<c>rel=author</c>, a byline class), if any.</summary>
    public string? Byline { get; private set; }

    /// <summary>Runs the phases and returns the container, inside the document.</summary>
    public IElement Grab()
    {
        List<IElement> toScore = CollectElementsToScore();
        List<IElement> candidates = ScoreElements(toScore);
        IElement? top = PickTopCandidate(candidates, out List<IElement> others);
        if (top is null || top == _body)
        {
            // No candidate: everything in the body is the article.
            IDocument document = _body.Owner!;
            IElement wrapper = document.CreateElement("div");
            while (_body.FirstChild is { } child)
            {
                wrapper.AppendChild(child);
            }

            _body.AppendChild(wrapper);
            InitializeScore(wrapper);
            top = wrapper;
        }
        else
        {
            top = Widen(top, others);
        }

        IElement container = JoinSiblings(top);
        PrepareArticle(container);
        return container;
    }

    private void InitializeScore(IElement element)
    {
        double score = element.LocalName switch
        {
            "div" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        _scores[element] = score + ClassWeight(element);
    }

    private int ClassWeight(IElement element)
    {
        if (!_heuristics.HasFlag(ContentHeuristics.WeightClasses))
        {
            return 0;
        }

        int weight = 0;
        foreach (string? name in new[] { element.ClassName, element.Id })
        {
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            string lower = name.ToLowerInvariant();
            if (DomPatterns.IsNegativeWeight(lower))
            {
                weight -= 25;
            }

            if (DomPatterns.IsPositiveWeight(lower))
            {
                weight += 25;
            }
        }

        return weight;
    }
}
