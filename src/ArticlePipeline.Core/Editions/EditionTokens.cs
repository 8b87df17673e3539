using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Editions;

/// <summary>
/// The language-independent tokens two versions of one article share: numbers and Latin-script names. One
/// implementation for <see cref="EditionCheck"/> (whole articles) and <see cref="EditionAligner"/> (blocks). Pure.
/// </summary>
internal static partial class EditionTokens
{
    /// <summary>The weight of a number that says little on its own: a year, a month, a small count.</summary>
    internal const double WeakNumberWeight = 0.2;

    /// <summary>The weight of a day of the month (13 to 31): shared by many stories of the same week.</summary>
    internal const double DayNumberWeight = 0.5;

    /// <summary>The weight of a two-digit number above 31.</summary>
    internal const double TwoDigitNumberWeight = 0.8;

    /// <summary>Counts the characters that carry text: everything but whitespace.</summary>
    internal static int CountCharacters(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        int count = 0;
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The texts of an article in reading order: title, lead, then every block.</summary>
    internal static IEnumerable<string> Segments(LanguageContent content)
    {
        yield return content.Title ?? string.Empty;
        if (!string.IsNullOrEmpty(content.Lead))
        {
            yield return content.Lead;
        }

        foreach (ContentBlock block in content.Blocks.IsDefault ? [] : content.Blocks)
        {
            yield return block.Text ?? string.Empty;
        }
    }

    /// <summary>
    /// Adds the distinct numbers of <paramref name="text"/> to <paramref name="numbers"/>, normalized: thousands
    /// separators removed when every group after the first has exactly three digits (<c>1.500</c>, <c>1,500</c>,
    /// <c>1 500</c> and <c>1&#160;500</c> are all <c>1500</c>), any script's decimal digits read as ASCII (Thai <c>๑๕</c>
    /// is <c>15</c>), leading zeros dropped. A date however written gives its
    /// parts (<c>18/2/2025</c> gives 18, 2 and 2025); a decimal gives its two sides.
    /// </summary>
    internal static void AddNumbers(string text, HashSet<string> numbers)
    {
        foreach (Match match in NumberPattern().Matches(text))
        {
            var digits = new StringBuilder(match.Length);
            foreach (char c in match.ValueSpan)
            {
                int digit = char.IsDigit(c) ? (int)char.GetNumericValue(c) : -1;
                if (digit >= 0 && (digits.Length > 0 || digit != 0))
                {
                    digits.Append((char)('0' + digit));
                }
            }

            numbers.Add(digits.Length == 0 ? "0" : digits.ToString());
        }
    }

    /// <summary>
    /// How much a shared number says about two texts being one story: 1 for a number of three or more digits that is
    /// not a year; less for years (1900–2100) and small numbers, which unrelated stories of the same days share.
    /// </summary>
    internal static double NumberWeight(string number)
    {
        if (number.Length > 4)
        {
            return 1;
        }

        int value = int.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture);
        return value switch
        {
            >= 1900 and <= 2100 => WeakNumberWeight,
            <= 12 => WeakNumberWeight,
            <= 31 => DayNumberWeight,
            <= 99 => TwoDigitNumberWeight,
            _ => 1,
        };
    }

    /// <summary>The total weight of a set of numbers.</summary>
    internal static double Weight(IEnumerable<string> numbers) => numbers.Sum(NumberWeight);

    /// <summary>
    /// Adds every word of <paramref name="text"/> to <paramref name="words"/>, diacritic-folded and lower-cased, so a
    /// name in an edition can be looked up whatever the source's accents (<c>Phúc</c> is <c>phuc</c>).
    /// </summary>
    internal static void AddFoldedWords(string text, HashSet<string> words)
    {
        foreach (ValueMatch match in WordPattern().EnumerateMatches(text))
        {
            words.Add(Fold(text.AsSpan(match.Index, match.Length)));
        }
    }

    /// <summary>
    /// Adds the Latin-script tokens of <paramref name="text"/> that look like names or codes, folded: a token mixing
    /// letters and digits (<c>A80</c>, <c>4G</c>), an all-capitals acronym (<c>OTP</c>), a token with a capital after
    /// its first letter (<c>VNeID</c>), and a capitalised word. In a Latin-script text a capitalised word at the start
    /// of a sentence is an ordinary word and is skipped; in any other script every capitalised Latin word is foreign.
    /// </summary>
    internal static void AddNames(string text, bool latinText, HashSet<string> names)
    {
        foreach (ValueMatch match in WordPattern().EnumerateMatches(text))
        {
            ReadOnlySpan<char> token = text.AsSpan(match.Index, match.Length);
            if (token.Length < 2 || !IsLatin(token))
            {
                continue;
            }

            bool hasDigit = false;
            bool hasLetter = false;
            int capitals = 0;
            bool laterCapital = false;
            for (int i = 0; i < token.Length; i++)
            {
                char c = token[i];
                if (char.IsDigit(c))
                {
                    hasDigit = true;
                }
                else if (char.IsLetter(c))
                {
                    hasLetter = true;
                    if (char.IsUpper(c))
                    {
                        capitals++;
                        laterCapital |= i > 0;
                    }
                }
            }

            bool capitalised = char.IsUpper(token[0]);
            bool nameLike = (hasDigit && hasLetter) || laterCapital
                || (capitalised && (!latinText || !AtSentenceStart(text, match.Index)));
            if (nameLike && hasLetter)
            {
                names.Add(Fold(token));
            }
        }
    }

    /// <summary>Whether most letters of <paramref name="texts"/> are Latin script.</summary>
    internal static bool IsMostlyLatin(IEnumerable<string> texts)
    {
        long latin = 0;
        long letters = 0;
        foreach (string text in texts)
        {
            foreach (char c in text)
            {
                if (char.IsLetter(c))
                {
                    letters++;
                    if (IsLatinLetter(c))
                    {
                        latin++;
                    }
                }
            }
        }

        return letters > 0 && latin * 2 > letters;
    }

    /// <summary>Removes diacritics (and maps <c>đ</c> to <c>d</c>), then lower-cases.</summary>
    internal static string Fold(ReadOnlySpan<char> token)
    {
        string decomposed = token.ToString().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            folded.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                'ł' or 'Ł' => 'l',
                'ø' or 'Ø' => 'o',
                _ => char.ToLowerInvariant(c),
            });
        }

        return folded.ToString();
    }

    private static bool IsLatin(ReadOnlySpan<char> token)
    {
        foreach (char c in token)
        {
            if (char.IsLetter(c) && !IsLatinLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    // Basic Latin, Latin-1, Latin Extended-A/B, IPA, Latin Extended Additional (Vietnamese) and Latin Extended-C/D/E.
    private static bool IsLatinLetter(char c) =>
        c < 0x0250 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xAB30 && c <= 0xAB6F);

    private static bool AtSentenceStart(string text, int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c is '"' or '“' or '„' or '«' or '\'' or '‘' or '(' or '[' or '-' or '–' or '—' or '•')
            {
                continue;
            }

            return c is '.' or '!' or '?' or '…' or ':' or ';';
        }

        return true;
    }

    // Groups of exactly three digits after a separator are one number; anything else splits.
    // \p{Nd} so Thai (๒๕๖๘), Arabic-Indic and other decimal digits read as the same numbers.
    [GeneratedRegex(@"(?<!\p{Nd})\p{Nd}{1,3}(?:[.,\u00A0\u202F\u2009 ]\p{Nd}{3})+(?!\p{Nd})|\p{Nd}+", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
