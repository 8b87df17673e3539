namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>One language column of the article page.</summary>
/// <param name="Code">The language.</param>
/// <param name="Status"><c>original</c>, <c>translated</c>, <c>pending</c> or <c>failed</c>.</param>
/// <param name="Origin">Where a translated language came from (<c>machine</c>, <c>publisher</c>, <c>mirror</c>), if recorded.</param>
/// <param name="Reason">Why it is pending or failed.</param>
/// <param name="Blocks">Its blocks.</param>
/// <param name="Aligned">Whether its blocks line up with the source's.</param>
/// <param name="Confidence">An edition's match confidence.</param>
internal sealed record ArticleLanguage(string Code, string Status, string? Origin, string? Reason, int Blocks, bool Aligned, double? Confidence);
