namespace ArticlePipeline.Core.Model;

/// <summary>The result of extracting one page: an article, or the reason there is none.</summary>
/// <param name="Article">The article, when one was found.</param>
/// <param name="Reason">Why no article was found (e.g. <c>not-an-article</c>), when <paramref name="Article"/> is null.</param>
public sealed record ExtractionOutcome(ExtractedArticle? Article, string? Reason)
{
    /// <summary>What exactly was wrong, when there is more to say than <see cref="Reason"/> (e.g. which limit a page passed).</summary>
    public string? Detail { get; init; }

    /// <summary>An article was found.</summary>
    /// <param name="article">The article.</param>
    /// <returns>The outcome.</returns>
    public static ExtractionOutcome Found(ExtractedArticle article) => new(article, null);

    /// <summary>No article on the page.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The outcome.</returns>
    public static ExtractionOutcome NotFound(string reason) => new(null, reason);
}
