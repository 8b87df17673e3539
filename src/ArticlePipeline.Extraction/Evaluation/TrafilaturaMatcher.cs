using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Evaluation;

/// <summary>
/// The trafilatura evaluation's per-page count: each <c>with</c> string found in the extracted text is a true
/// positive (else a false negative), each <c>without</c> string found a false positive (else a true negative).
/// Texts are compared after Unicode and whitespace normalisation; case counts, as in the publisher's script.
/// </summary>
public static class TrafilaturaMatcher
{
    /// <summary>Scores one page.</summary>
    /// <param name="gold">The page's gold.</param>
    /// <param name="text">The extracted main text, or <see langword="null"/> when nothing was extracted.</param>
    /// <param name="reason">Why nothing was extracted, when <paramref name="text"/> is <see langword="null"/>.</param>
    /// <returns>The score; with no text every <c>with</c> string is missing and no <c>without</c> string leaks.</returns>
    public static TrafilaturaScore Score(TrafilaturaGold gold, string? text, string? reason)
    {
        ArgumentNullException.ThrowIfNull(gold);
        string haystack = Flatten(text);
        var missing = new List<string>();
        var leaked = new List<string>();
        int found = 0, avoided = 0;
        foreach (string item in gold.With)
        {
            if (Contains(haystack, item))
            {
                found++;
            }
            else
            {
                missing.Add(item);
            }
        }

        foreach (string item in gold.Without)
        {
            if (Contains(haystack, item))
            {
                leaked.Add(item);
            }
            else
            {
                avoided++;
            }
        }

        return new TrafilaturaScore(gold.File, missing, leaked, found, avoided, text is null ? reason ?? "no-article" : null);
    }

    private static bool Contains(string haystack, string item)
    {
        string needle = Flatten(item);
        return haystack.Length > 0 && needle.Length > 0 && haystack.Contains(needle, StringComparison.Ordinal);
    }

    // NFC, entities decoded, and every run of white space (line breaks between blocks included) as one space.
    private static string Flatten(string? text) => TextNormalizer.Normalize(text);
}
