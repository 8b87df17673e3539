using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>A page extracted and normalized, with its draft record (content hash, canonical URL), not yet written.</summary>
/// <param name="Page">The page.</param>
/// <param name="Article">The normalized article.</param>
/// <param name="Draft">
/// The record with its original language only; its <see cref="ArticleRecord.Url"/> is the canonical URL. The written
/// record is this one with the other languages set: it is built once.
/// </param>
/// <param name="Source">The configured source it was extracted for, if any.</param>
internal sealed record PreparedArticle(PageContent Page, ExtractedArticle Article, ArticleRecord Draft, SourceDefinition? Source);
