using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Translation.Protection;

/// <summary>
/// Finds the names of one article (its authors and credits, as extraction found them) in its texts, so they travel
/// protected and come back as written; a machine translating <c>Trung Tín</c> into Thai as the word "honest" is the case
/// this exists for.
/// </summary>
/// <remarks>A byline's leading <c>Theo</c> ("according to") and anything in brackets are not part of the name; a name
/// must have at least one letter and start with a capital. Matching is case-sensitive, on whole words, longest first.</remarks>
internal sealed class NameMatcher
{
    private readonly Regex? _pattern;

    /// <summary>Builds the matcher.</summary>
    /// <param name="names">The article's names; <see langword="null"/> or empty for none.</param>
    public NameMatcher(IEnumerable<string>? names)
    {
        string[] cleaned = [.. (names ?? [])
            .Select(Clean)
            .Where(static n => n.Length >= 2 && char.IsUpper(n[0]))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(static n => n.Length)];
        _pattern = cleaned.Length == 0
            ? null
            : new Regex(
                @"(?<![\p{L}\p{N}])(?:" + string.Join('|', cleaned.Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
                RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
    }

    /// <summary>A matcher without names.</summary>
    public static NameMatcher None { get; } = new(null);

    /// <summary>The spans of <paramref name="text"/> holding one of the names.</summary>
    /// <param name="text">A source text.</param>
    /// <returns>Start and end (exclusive) of each occurrence.</returns>
    public IEnumerable<(int Start, int End)> Find(string text)
    {
        if (_pattern is null)
        {
            yield break;
        }

        foreach (Match match in _pattern.Matches(text))
        {
            yield return (match.Index, match.Index + match.Length);
        }
    }

    private static string Clean(string name)
    {
        string text = name.Normalize(NormalizationForm.FormC).Trim();
        int bracket = text.IndexOfAny(['(', '[']);
        if (bracket >= 0)
        {
            text = text[..bracket].Trim();
        }

        if (text.StartsWith("Theo ", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..].Trim();
        }

        return text.Trim(' ', '-', '–', ',', '.', ':');
    }
}
