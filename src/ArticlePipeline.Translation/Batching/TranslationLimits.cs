namespace ArticlePipeline.Translation.Batching;

/// <summary>The size limits of one Translator <c>/translate</c> request.</summary>
/// <param name="MaxElements">Most array elements (texts) in one request.</param>
/// <param name="MaxCharacters">Most characters in one request, counted across all target languages
/// (characters of the texts × number of targets).</param>
/// <param name="MaxElementCharacters">Most characters in one element.</param>
internal sealed record TranslationLimits(int MaxElements, int MaxCharacters, int MaxElementCharacters)
{
    /// <summary>The limits of Translator v3.0: 1,000 elements, 50,000 characters across all targets, 50,000 per element.</summary>
    public static TranslationLimits Azure { get; } = new(1_000, 50_000, 50_000);

    /// <summary>The longest piece of text that fits one request element for <paramref name="targetCount"/> targets.</summary>
    /// <param name="targetCount">The number of target languages (at least one).</param>
    /// <returns>The most characters one element may have.</returns>
    public int MaxPieceLength(int targetCount) => Math.Min(MaxElementCharacters, MaxCharacters / targetCount);
}
