namespace ArticlePipeline.Extraction.Html;

/// <summary>Which class and id names mark a byline element.</summary>
internal enum BylineVocabulary
{
    /// <summary>
    /// Readability's narrow list (<c>byline</c>, <c>author</c>, <c>dateline</c>, <c>writtenby</c>): the content finder
    /// takes such an element out of the text, so it must not catch signature boxes whose names end the article.
    /// </summary>
    Readability,

    /// <summary>
    /// The news list (<c>author</c>, <c>byline</c>, <c>tac-gia</c>, <c>writer</c>, <c>reporter</c>, <c>signature</c>,
    /// <c>nguon</c>): only read, as the byline near the title or a hint that a short line is a name.
    /// </summary>
    News,
}
