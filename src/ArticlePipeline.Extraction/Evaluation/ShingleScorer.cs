using System.Text.RegularExpressions;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>
/// Body-text precision and recall the way public extraction benchmarks measure them (Scrapinghub's
/// article-extraction-benchmark, after Moz's Dragnet comparison): the texts are split into word tokens, the tokens
/// into overlapping 4-word shingles, and the shingle multisets are compared.
/// </summary>
public static partial class ShingleScorer
{
    /// <summary>The shingle length.</summary>
    public const int ShingleLength = 4;

    /// <summary>Scores <paramref name="predicted"/> against <paramref name="expected"/>.</summary>
    /// <param name="expected">The text a page should yield.</param>
    /// <param name="predicted">The text extraction yielded.</param>
    /// <returns>
    /// Precision (shared shingles over predicted shingles) and recall (shared over expected). Two empty texts score
    /// 1 and 1; an empty prediction of a non-empty text scores 0 and 0, and so does any prediction of an empty text.
    /// </returns>
    public static ShingleScore Score(string expected, string predicted)
    {
        Dictionary<string, int> truth = Shingles(expected);
        Dictionary<string, int> guess = Shingles(predicted);
        if (truth.Count == 0 && guess.Count == 0)
        {
            return new ShingleScore(1, 1);
        }

        int shared = 0, falsePositives = 0, falseNegatives = 0;
        foreach ((string shingle, int count) in guess)
        {
            int expectedCount = truth.GetValueOrDefault(shingle);
            shared += Math.Min(count, expectedCount);
            falsePositives += Math.Max(0, count - expectedCount);
        }

        foreach ((string shingle, int count) in truth)
        {
            falseNegatives += Math.Max(0, count - guess.GetValueOrDefault(shingle));
        }

        double precision = shared + falsePositives == 0 ? 0 : (double)shared / (shared + falsePositives);
        double recall = shared + falseNegatives == 0 ? 0 : (double)shared / (shared + falseNegatives);
        return new ShingleScore(precision, recall);
    }

    /// <summary>Averages precision and recall over pages and computes F1 from the averages.</summary>
    /// <param name="scores">One score per page.</param>
    /// <returns>The totals; all zero when there are no pages.</returns>
    public static ShingleSummary Summarize(IReadOnlyCollection<ShingleScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return new ShingleSummary(0, 0, 0, 0);
        }

        double precision = scores.Average(s => s.Precision);
        double recall = scores.Average(s => s.Recall);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ShingleSummary(scores.Count, precision, recall, f1);
    }

    /// <summary>The word tokens of <paramref name="text"/> (runs of letters, marks, digits), after normalization.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The tokens in order.</returns>
    public static IReadOnlyList<string> Tokenize(string? text) =>
        [.. Word().Matches(TextNormalizer.Normalize(text)).Select(m => m.Value)];

    /// <summary>
    /// The multiset of <see cref="ShingleLength"/>-token shingles; a text shorter than that is one shingle of all its tokens.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <returns>Each shingle (tokens joined by a space) with its count.</returns>
    public static Dictionary<string, int> Shingles(string? text)
    {
        IReadOnlyList<string> tokens = Tokenize(text);
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0)
        {
            return shingles;
        }

        for (int i = 0; i < Math.Max(1, tokens.Count - ShingleLength + 1); i++)
        {
            string shingle = string.Join(' ', tokens.Skip(i).Take(ShingleLength));
            shingles[shingle] = shingles.GetValueOrDefault(shingle) + 1;
        }

        return shingles;
    }

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
