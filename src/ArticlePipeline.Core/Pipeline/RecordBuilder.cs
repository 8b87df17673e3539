using System.Collections.Immutable;
using System.Text;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Builds the record of a normalized article. Pure: no clock, no I/O.</summary>
public static class RecordBuilder
{
    /// <summary>The language content of the article as extracted.</summary>
    /// <param name="article">The normalized article.</param>
    /// <returns>Its title, lead and blocks.</returns>
    public static LanguageContent OriginalContent(ExtractedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new LanguageContent(article.Title, article.Lead, article.Blocks);
    }

    /// <summary>The content hash of an article: title, lead and typed blocks, after normalization.</summary>
    /// <param name="content">The source-language content.</param>
    /// <returns>A <c>sha256:</c> hash.</returns>
    public static string ContentHash(LanguageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder();
        text.Append("title\t").Append(content.Title).Append('\n');
        text.Append("lead\t").Append(content.Lead).Append('\n');
        foreach (ContentBlock block in content.Blocks)
        {
            text.Append(block.Kind).Append('\t').Append(block.Text).Append('\n');
        }

        return ArticleIds.Hash(text.ToString());
    }

    /// <summary>Builds the record with revision 0; the sink assigns the real revision.</summary>
    /// <param name="article">The normalized article; its <see cref="ExtractedArticle.Language"/> is set.</param>
    /// <param name="pageUrl">The URL the page was read from, used when the page names no canonical URL or one on another site.</param>
    /// <param name="source">The newspaper.</param>
    /// <param name="fetchedAt">When the page was fetched.</param>
    /// <param name="otherLanguages">Entries for the languages other than the source language.</param>
    /// <param name="definition">The configured source, if any: its hosts may be named by canonical links, and its
    /// <c>stripParameters</c> apply to the record URL.</param>
    /// <param name="capture">Where the fetched response is kept, if it was.</param>
    /// <returns>The record: the original under its language, whatever that is, plus <paramref name="otherLanguages"/>.</returns>
    /// <remarks>
    /// Every path that writes a record (crawl, rerun, cluster work items, extract) comes through here, so this is where
    /// the <see cref="CanonicalPolicy"/> decides the record id: a canonical link to another site's URL is kept in
    /// <see cref="ArticleRecord.SourceLinks"/> (the page names it as its original) and never becomes the id.
    /// </remarks>
    public static ArticleRecord Build(
        ExtractedArticle article,
        Uri pageUrl,
        SourceInfo source,
        DateTimeOffset fetchedAt,
        IReadOnlyDictionary<string, LanguageVersion> otherLanguages,
        SourceDefinition? definition = null,
        PageCapture? capture = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(otherLanguages);
        CanonicalChoice choice = CanonicalPolicy.Choose(pageUrl, article.CanonicalUrl, definition);
        Uri canonical = UrlCanonicalizer.Canonicalize(choice.Identity, TrailingSlashPolicy.Keep, CrawlFrontier.StripParametersOf(definition));
        ImmutableArray<string> sourceLinks = choice.Foreign is { } foreign && !article.SourceLinks.Contains(foreign.AbsoluteUri)
            ? article.SourceLinks.Add(foreign.AbsoluteUri)
            : article.SourceLinks;
        string language = article.Language ?? Languages.Vietnamese;
        LanguageContent original = OriginalContent(article);

        var languages = ImmutableSortedDictionary.CreateBuilder<string, LanguageVersion>(Languages.RecordOrder);
        foreach ((string code, LanguageVersion version) in otherLanguages)
        {
            languages[code] = version;
        }

        languages[language] = new LanguageVersion(
            TranslationStatus.Original,
            original,
            new Provenance(article.Extractor, article.Profile, null, [], fetchedAt),
            null);

        return new ArticleRecord(
            Id: ArticleIds.FromUrl(canonical),
            SchemaVersion: ArticleRecord.CurrentSchemaVersion,
            Revision: 0,
            Url: canonical.AbsoluteUri,
            FetchedUrl: pageUrl.AbsoluteUri,
            Source: source,
            Publisher: article.Publisher,
            PublishedAt: article.PublishedAt,
            FetchedAt: fetchedAt,
            Authors: article.Authors,
            Credits: article.Credits.IsDefault ? [] : article.Credits,
            SourceLanguage: language,
            ContentHash: ContentHash(original),
            Images: article.Images,
            Tags: article.Tags,
            SourceLinks: sourceLinks,
            Languages: languages.ToImmutable(),
            Capture: capture);
    }

    /// <summary>The record languages an article in <paramref name="sourceLanguage"/> lacks: all five for a source outside them.</summary>
    /// <param name="sourceLanguage">The article's language.</param>
    /// <returns>The missing record languages, in record order.</returns>
    public static ImmutableArray<string> MissingLanguages(string sourceLanguage) =>
        Languages.Record.Where(l => l != sourceLanguage).ToImmutableArray();
}
