using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Html;
using ArticlePipeline.Extraction.PlainText;

namespace ArticlePipeline.Extraction;

/// <summary>The production extractor: HTML through profiles and content scoring, <c>text/plain</c> line by line.</summary>
public sealed class ArticleExtractor : IArticleExtractor
{
    /// <inheritdoc />
    public ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Body.IsEmpty)
        {
            return ExtractionOutcome.NotFound("empty-page");
        }

        bool plainText = page.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;
        return plainText
            ? PlainTextArticleExtractor.Extract(page, profile?.DropPhrases.ToList() ?? [])
            : HtmlArticleExtractor.Extract(page, profile);
    }
}
