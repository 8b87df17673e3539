using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction;

/// <summary>
/// Whether an extracted article holds text a person could read, in any script: at least
/// <see cref="MinimumDistinctLetters"/> different letters across its title, lead and blocks. Five megabytes of the
/// letter a, or a block of repeated filler, is not an article. Pure.
/// </summary>
internal static class ReadableText
{
    /// <summary>The fewest different letters (case folded) an article's text must hold; any sentence has more.</summary>
    public const int MinimumDistinctLetters = 10;

    /// <summary>Whether <paramref name="article"/> holds readable text.</summary>
    public static bool IsReadable(ExtractedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var letters = new HashSet<char>();
        return Collect(article.Title, letters) || Collect(article.Lead, letters) || article.Blocks.Any(b => Collect(b.Text, letters));
    }

    // True once enough different letters are seen: an ordinary article stops within its title.
    private static bool Collect(string? text, HashSet<char> letters)
    {
        foreach (char c in text ?? string.Empty)
        {
            if (char.IsLetter(c) && letters.Add(char.ToLowerInvariant(c)) && letters.Count >= MinimumDistinctLetters)
            {
                return true;
            }
        }

        return false;
    }
}
