namespace ArticlePipeline.Extraction.Html;

/// <summary>
/// What one page may cost to parse and extract. A page over a limit is refused as <c>too-complex</c> instead of
/// holding the pass: HTML tree building and the extractor's ancestor and subtree walks cost up to elements × depth,
/// and sibling walks up to the square of the children of one element, so 100,000 nested elements (or 190,000 in one
/// element) would take minutes.
/// </summary>
/// <param name="MaxDepth">Deepest element nesting accepted.</param>
/// <param name="MaxElements">Most elements in one page.</param>
/// <param name="MaxTotalNesting">
/// Most total nesting: the sum of every element's depth, which is the work of walking each element's ancestors (the
/// tree builder) or each element's subtree (the content finder's text measures).
/// </param>
/// <param name="MaxTotalSiblingIndex">
/// Most total sibling index: the sum of every element's position among its parent's element children, which is the
/// work of walking siblings one by one (AngleSharp finds a node's next sibling by searching its parent's children).
/// </param>
/// <param name="TimeBudget">Longest time one page may take to parse and extract, checked while parsing and between passes.</param>
/// <param name="Clock">The clock of the time budget.</param>
internal sealed record HtmlLimits(int MaxDepth, int MaxElements, long MaxTotalNesting, long MaxTotalSiblingIndex, TimeSpan TimeBudget, TimeProvider Clock)
{
    /// <summary>
    /// The limits in force, far above real pages (1,062 measured: the news, Readability and trafilatura corpora): depth
    /// 256 (the deepest real page nests 42; AngleSharp, like Chromium, stops nesting at 512 but still pays for every
    /// level it is asked for), 200,000 elements (the largest holds
    /// 10,112), total nesting 1,500,000 (the largest is 148,089), total sibling index 50,000,000 (the largest is
    /// 6,894,034: one element with 3,711 children; 10,000 children in one element still pass) and 5 seconds (a page
    /// takes 20 ms on average).
    /// </summary>
    public static HtmlLimits Default { get; } = new(256, 200_000, 1_500_000, 50_000_000, TimeSpan.FromSeconds(5), TimeProvider.System);
}
