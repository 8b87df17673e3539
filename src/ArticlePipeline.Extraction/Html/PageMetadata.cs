using System.Collections.Immutable;

namespace ArticlePipeline.Extraction.Html;

/// <summary>What the page's head says about the article: meta tags, OpenGraph and JSON-LD.</summary>
internal sealed record PageMetadata(
    string? Title,
    string? HeadTitle,
    string? Description,
    Uri? Canonical,
    DateTimeOffset? PublishedAt,
    bool PublishedDateOnly,
    ImmutableArray<string> Authors,
    string? Publisher,
    string? Image,
    ImmutableArray<string> Tags,
    bool IsArticle)
{
    /// <summary>The page's editions in other languages.</summary>
    public ImmutableArray<Core.Model.EditionLink> Alternates { get; init; } = [];
}
