using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Boilerplate;
using ArticlePipeline.Extraction.Decoding;
using ArticlePipeline.Extraction.Html;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.PlainText;

/// <summary>
/// Extracts an article from plain text with one block per line, the shape of pages copied as text (the seeds):
/// site header lines, a title, a publisher/date line, the lead, the body, a byline, a source line, a comment
/// counter and related-news lists.
/// </summary>
internal static class PlainTextArticleExtractor
{
    private const int MaxTitleLength = 250;

    public static ExtractionOutcome Extract(PageContent page, IReadOnlyList<string> dropPhrases)
    {
        string text = PageDecoder.Decode(page.Body.Span, page.ContentType);
        var raw = text.Split('\n')
            .Select(TextNormalizer.Normalize)
            .Where(l => l.Length > 0)
            .Select(l => new RawBlock(BlockKind.Paragraph, l))
            .ToList();

        var assembler = new ArticleAssembler(BoilerplateClassifier.Default, dropPhrases);
        assembler.Add(raw, plainText: true);
        List<ContentBlock> blocks = assembler.Blocks;

        string title = string.Empty;
        string? lead = null;
        if (blocks.Count > 1 && IsTitle(blocks[0].Text))
        {
            title = blocks[0].Text;
            blocks.RemoveAt(0);
            if (blocks.Count > 1 && blocks[0].Kind == BlockKind.Paragraph)
            {
                lead = blocks[0].Text;
                blocks.RemoveAt(0);
            }
        }

        assembler.RemoveRepeats(title, lead);
        if (blocks.Count == 0 && lead is null)
        {
            return ExtractionOutcome.NotFound("not-an-article");
        }

        var article = new ExtractedArticle(
            Title: title,
            Lead: lead,
            Blocks: [.. blocks],
            Authors: [.. assembler.Authors],
            PublishedAt: assembler.Date,
            Publisher: assembler.Publisher,
            CanonicalUrl: null,
            Images: [],
            Tags: [],
            SourceLinks: [.. assembler.SourceLinks],
            Language: null,
            Extractor: "plain-text",
            Profile: null);
        return ExtractionOutcome.Found(article);
    }

    // A title is a single short line that does not end like a sentence.
    private static bool IsTitle(string line) =>
        line.Length <= MaxTitleLength && !line.EndsWith('.') && !line.EndsWith('!') && !line.EndsWith(':') && !line.EndsWith(';');
}
