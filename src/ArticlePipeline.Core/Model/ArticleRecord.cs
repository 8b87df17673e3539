using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>The normalized record of one article in five languages: what we write to disk.</summary>
/// <param name="Id">Stable id derived from the canonical URL.</param>
/// <param name="SchemaVersion">The record schema version.</param>
/// <param name="Revision">1 on first write, +1 whenever the content changes.</param>
/// <param name="Url">The canonical URL: the page's canonical link when it is on the page's own site, else the fetched URL.</param>
/// <param name="Source">The newspaper.</param>
/// <param name="Publisher">Publisher name from the page.</param>
/// <param name="PublishedAt">Publication time with offset.</param>
/// <param name="FetchedAt">When the page was fetched (or read from disk).</param>
/// <param name="Authors">Bylines.</param>
/// <param name="SourceLanguage">The language the article was published in.</param>
/// <param name="ContentHash">SHA-256 of the normalized source text (title, lead, blocks).</param>
/// <param name="Images">Images with captions.</param>
/// <param name="Tags">Tags.</param>
/// <param name="SourceLinks">URLs the page names as its origin: source lines, and a canonical link to another site (see <see cref="Pipeline.CanonicalPolicy"/>).</param>
/// <param name="Languages">One entry per record language (vi, uk, ru, ro, th).</param>
public sealed record ArticleRecord(
    string Id,
    int SchemaVersion,
    int Revision,
    string Url,
    SourceInfo Source,
    string? Publisher,
    DateTimeOffset? PublishedAt,
    DateTimeOffset FetchedAt,
    ImmutableArray<string> Authors,
    string SourceLanguage,
    string ContentHash,
    ImmutableArray<ArticleImage> Images,
    ImmutableArray<string> Tags,
    ImmutableArray<string> SourceLinks,
    ImmutableSortedDictionary<string, LanguageVersion> Languages)
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;
}
