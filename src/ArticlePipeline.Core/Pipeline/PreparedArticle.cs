using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>A page extracted and normalized, with its draft record (content hash, canonical URL), not yet written.</summary>
/// <param name="Page">The page.</param>
/// <param name="FetchedAt">When it was fetched.</param>
/// <param name="Article">The normalized article.</param>
/// <param name="Source">The newspaper.</param>
/// <param name="Draft">The record without translations; its <see cref="ArticleRecord.Url"/> is the canonical URL.</param>
/// <param name="Definition">The configured source, if any (its rules decide the canonical URL).</param>
internal sealed record PreparedArticle(PageContent Page, DateTimeOffset FetchedAt, ExtractedArticle Article, SourceInfo Source, ArticleRecord Draft, SourceDefinition? Definition);
