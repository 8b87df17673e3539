using System.Globalization;
using System.Net;
using System.Text;

namespace ArticlePipeline.Extraction.Normalization;

/// <summary>
/// Text clean-up every string of a record goes through: HTML entities decoded, Unicode NFC (pages mix composed
/// and decomposed Vietnamese diacritics), zero-width and control characters removed, whitespace collapsed, trimmed.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Normalizes <paramref name="text"/>.</summary>
    /// <param name="text">Raw text.</param>
    /// <returns>The normalized text, possibly empty.</returns>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Contains('&', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsInvisible(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        string result = builder.ToString();
        return result.IsNormalized(NormalizationForm.FormC) ? result : result.Normalize(NormalizationForm.FormC);
    }

    private static bool IsInvisible(char c)
    {
        if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
        {
            return true;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
            && c is not '\u200E' and not '\u200F';
    }
}
