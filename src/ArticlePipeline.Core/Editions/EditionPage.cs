using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Editions;

/// <summary>A fetched and extracted page offered as one language of an original article.</summary>
/// <param name="Language">The language it was offered for (and was found to be in).</param>
/// <param name="Url">The URL it was read from.</param>
/// <param name="Origin">Publisher or mirror.</param>
/// <param name="Article">Its normalized extraction.</param>
/// <param name="FetchedAt">When it was fetched.</param>
internal sealed record EditionPage(string Language, Uri Url, LanguageOrigin Origin, ExtractedArticle Article, DateTimeOffset FetchedAt)
{
    /// <summary>Whether <paramref name="entry"/> is this page as a record stores it: same origin, same page, same text.</summary>
    /// <param name="entry">A record's language entry.</param>
    /// <returns><see langword="true"/> when taking this page again would change nothing.</returns>
    public bool IsStoredAs(LanguageVersion? entry) =>
        entry is { IsEdition: true, Content: { } content } && entry.Origin == Origin && entry.OriginUrl == Url.AbsoluteUri &&
        content.Title == Article.Title && content.Lead == Article.Lead && content.Blocks.SequenceEqual(Article.Blocks);
}
