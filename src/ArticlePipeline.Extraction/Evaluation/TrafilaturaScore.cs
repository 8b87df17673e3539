namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>One page of the trafilatura evaluation set, scored.</summary>
/// <param name="File">The page's file name (without <c>.gz</c>).</param>
/// <param name="Missing">The <c>with</c> strings the extraction lacks (false negatives).</param>
/// <param name="Leaked">The <c>without</c> strings the extraction holds (false positives).</param>
/// <param name="Found">The <c>with</c> strings found (true positives).</param>
/// <param name="Avoided">The <c>without</c> strings absent (true negatives).</param>
/// <param name="Reason">Why nothing was extracted, or <see langword="null"/> when an article was.</param>
public sealed record TrafilaturaScore(string File, IReadOnlyList<string> Missing, IReadOnlyList<string> Leaked, int Found, int Avoided, string? Reason)
{
    /// <summary>Gets a value indicating whether every <c>with</c> string was found and no <c>without</c> string leaked.</summary>
    public bool Perfect => Missing.Count == 0 && Leaked.Count == 0;
}
