namespace ArticlePipeline.Core.Model;

/// <summary>The result of extracting one page: an article, or the reason there is none.</summary>
/// <param name="Article">The article, when one was found.</param>
/// <param name="Reason">Why no article was found (e.g. <c>not-an-article</c>), when <paramref name="Article"/> is null.</param>
public sealed record ExtractionOutcome(ExtractedArticle? Article, string? Reason)
{
    /// <summary>An article was found.</summary>
    /// <param name="article">The article.</param>
    /// <returns>The outcome.</returns>
    public static ExtractionOutcome Found(ExtractedArticle article) => new(article, null);

    /// <summary>No article on the page.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The outcome.</returns>
    public static ExtractionOutcome NotFound(string reason) => new(null, reason);
}
