using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Extraction.Normalization;

/// <summary>
/// Tells vi, uk, ru, ro, th and en apart by script and distinctive letters: і ї є ґ for Ukrainian, ы э ъ ё for
/// Russian, ă ș ț â î for Romanian, ơ ư đ and stacked tone marks for Vietnamese, the Thai block for Thai.
/// </summary>
public static class LanguageDetector
{
    /// <summary>Detects the language of <paramref name="text"/>.</summary>
    /// <param name="text">Normalized text, ideally a few paragraphs.</param>
    /// <returns>vi, uk, ru, ro, th or en; <see langword="null"/> when there are no letters.</returns>
    public static string? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int latin = 0, cyrillic = 0, thai = 0, uk = 0, ru = 0, ro = 0, vi = 0;
        foreach (char raw in text)
        {
            char c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case >= '\u0E00' and <= '\u0E7F':
                    thai++;
                    break;
                case >= '\u0400' and <= '\u04FF':
                    cyrillic++;
                    if (c is 'і' or 'ї' or 'є' or 'ґ')
                    {
                        uk++;
                    }
                    else if (c is 'ы' or 'э' or 'ъ' or 'ё')
                    {
                        ru++;
                    }

                    break;
                case >= 'a' and <= 'z':
                    latin++;
                    break;
                case 'ă' or 'ș' or 'ț' or 'ş' or 'ţ' or 'î':
                    latin++;
                    ro++;
                    break;
                case 'ơ' or 'ư' or 'đ':
                    latin++;
                    vi += 3;
                    break;
                case >= '\u1EA0' and <= '\u1EF9':
                    latin++;
                    vi++;
                    break;
                default:
                    if (char.IsLetter(c))
                    {
                        latin++;
                    }

                    break;
            }
        }

        int letters = latin + cyrillic + thai;
        if (letters == 0)
        {
            return null;
        }

        if (thai >= cyrillic && thai >= latin)
        {
            return Languages.Thai;
        }

        if (cyrillic >= latin)
        {
            return uk > ru ? Languages.Ukrainian : Languages.Russian;
        }

        // Vietnamese letters are frequent (one word in three); Romanian ones a few per sentence.
        if (vi * 50 >= latin && vi >= ro)
        {
            return Languages.Vietnamese;
        }

        return ro * 200 >= latin && ro > 0 ? Languages.Romanian : Languages.English;
    }
}
