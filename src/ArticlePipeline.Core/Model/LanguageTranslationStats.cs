namespace ArticlePipeline.Core.Model;

/// <summary>What translating into one language cost and how its answers fared, for one article or a whole run.</summary>
/// <param name="BilledCharacters">Characters billed for this language: each request's <c>X-Metered-Usage</c> split evenly
/// over the languages it asked for.</param>
/// <param name="FailedChecks">Answers (text pieces) in this language that failed the answer checks, retries included.</param>
/// <param name="Failed">Articles whose translation into this language ended as <c>failed</c>.</param>
public readonly record struct LanguageTranslationStats(long BilledCharacters, int FailedChecks, int Failed)
{
    /// <summary>The sum of two statistics.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>The sum.</returns>
    public static LanguageTranslationStats operator +(LanguageTranslationStats left, LanguageTranslationStats right) =>
        new(left.BilledCharacters + right.BilledCharacters, left.FailedChecks + right.FailedChecks, left.Failed + right.Failed);

    /// <summary>The sum of two statistics (named alternative to the operator).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>The sum.</returns>
    public static LanguageTranslationStats Add(LanguageTranslationStats left, LanguageTranslationStats right) => left + right;
}
