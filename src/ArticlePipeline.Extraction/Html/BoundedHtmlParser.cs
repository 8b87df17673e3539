using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Text;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Parses HTML with AngleSharp under <see cref="HtmlLimits"/>, checked while the tree is built: each element's depth
/// is counted up its parents, never further than the depth limit, so a page nesting 100,000 elements is stopped at
/// the first element past the limit, before the tree builder's own walks of its open-element stack grow with the square of the depth.
/// The total nesting bounds what every later walk over ancestors or subtrees can cost, the total sibling index what
/// walks over siblings can cost.
/// </summary>
internal static class BoundedHtmlParser
{
    /// <summary>Parses <paramref name="html"/>, or refuses it.</summary>
    /// <param name="html">The decoded page.</param>
    /// <param name="limits">Depth and element limits.</param>
    /// <param name="budget">Cancelled when the page's time budget is spent.</param>
    /// <param name="tooComplex">Why the page was refused, when it was.</param>
    /// <returns>The document, or <see langword="null"/> when a limit was passed.</returns>
    public static IHtmlDocument? Parse(string html, HtmlLimits limits, CancellationToken budget, out string? tooComplex)
    {
        var tracker = new Tracker(limits, budget);
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false, OnCreated = tracker.OnCreated });
        IHtmlDocument? document = null;
        try
        {
            document = parser.ParseDocument(html);
            tracker.Finish();
            tooComplex = null;
            return document;
        }
        catch (LimitPassedException ex)
        {
            document?.Dispose();
            tooComplex = ex.Message;
            return null;
        }
    }

    /// <summary>Counts elements and measures the depth of each one as the tree builder inserts it.</summary>
    /// <remarks>
    /// No per-node table: hashing every node of the page for one took a tenth of the extraction's CPU. The depth is
    /// counted up the parents instead, which the total-nesting limit bounds (the walk costs what it adds to that
    /// total), and the sibling index comes from the chain of the last element measured, which the next one usually
    /// extends.
    /// </remarks>
    private sealed class Tracker(HtmlLimits limits, CancellationToken budget)
    {
        // The last element measured and its ancestors by depth (index 0 unused), with how many children of each were
        // measured so far.
        private readonly List<INode?> _chain = [null];
        private readonly List<int> _childCounts = [0];
        private IElement? _previous;
        private int _elements;
        private long _totalNesting;
        private long _totalSiblingIndex;

        /// <summary>
        /// Called as each element is created, before it is inserted: the element created before it is in the tree by
        /// now, so its depth is measured here.
        /// </summary>
        public void OnCreated(IElement element, TextPosition position)
        {
            if (budget.IsCancellationRequested)
            {
                throw new LimitPassedException($"not parsed within {limits.TimeBudget.TotalSeconds:0.###} s");
            }

            if (++_elements > limits.MaxElements)
            {
                throw new LimitPassedException($"more than {limits.MaxElements} elements");
            }

            if (_previous is not null)
            {
                Check(_previous);
            }

            _previous = element;
        }

        /// <summary>Measures the last element created.</summary>
        public void Finish()
        {
            if (_previous is not null)
            {
                Check(_previous);
            }
        }

        private void Check(IElement element)
        {
            int depth = DepthOf(element);
            if (depth > limits.MaxDepth)
            {
                throw new LimitPassedException($"elements nested more than {limits.MaxDepth} deep");
            }

            if ((_totalNesting += depth) > limits.MaxTotalNesting)
            {
                throw new LimitPassedException($"a total nesting (the sum of all elements' depths) over {limits.MaxTotalNesting}");
            }

            if (element.Parent is { } parent)
            {
                // Elements are appended as they are parsed: the element's index is the count of its elder siblings.
                int elder = ElderSiblings(element, parent, depth);
                if ((_totalSiblingIndex += elder) > limits.MaxTotalSiblingIndex)
                {
                    throw new LimitPassedException($"a total sibling index (the sum of all elements' positions among their siblings) over {limits.MaxTotalSiblingIndex}");
                }
            }

            while (_chain.Count > depth)
            {
                _chain.RemoveAt(_chain.Count - 1);
                _childCounts.RemoveAt(_childCounts.Count - 1);
            }

            while (_chain.Count < depth)
            {
                _chain.Add(null);
                _childCounts.Add(0);
            }

            _chain.Add(element);
            _childCounts.Add(0);
        }

        // Depths count elements: html is 1, body 2; a node outside the document counts from its own root. The walk
        // stops past the depth limit, which then refuses the page.
        private int DepthOf(INode node)
        {
            int depth = 0;
            for (INode? current = node; current is not null && current is not IDocument && depth <= limits.MaxDepth; current = current.Parent)
            {
                depth++;
            }

            return depth;
        }

        private int ElderSiblings(IElement element, INode parent, int depth)
        {
            if (depth >= 2 && depth - 1 < _chain.Count && ReferenceEquals(_chain[depth - 1], parent))
            {
                return _childCounts[depth - 1]++;
            }

            // The parent is not on the chain (the tree builder moved something): count the elder siblings in place.
            int elder = 0;
            for (IElement? sibling = element.PreviousElementSibling; sibling is not null; sibling = sibling.PreviousElementSibling)
            {
                elder++;
            }

            if (depth >= 2 && depth - 1 < _chain.Count)
            {
                _chain[depth - 1] = parent;
                _childCounts[depth - 1] = elder + 1;
            }

            return elder;
        }
    }

    /// <summary>Stops AngleSharp's parse from inside its element hook; never leaves this type.</summary>
    private sealed class LimitPassedException(string message) : Exception(message);
}
