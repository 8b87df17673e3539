using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>An article as extraction found it: the text in its source language plus metadata.</summary>
/// <param name="Title">The headline.</param>
/// <param name="Lead">The lead (sapo), if the page has one; never repeated in <paramref name="Blocks"/>.</param>
/// <param name="Blocks">The body blocks in reading order.</param>
/// <param name="Authors">The people who wrote the article, e.g. <c>Minh Đức</c>; agencies, sources and photographers are <see cref="Credits"/>.</param>
/// <param name="PublishedAt">Publication time with offset (Asia/Ho_Chi_Minh when the page gives none).</param>
/// <param name="Publisher">The publisher's name, e.g. <c>Báo An Giang</c>.</param>
/// <param name="CanonicalUrl">The page's canonical URL (from <c>link rel=canonical</c>, else the fetched URL).</param>
/// <param name="Images">Images of the article with their captions.</param>
/// <param name="Tags">Keywords and tags.</param>
/// <param name="SourceLinks">URLs named by source lines such as <c>Sursă: URL</c>.</param>
/// <param name="Language">The detected language code, or <see langword="null"/> before normalization.</param>
/// <param name="Extractor">Which extractor produced this: <c>profile</c>, <c>generic</c> or <c>plain-text</c>.</param>
/// <param name="Profile">The profile's name when <paramref name="Extractor"/> is <c>profile</c>.</param>
public sealed record ExtractedArticle(
    string Title,
    string? Lead,
    ImmutableArray<ContentBlock> Blocks,
    ImmutableArray<string> Authors,
    DateTimeOffset? PublishedAt,
    string? Publisher,
    Uri? CanonicalUrl,
    ImmutableArray<ArticleImage> Images,
    ImmutableArray<string> Tags,
    ImmutableArray<string> SourceLinks,
    string? Language,
    string Extractor,
    string? Profile)
{
    /// <summary>Names the page credits that are not authors: agencies, sources, photographers, translators.</summary>
    public ImmutableArray<Credit> Credits { get; init; } = [];

    /// <summary>The page's editions in other languages: <c>hreflang</c> alternates and language-switch links.</summary>
    public ImmutableArray<EditionLink> Alternates { get; init; } = [];
}
