using System.Globalization;
using System.Text;

namespace ArticlePipeline.Translation.Checks;

/// <summary>
/// Decides whether the service's answer for one segment and one language can be stored: right script, plausible length,
/// every protected span back, not the source repeated, not cut off. Pure functions, no I/O.
/// </summary>
/// <remarks>
/// <para>Scripts are judged on the letters outside protected spans (URLs, numbers, glossary terms and names are kept
/// verbatim and may be in any script), when there are at least <see cref="NonTrivialLetters"/> of them (a short name or
/// credit may stay as written): at least <see cref="MinimumScriptShare"/> of them must be in the target's script
/// (Cyrillic for <c>uk</c> and <c>ru</c>, Thai for <c>th</c>, Latin for <c>ro</c>). The publishers' own Ukrainian, Russian,
/// Romanian and Thai editions in the seed pages score 0.97 to 1.0 on every paragraph, a page left in Vietnamese scores 0.
/// <c>ы э ъ ё</c> may not appear in Ukrainian, <c>і ї є ґ</c> not in Russian; Romanian may carry its own diacritics
/// (<c>ă â î ș ț</c>, and the cedilla forms) but at most <see cref="MaximumForeignLatinShare"/> of its letters may carry
/// others (Vietnamese tone marks, <c>đ</c>, <c>ư</c>, <c>ơ</c>): Vietnamese left in place runs at 25 % (the median over the
/// sample site's sentences), a Romanian caption quoting two unprotected Vietnamese names at about 9 %. Other target languages
/// get no script check.</para>
/// <para>Length: for sources of at least <see cref="MinimumRatioLength"/> characters, the answer's length over the source's
/// must lie within <see cref="MinimumRatio"/> … <see cref="MaximumRatio"/>. The recorded Azure exchanges range from 0.35
/// (English to Chinese) to 1.27 (English to Spanish), 0.56 to 1.27 between alphabetic scripts; the bounds are kept generous
/// so that only a cut-off or runaway answer fails.</para>
/// <para>Truncation: a source ending a sentence (<c>. ! ? …</c>, maybe followed by quotes or brackets) must come back ending
/// one too in <c>uk</c>, <c>ru</c> and <c>ro</c>. Thai marks sentence ends with spaces, not full stops (the seed's Thai
/// paragraphs mostly end without one), so a Thai answer is judged cut off only by its length.</para>
/// <para>Untranslated: an answer equal to the source (NFC, whitespace folded) fails when the source has at least
/// <see cref="NonTrivialLetters"/> letters in at least three words outside protected spans; shorter texts (a name, a
/// figure) may legitimately come back unchanged.</para>
/// </remarks>
internal static class AnswerChecks
{
    /// <summary>The least share of letters outside protected spans that must be in the target's script.</summary>
    public const double MinimumScriptShare = 0.5;

    /// <summary>The largest share of a Romanian answer's letters that may carry non-Romanian diacritics.</summary>
    public const double MaximumForeignLatinShare = 0.15;

    /// <summary>The shortest source, in characters, whose answer's length ratio is checked.</summary>
    public const int MinimumRatioLength = 40;

    /// <summary>The least answer length over source length.</summary>
    public const double MinimumRatio = 0.3;

    /// <summary>The greatest answer length over source length.</summary>
    public const double MaximumRatio = 3.0;

    /// <summary>The fewest letters outside protected spans that make a source worth translating.</summary>
    public const int NonTrivialLetters = 20;

    private const string RomanianLetters = "ăâîșşțţĂÂÎȘŞȚŢ";

