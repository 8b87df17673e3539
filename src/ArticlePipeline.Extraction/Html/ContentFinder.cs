using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Finds the element holding the article body by content scoring, after Mozilla Readability's <c>grabArticle</c>:
/// unlikely boilerplate is removed by class, id and role; text runs become paragraphs; each paragraph scores by its
/// length and commas and passes its score up to five ancestors; class names and link density adjust the scores;
/// the best candidate is widened to a common ancestor or parent when the text is spread out, joined by the siblings
/// that score well; and the result is cleaned of forms, share bars and link-heavy or image-heavy boxes.
/// When that leaves too little text the page is tried again with fewer heuristics, keeping the longest result.
/// </summary>
/// <remarks>Mutates the document it is given, like Readability does.</remarks>
internal sealed partial class ContentFinder
{
    /// <summary>Text length below which an attempt is retried with fewer heuristics.</summary>
    private const int CharThreshold = 500;

    private const int TopCandidates = 5;

    private static readonly HashSet<string> TagsToScore = new(StringComparer.Ordinal) { "section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre" };

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

    private static readonly HashSet<string> UnlikelyRoles = new(StringComparer.Ordinal)
    {
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    };

    private readonly IElement _body;
    private readonly Dictionary<IElement, double> _scores = [];
    private Flags _flags = Flags.StripUnlikely | Flags.WeightClasses | Flags.CleanConditionally;

    private ContentFinder(IElement body) => _body = body;

    [Flags]
    private enum Flags
    {
        None = 0,
        StripUnlikely = 1,
        WeightClasses = 2,
        CleanConditionally = 4,
    }

    /// <summary>The byline element's text, when the page marks one (<c>rel=author</c>, <c>itemprop=author</c>, a byline class).</summary>
    public string? Byline { get; private set; }

    /// <summary>Finds the article container in <paramref name="body"/>, which it rewrites.</summary>
    /// <param name="body">The page body (boilerplate that is never text already removed).</param>
    /// <returns>The finder, whose <see cref="Container"/> is the container in the document, or null when the page has no text.</returns>
    public static ContentFinder Find(IElement body)
    {
        var finder = new ContentFinder(body);
        finder.Run();
        return finder;
    }

    /// <summary>The article container, inside the document; <see langword="null"/> when no text was found.</summary>
    public IElement? Container { get; private set; }

    private void Run()
    {
        IElement pristine = (IElement)_body.Clone(deep: true);
        Flags[] attempts =
        [
            Flags.StripUnlikely | Flags.WeightClasses | Flags.CleanConditionally,
            Flags.WeightClasses | Flags.CleanConditionally,
            Flags.CleanConditionally,
            Flags.None,
        ];
        int bestLength = -1;
        Flags best = attempts[0];
        for (int i = 0; i < attempts.Length; i++)
        {
            if (i > 0)
            {
                Restore(pristine);
            }

            _flags = attempts[i];
            IElement? container = Grab();
            int length = container is null ? 0 : DomText.Length(container);
            if (length >= CharThreshold)
            {
                Container = container;
                return;
            }

            if (length > bestLength)
            {
                bestLength = length;
                best = attempts[i];
            }
        }

        if (bestLength <= 0)
        {
            Container = null;
            return;
        }

        // All attempts were short: run the one that found the most text again (the others rewrote the page).
        Restore(pristine);
        _flags = best;
        Container = Grab();
    }

    private void Restore(IElement pristine)
    {
        _scores.Clear();
        Byline = null;
        while (_body.FirstChild is { } child)
        {
            _body.RemoveChild(child);
        }

        var copy = (IElement)pristine.Clone(deep: true);
        while (copy.FirstChild is { } child)
        {
            _body.AppendChild(child);
        }
    }

    private IElement? Grab()
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

    private List<IElement> CollectElementsToScore()
    {
        var toScore = new List<IElement>();
        IElement? node = _body;
        bool strip = _flags.HasFlag(Flags.StripUnlikely);
        while (node is not null)
        {
            IElement element = node;
            string tag = element.LocalName;
            if (element != _body && !DomText.IsProbablyVisible(element))
            {
                node = RemoveAndGetNext(element);
                continue;
            }

            if (element.GetAttribute("aria-modal") == "true" && element.GetAttribute("role") == "dialog")
            {
                node = RemoveAndGetNext(element);
                continue;
            }

            if (Byline is null && IsBylineElement(element))
            {
                string text = Normalization.TextNormalizer.Normalize(element.TextContent);
                if (text.Length is > 0 and < 100)
                {
                    Byline = text;
                    node = RemoveAndGetNext(element);
                    continue;
                }
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
                WrapPhrasingRuns(element);
                if (HasSingleChild(element, "p") && DomText.LinkDensity(element) < 0.25)
                {
                    IElement paragraph = element.Children[0];
                    element.Parent!.ReplaceChild(paragraph, element);
                    element = paragraph;
                    toScore.Add(element);
                }
                else if (!HasChildBlock(element))
                {
                    element = Retag(element, "p");
                    toScore.Add(element);
                }
            }

            node = Next(element, skipChildren: false);
        }

        return toScore;
    }

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
            double score = _scores[candidate] * (1 - DomText.LinkDensity(candidate));
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
                    double linkDensity = DomText.LinkDensity(sibling);
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
        if (!_flags.HasFlag(Flags.WeightClasses))
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

    private static bool IsBylineElement(IElement element)
    {
        string? rel = element.GetAttribute("rel");
        string? itemprop = element.GetAttribute("itemprop");
        return rel == "author" || (itemprop?.Contains("author", StringComparison.Ordinal) ?? false) ||
            DomPatterns.IsByline(DomPatterns.Signature(element));
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

    private static bool HasSingleChild(IElement element, string tag)
    {
        if (element.ChildElementCount != 1 || element.Children[0].LocalName != tag)
        {
            return false;
        }

        return !element.ChildNodes.Any(n => n is IText t && !string.IsNullOrWhiteSpace(t.Data));
    }

    private static bool HasChildBlock(IElement element)
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

    // Runs of inline content directly inside a div become paragraphs, so they are scored like paragraphs.
    private static void WrapPhrasingRuns(IElement div)
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

    private static void TrimTrailingWhitespace(IElement element)
    {
        while (element.LastChild is { } last && DomText.IsWhitespace(last))
        {
            element.RemoveChild(last);
        }
    }

    /// <summary>Replaces <paramref name="element"/> by an element named <paramref name="tag"/> with its attributes and children.</summary>
    internal static IElement Retag(IElement element, string tag)
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

    private static IEnumerable<IElement> Ancestors(IElement element)
    {
        for (IElement? parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            yield return parent;
        }
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

    [GeneratedRegex(@"\.( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
