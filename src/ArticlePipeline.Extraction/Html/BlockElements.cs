namespace ArticlePipeline.Extraction.Html;

/// <summary>The HTML elements that begin a new block of text: the block collector and the evaluation's text both break there.</summary>
internal static class BlockElements
{
    /// <summary>The block elements' local names.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "li", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table", "thead", "tbody", "tr",
        "td", "th", "pre", "hr", "center", "address",
    ];
}
