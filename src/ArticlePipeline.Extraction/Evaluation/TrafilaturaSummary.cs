using System.Globalization;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>The totals of the trafilatura evaluation set: counts summed over pages, then precision, recall and F1.</summary>
/// <param name="Pages">Pages scored.</param>
/// <param name="Precision">True positives over true plus false positives.</param>
/// <param name="Recall">True positives over true positives plus false negatives.</param>
/// <param name="F1">Harmonic mean of <paramref name="Precision"/> and <paramref name="Recall"/>.</param>
public sealed record TrafilaturaSummary(int Pages, double Precision, double Recall, double F1)
{
    /// <summary>Sums the counts of <paramref name="scores"/> the way the set's publisher does.</summary>
    /// <param name="scores">One score per page.</param>
    /// <returns>The totals; all zero when nothing was counted.</returns>
    public static TrafilaturaSummary Of(IReadOnlyCollection<TrafilaturaScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int truePositives = scores.Sum(s => s.Found);
        int falseNegatives = scores.Sum(s => s.Missing.Count);
        int falsePositives = scores.Sum(s => s.Leaked.Count);
        double precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        double recall = truePositives + falseNegatives == 0 ? 0 : (double)truePositives / (truePositives + falseNegatives);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new TrafilaturaSummary(scores.Count, precision, recall, f1);
    }

    /// <summary>The closing line of <c>eval --trafilatura</c>: <c>trafilatura pages N precision X recall X f1 X</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"trafilatura pages {Pages} precision {Precision:0.000} recall {Recall:0.000} f1 {F1:0.000}");
}
