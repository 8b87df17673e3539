using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Text;

namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// Parses HTML with AngleSharp under <see cref="HtmlLimits"/>, checked while the tree is built: each element's depth
/// is known in constant time from its parent's, so a page nesting 100,000 elements is stopped at the first element
/// past the limit, before the tree builder's own walks of its open-element stack grow with the square of the depth.
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
    private sealed class Tracker(HtmlLimits limits, CancellationToken budget)
    {
        private readonly Dictionary<INode, int> _depths = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<INode, int> _children = new(ReferenceEqualityComparer.Instance);
        private readonly List<INode> _chain = [];
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
            else if (element.Owner is { } document)
            {
                // Depths count elements: html is 1, body 2.
                _depths[document] = 0;
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
                _children.TryGetValue(parent, out int elder);
                _children[parent] = elder + 1;
                if ((_totalSiblingIndex += elder) > limits.MaxTotalSiblingIndex)
                {
                    throw new LimitPassedException($"a total sibling index (the sum of all elements' positions among their siblings) over {limits.MaxTotalSiblingIndex}");
                }
            }
        }

        // Walks up to the nearest node measured before (usually the parent), then records every node on the way, so
        // each node is walked once: linear in all.
        private int DepthOf(INode node)
        {
            _chain.Clear();
            int depth = 0;
            for (INode? current = node; current is not null; current = current.Parent)
            {
                if (_depths.TryGetValue(current, out depth))
                {
                    break;
                }

                _chain.Add(current);
            }

            for (int i = _chain.Count - 1; i >= 0; i--)
            {
                _depths[_chain[i]] = ++depth;
            }

            return depth;
        }
    }

    /// <summary>Stops AngleSharp's parse from inside its element hook; never leaves this type.</summary>
    private sealed class LimitPassedException(string message) : Exception(message);
}
