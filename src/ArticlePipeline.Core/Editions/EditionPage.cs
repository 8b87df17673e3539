using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Editions;

/// <summary>A fetched and extracted page offered as one language of an original article.</summary>
/// <param name="Language">The language it was offered for (and was found to be in).</param>
/// <param name="Url">The URL it was read from.</param>
/// <param name="Origin">Publisher or mirror.</param>
/// <param name="Article">Its normalized extraction.</param>
/// <param name="FetchedAt">When it was fetched.</param>
internal sealed record EditionPage(string Language, Uri Url, LanguageOrigin Origin, ExtractedArticle Article, DateTimeOffset FetchedAt);
