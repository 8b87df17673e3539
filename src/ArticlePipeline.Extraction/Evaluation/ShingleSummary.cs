using System.Globalization;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>Shingle precision and recall averaged over pages, and the F1 of those averages.</summary>
/// <param name="Pages">Pages scored.</param>
/// <param name="Precision">Mean precision.</param>
/// <param name="Recall">Mean recall.</param>
/// <param name="F1">Harmonic mean of <paramref name="Precision"/> and <paramref name="Recall"/>.</param>
public sealed record ShingleSummary(int Pages, double Precision, double Recall, double F1)
{
    /// <summary>The closing line of <c>eval --readability</c>: <c>readability pages N precision X recall X f1 X</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"readability pages {Pages} precision {Precision:0.000} recall {Recall:0.000} f1 {F1:0.000}");
}