    /// <summary>Checks one answer.</summary>
    /// <param name="source">The source segment as plain text.</param>
    /// <param name="answer">The answer as plain text, protected spans still as sent (before any glossary rendering).</param>
    /// <param name="target">The target language code.</param>
    /// <param name="protectedTexts">The texts sent inside protected spans, in order (repeats included).</param>
    /// <returns><see langword="null"/> when the answer can be stored, else why not (short, safe to store).</returns>
    public static string? Check(string source, string answer, string target, IReadOnlyList<string> protectedTexts)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(protectedTexts);
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            return "empty answer";
        }

        if (MissingSpan(answer, protectedTexts) is { } missing)
        {
            return $"protected span not restored: \"{Shorten(missing)}\"";
        }

        string sourceRest = Without(source, protectedTexts);
        string answerRest = Without(answer, protectedTexts);
        if (LetterCount(sourceRest) >= NonTrivialLetters && WordCount(sourceRest) >= 3
            && string.Equals(Fold(source), Fold(answer), StringComparison.Ordinal))
        {
            return "untranslated: the answer repeats the source";
        }

        if (ScriptProblem(answerRest, target) is { } script)
        {
            return script;
        }

        if (source.Length >= MinimumRatioLength)
        {
            double ratio = (double)answer.Length / source.Length;
            if (ratio < MinimumRatio || ratio > MaximumRatio)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"length ratio {ratio:0.00} outside {MinimumRatio:0.0}-{MaximumRatio:0.0} ({answer.Length} characters for {source.Length}){(ratio < MinimumRatio ? ": truncated" : string.Empty)}");
            }
        }

        if (!IsThai(target) && EndsSentence(source) && !EndsSentence(answer) && !EndsWithSpan(answer, protectedTexts))
        {
            return "truncated: the source ends a sentence, the answer does not";
        }

        return null;
    }

    /// <summary>The script problem of <paramref name="text"/> (letters outside protected spans) for <paramref name="target"/>.</summary>
    /// <param name="text">The answer without its protected spans.</param>
    /// <param name="target">The target language code.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    internal static string? ScriptProblem(string text, string target)
    {
        string language = BaseLanguage(target);
        int letters = 0, cyrillic = 0, thai = 0, latin = 0, foreignLatin = 0;
        char? forbidden = null;
        foreach (char c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            if (c is >= '\u0400' and <= '\u052F')
            {
                cyrillic++;
                if (forbidden is null
                    && ((language == "uk" && "ыэъёЫЭЪЁ".Contains(c, StringComparison.Ordinal))
                        || (language == "ru" && "іїєґІЇЄҐ".Contains(c, StringComparison.Ordinal))))
                {
                    forbidden = c;
                }
            }
            else if (c is >= '\u0E00' and <= '\u0E7F')
            {
                thai++;
            }
            else if (char.IsAscii(c) || RomanianLetters.Contains(c, StringComparison.Ordinal))
            {
                latin++;
            }
            else if (c is >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF')
            {
                latin++;
                foreignLatin++;
            }
        }

        if (forbidden is { } letter)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"wrong script: '{letter}' is not a letter of {(language == "uk" ? "Ukrainian" : "Russian")}");
        }

        if (letters < NonTrivialLetters)
        {
            // A name or a credit line may legitimately stay in the source's letters.
            return null;
        }

        (string name, int count) = language switch
        {
            "uk" or "ru" => ("Cyrillic", cyrillic),
            "th" => ("Thai", thai),
            "ro" => ("Latin", latin),
            _ => (string.Empty, letters),
        };
        if (count < letters * MinimumScriptShare)
        {
            return string.Create(CultureInfo.InvariantCulture, $"wrong script: {count} of {letters} letters are {name}");
        }

        if (language == "ro" && foreignLatin > letters * MaximumForeignLatinShare)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"wrong script: {foreignLatin} of {letters} letters carry diacritics Romanian does not use");
        }

        return null;
    }

    /// <summary>The first protected text that occurs fewer times in <paramref name="answer"/> than it was sent.</summary>
    private static string? MissingSpan(string answer, IReadOnlyList<string> protectedTexts)
    {
        foreach (IGrouping<string, string> group in protectedTexts.Where(static p => p.Length > 0).GroupBy(static p => p, StringComparer.Ordinal))
        {
            if (Occurrences(answer, group.Key) < group.Count())
            {
                return group.Key;
            }
        }

        return null;
    }

    private static int Occurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Without(string text, IReadOnlyList<string> protectedTexts)
    {
        foreach (string span in protectedTexts.Where(static p => p.Length > 0).OrderByDescending(static p => p.Length))
        {
            text = text.Replace(span, " ", StringComparison.Ordinal);
        }

        return text;
    }

    private static int LetterCount(string text) => text.Count(char.IsLetter);

    private static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(static w => w.Any(char.IsLetter));

    private static string Fold(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool EndsWithSpan(string answer, IReadOnlyList<string> protectedTexts)
    {
        string trimmed = answer.TrimEnd();
        return protectedTexts.Any(p => p.Length > 0 && trimmed.EndsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Whether <paramref name="text"/> ends a sentence: a terminal mark, possibly followed by closing quotes or brackets.</summary>
    internal static bool EndsSentence(string text)
    {
        int i = text.Length - 1;
        while (i >= 0 && (char.IsWhiteSpace(text[i]) || text[i] is '"' or '\'' or ')' or ']' or '»' or '”' or '’' or '›'))
        {
            i--;
        }

        return i >= 0 && text[i] is '.' or '!' or '?' or '…' or '。' or '！' or '？';
    }

    private static bool IsThai(string target) => BaseLanguage(target) == "th";

    private static string BaseLanguage(string target)
    {
        int dash = target.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? target : target[..dash]).ToUpperInvariant() switch
        {
            "UK" => "uk",
            "RU" => "ru",
            "TH" => "th",
            "RO" => "ro",
            _ => string.Empty,
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
