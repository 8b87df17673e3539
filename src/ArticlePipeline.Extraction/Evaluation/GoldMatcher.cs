using System.Collections.Immutable;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>
/// Compares an extracted article with a <see cref="GoldPage"/>. Every text on both sides goes through
/// <see cref="TextNormalizer"/> (NFC, whitespace collapsed) first; the comparisons themselves are ordinal.
/// </summary>
public static class GoldMatcher
{
    /// <summary>The block kinds that count as body paragraphs for the first and last checks.</summary>
    private static readonly BlockKind[] ParagraphKinds = [BlockKind.Paragraph, BlockKind.ListItem, BlockKind.Quote];

    /// <summary>Scores <paramref name="article"/> against <paramref name="gold"/>.</summary>
    /// <param name="gold">What the page holds.</param>
    /// <param name="article">The extracted (and normalized) article, or <see langword="null"/> when extraction found none.</param>
    /// <param name="failure">Why there is no article, when <paramref name="article"/> is <see langword="null"/>.</param>
    /// <returns>The page's score; a missing article fails every check that applies and leaks nothing.</returns>
    public static PageScore Score(GoldPage gold, ExtractedArticle? article, string? failure = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        if (article is null)
        {
            return new PageScore(
                gold.File, failure ?? "none", null,
                gold.Title is null ? null : false,
                gold.Lead is null ? null : false,
                First: false, Last: false,
                gold.Author is null ? null : false,
                gold.Date is null ? null : false,
                LeakedJunk: []);
        }

        string[] paragraphs = [.. article.Blocks.Where(b => ParagraphKinds.Contains(b.Kind)).Select(b => b.Text)];
        bool? lead = gold.Lead is null ? null : StartsWith(article.Lead, gold.Lead);
        return new PageScore(
            gold.File,
            article.Extractor,
            article.Profile,
            Title: gold.Title is null ? null : Same(article.Title, gold.Title),
            Lead: lead,
            First: lead != false && paragraphs.Length > 0 && StartsWith(paragraphs[0], gold.First),
            Last: paragraphs.Length > 0 && StartsWith(paragraphs[^1], gold.Last),
            Author: gold.Author is null ? null : AuthorMatches(article.Authors, gold.Author),
            Date: gold.Date is null ? null : DateMatches(article.PublishedAt, gold.Date.Value),
            LeakedJunk: LeakedJunk(article, gold.Junk));
    }

    /// <summary>Whether <paramref name="actual"/> starts with <paramref name="goldPrefix"/> once both are normalized.</summary>
    /// <param name="actual">Extracted text.</param>
    /// <param name="goldPrefix">The gold text; a missing gold text never matches.</param>
    /// <returns>The verdict.</returns>
    public static bool StartsWith(string? actual, string? goldPrefix)
    {
        string prefix = TextNormalizer.Normalize(goldPrefix);
        return prefix.Length > 0 && TextNormalizer.Normalize(actual).StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether one of <paramref name="authors"/> names the gold author: equal ignoring case, or starting with it
    /// before a non-letter (<c>Quang Minh (theo Healthline)</c> names <c>Quang Minh</c>).
    /// </summary>
    /// <param name="authors">Extracted authors.</param>
    /// <param name="gold">The gold author.</param>
    /// <returns>The verdict.</returns>
    public static bool AuthorMatches(IEnumerable<string> authors, string gold)
    {
        ArgumentNullException.ThrowIfNull(authors);
        string expected = TextNormalizer.Normalize(gold);
        foreach (string author in authors)
        {
            string name = TextNormalizer.Normalize(author);
            if (name.Equals(expected, StringComparison.OrdinalIgnoreCase) ||
                (name.StartsWith(expected, StringComparison.OrdinalIgnoreCase) && !char.IsLetter(name[expected.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two publication times are the same instant to the minute (pages often show no seconds).</summary>
    /// <param name="actual">Extracted time.</param>
    /// <param name="gold">Gold time.</param>
    /// <returns>The verdict.</returns>
    public static bool DateMatches(DateTimeOffset? actual, DateTimeOffset gold) =>
        actual is { } value && (value - gold).Duration() < TimeSpan.FromMinutes(1);

    /// <summary>The junk texts found in the title, lead or any body block.</summary>
    /// <param name="article">The extracted article.</param>
    /// <param name="junk">Texts that are not the article.</param>
    /// <returns>The junk texts that leaked, in gold order.</returns>
    public static ImmutableArray<string> LeakedJunk(ExtractedArticle article, IEnumerable<string> junk)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(junk);
        string[] texts = [.. new[] { article.Title, article.Lead }.Concat(article.Blocks.Select(b => b.Text)).Select(TextNormalizer.Normalize)];
        return [.. junk.Select(TextNormalizer.Normalize).Where(j => j.Length > 0 && texts.Any(t => t.Contains(j, StringComparison.Ordinal)))];
    }

    private static bool Same(string? actual, string gold) =>
        TextNormalizer.Normalize(actual).Equals(TextNormalizer.Normalize(gold), StringComparison.Ordinal);
}
