using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>
/// The normalized record of one article: its original in whatever language it was published, and the five record
/// languages; what we write to disk (schema v2, <c>schema/article-record.v2.schema.json</c>).
/// </summary>
/// <param name="Id">Stable id derived from the canonical URL.</param>
/// <param name="SchemaVersion">The record schema version.</param>
/// <param name="Revision">1 on first write, +1 whenever the content changes.</param>
/// <param name="Url">The canonical URL: the page's canonical link when it is on the page's own site, else the fetched URL.</param>
/// <param name="FetchedUrl">The URL the page was read from: the one requested, after redirects (a <c>file:</c> URL for a saved page).</param>
/// <param name="Source">The newspaper.</param>
/// <param name="Publisher">Publisher name from the page.</param>
/// <param name="PublishedAt">Publication time with offset.</param>
/// <param name="FetchedAt">When the page was fetched (or read from disk).</param>
/// <param name="Authors">The people who wrote the article; never an agency, a source, a photographer or the site itself.</param>
/// <param name="Credits">Everything else the page credits: agencies, sources, photographers, translators.</param>
/// <param name="SourceLanguage">The language the article was published in (any ISO 639-1 code, or <c>und</c> when it could not be told).</param>
/// <param name="ContentHash">SHA-256 of the normalized source text (title, lead, blocks).</param>
/// <param name="Images">Images with captions and credits.</param>
/// <param name="Tags">Tags.</param>
/// <param name="SourceLinks">URLs the page names as its origin: source lines, and a canonical link to another site (see <see cref="Pipeline.CanonicalPolicy"/>).</param>
/// <param name="Languages">The source language's entry (status original) plus one per record language (vi, uk, ru, ro, th).</param>
/// <param name="Capture">Where the fetched response is kept (WARC), so the record can be re-extracted without the network; <see langword="null"/> for pages not captured.</param>
public sealed record ArticleRecord(
    string Id,
    int SchemaVersion,
    int Revision,
    string Url,
    string? FetchedUrl,
    SourceInfo Source,
    string? Publisher,
    DateTimeOffset? PublishedAt,
    DateTimeOffset FetchedAt,
    ImmutableArray<string> Authors,
    ImmutableArray<Credit> Credits,
    string SourceLanguage,
    string ContentHash,
    ImmutableArray<ArticleImage> Images,
    ImmutableArray<string> Tags,
    ImmutableArray<string> SourceLinks,
    ImmutableSortedDictionary<string, LanguageVersion> Languages,
    PageCapture? Capture)
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The first schema version, still read (and validated) and upgraded to the current one on rewrite or by <c>migrate</c>.</summary>
    public const int FirstSchemaVersion = 1;
}
