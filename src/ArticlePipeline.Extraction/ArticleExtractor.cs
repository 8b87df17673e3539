using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Sources;
using ArticlePipeline.Extraction.Decoding;
using ArticlePipeline.Extraction.Html;
using ArticlePipeline.Extraction.PlainText;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticlePipeline.Extraction;

/// <summary>
/// The production extractor: HTML through profiles and content scoring, <c>text/plain</c> line by line. Bodies that
/// are not text fail as <see cref="NotText"/>, pages over the parse limits as <c>too-complex</c>, and a page whose
/// extracted text is not readable as <see cref="NotAnArticle"/>: never a record.
/// </summary>
public sealed class ArticleExtractor : IArticleExtractor
{
    /// <summary>The reason for a body that is binary (an executable, an archive, an image, random bytes).</summary>
    public const string NotText = "not-text";

    /// <summary>The reason for a page without article text.</summary>
    public const string NotAnArticle = "not-an-article";

    private readonly ILogger _logger;

    /// <summary>Creates an extractor that logs nothing.</summary>
    public ArticleExtractor()
        : this(null)
    {
    }

    /// <summary>Creates an extractor that logs where a page left the usual path (over the HTML limits, a profile that does not fit).</summary>
    /// <param name="logger">The log; none when <see langword="null"/>.</param>
    public ArticleExtractor(ILogger<ArticleExtractor>? logger) => _logger = logger ?? NullLogger<ArticleExtractor>.Instance;

    /// <inheritdoc />
    public ExtractionOutcome Extract(PageContent page, ExtractionProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Body.IsEmpty)
        {
            return ExtractionOutcome.NotFound("empty-page");
        }

        // An executable or random bytes served as text/html decode into "text" in some code page: refuse them first.
        if (ContentSniffer.NotText(page.Body.Span, page.ContentType) is { } binary)
        {
            return ExtractionOutcome.NotFound(NotText) with { Detail = $"the body is {binary}, not text" };
        }

        bool plainText = page.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;
        ExtractionOutcome outcome = plainText
            ? PlainTextArticleExtractor.Extract(page, profile?.DropPhrases.ToList() ?? [])
            : HtmlArticleExtractor.Extract(page, profile, logger: _logger);
        return outcome.Article is { } article && !ReadableText.IsReadable(article)
            ? ExtractionOutcome.NotFound(NotAnArticle) with { Detail = $"no readable text (fewer than {ReadableText.MinimumDistinctLetters} different letters)" }
            : outcome;
    }
}
