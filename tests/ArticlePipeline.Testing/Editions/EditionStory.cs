namespace ArticlePipeline.Testing.Editions;

/// <summary>The text of one article in one language, as a page of <see cref="EditionSites"/> shows it.</summary>
/// <param name="Language">The page's language (<c>vi</c>, <c>ru</c>, <c>uk</c>, <c>ro</c>, <c>th</c>).</param>
/// <param name="Title">The headline (the page's <c>h1</c>).</param>
/// <param name="Lead">The lead paragraph (sapo).</param>
/// <param name="Paragraphs">The body paragraphs in order, without the byline.</param>
/// <param name="Byline">The byline printed after the body: a name, or on the Thai mirror a mistranslated word.</param>
/// <param name="Published">When the page says it was published.</param>
/// <param name="Distinctive">A sentence of the body that only this page carries, for tests to look for.</param>
public sealed record EditionStory(
    string Language,
    string Title,
    string Lead,
    IReadOnlyList<string> Paragraphs,
    string Byline,
    DateTimeOffset Published,
    string Distinctive);
