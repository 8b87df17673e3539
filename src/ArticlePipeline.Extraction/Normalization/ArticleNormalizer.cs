using System.Collections.Immutable;
using System.Text;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Normalization;

/// <summary>Normalizes every text of an article and records its language.</summary>
public sealed class ArticleNormalizer : IArticleNormalizer
{
    /// <inheritdoc />
    public ExtractedArticle Normalize(ExtractedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        ImmutableArray<ContentBlock> blocks = article.Blocks
            .Select(b => b with { Text = TextNormalizer.Normalize(b.Text) })
            .Where(b => b.Text.Length > 0)
            .ToImmutableArray();
        string title = TextNormalizer.Normalize(article.Title);
        string lead = TextNormalizer.Normalize(article.Lead);

        var sample = new StringBuilder(title).Append('\n').Append(lead);
        foreach (ContentBlock block in blocks)
        {
            if (sample.Length > 4000)
            {
                break;
            }

            sample.Append('\n').Append(block.Text);
        }

        return article with
        {
            Title = title,
            Lead = lead.Length == 0 ? null : lead,
            Blocks = blocks,
            Authors = Distinct(article.Authors),
            Publisher = NullIfEmpty(TextNormalizer.Normalize(article.Publisher)),
            Images = article.Images
                .Select(i => i with { Caption = NullIfEmpty(TextNormalizer.Normalize(i.Caption)), Credit = NullIfEmpty(TextNormalizer.Normalize(i.Credit)) })
                .ToImmutableArray(),
            Credits = article.Credits
                .Select(c => c with { Name = TextNormalizer.Normalize(c.Name) })
                .Where(c => c.Name.Length > 0)
                .Distinct()
                .ToImmutableArray(),
            Tags = Distinct(article.Tags),
            SourceLinks = Distinct(article.SourceLinks),
            // No letters at all keeps what the extractor knew (else vi, the crawl's language); und is an answer and stays.
            Language = LanguageDetector.Detect(sample.ToString()) ?? article.Language ?? Languages.Vietnamese,
        };
    }

    private static ImmutableArray<string> Distinct(ImmutableArray<string> values) =>
        values.Select(TextNormalizer.Normalize).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToImmutableArray();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
