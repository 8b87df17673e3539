using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Boilerplate;
using ArticlePipeline.Extraction.Credits;
using ArticlePipeline.Extraction.Decoding;
using ArticlePipeline.Extraction.Html;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.PlainText;

/// <summary>
/// Extracts an article from plain text with one block per line, the shape of pages copied as text (the seeds):
/// site header lines, a title, a publisher/date line, the lead, the body, a byline, a source line, a comment
/// counter and related-news lists. A page without a title line gets a title derived from its first sentence
/// (<see cref="DeriveTitle"/>).
/// </summary>
internal static partial class PlainTextArticleExtractor
{
    private const int MaxTitleLength = 250;

    /// <summary>Longest title derived from a first sentence.</summary>
    internal const int MaxDerivedTitleLength = 120;

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

        if (title.Length == 0)
        {
            title = DeriveTitle(lead ?? blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph)?.Text ?? blocks[0].Text);
        }

        // Plain text knows no host: the publisher line is the site's own name.
        (List<string> authors, List<Credit> credits) = CreditNames.Separate(
            assembler.Authors, assembler.Credits, null, [assembler.Publisher], BoilerplateLexicon.Default);
        var article = new ExtractedArticle(
            Title: title,
            Lead: lead,
            Blocks: [.. blocks],
            Authors: [.. authors],
            PublishedAt: assembler.Date,
            Publisher: assembler.Publisher,
            CanonicalUrl: null,
            Images: [],
            Tags: [],
            SourceLinks: [.. assembler.SourceLinks],
            Language: null,
            Extractor: "plain-text",
            Profile: null)
        {
            Credits = [.. credits],
        };
        return ExtractionOutcome.Found(article);
    }

    /// <summary>
    /// The title of a page copied without its title line: the first sentence of the first paragraph, cut at a word
    /// boundary with an ellipsis when longer than <see cref="MaxDerivedTitleLength"/> characters. The paragraph itself
    /// stays in the body, so no text is lost.
    /// </summary>
    internal static string DeriveTitle(string paragraph)
    {
        Match sentence = FirstSentence().Match(paragraph);
        string title = (sentence.Success ? sentence.Value : paragraph).Trim();
        if (title.Length <= MaxDerivedTitleLength)
        {
            return title;
        }

        int cut = title.LastIndexOf(' ', MaxDerivedTitleLength);
        return title[..(cut > MaxDerivedTitleLength / 2 ? cut : MaxDerivedTitleLength)].TrimEnd(',', ';', ':', ' ') + "…";
    }

    // A title is a single short line that does not end like a sentence.
    private static bool IsTitle(string line) =>
        line.Length <= MaxTitleLength && !line.EndsWith('.') && !line.EndsWith('!') && !line.EndsWith(':') && !line.EndsWith(';');

    // Up to the first sentence end that is followed by a space (not "1.200" or "TP.HCM"), Thai having none.
    [GeneratedRegex(@"^.+?[.!?…](?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex FirstSentence();
}
