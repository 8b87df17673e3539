using System.Globalization;
using System.Text;

namespace ArticlePipeline.Core.Text;

/// <summary>
/// Makes text that a server chose safe to print, log and store: reason phrases, error bodies, header values,
/// robots.txt lines, and exception messages that quote them. Pure.
/// </summary>
/// <remarks>
/// Control characters (C0 including ESC, DEL, C1 including the 8-bit CSI) and format characters (bidi embeddings,
/// overrides and isolates, zero-width characters) are removed, so a server cannot move the cursor, recolour or
/// clear a terminal, set its title, or reorder what an operator reads. Each run of whitespace (line breaks and tabs
/// included) becomes one space and the ends are trimmed, so one message stays one line. An unpaired surrogate becomes U+FFFD. The result is cut to a length cap with an
/// ellipsis, so a 60 KB reason phrase cannot make a 60 KB line.
/// </remarks>
public static class UntrustedText
{
    /// <summary>The default cap, in UTF-16 characters, the ellipsis included.</summary>
    public const int DefaultMaxLength = 300;

    /// <summary>The character that ends a text that was cut.</summary>
    public const char Ellipsis = '…';

    /// <summary>Cleans <paramref name="text"/> and caps its length.</summary>
    /// <param name="text">Text a server provided, or a message quoting it; <see langword="null"/> gives an empty string.</param>
    /// <param name="maxLength">The longest result, ellipsis included (at least 2).</param>
    /// <returns>One line of printable text, at most <paramref name="maxLength"/> characters long.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is under 2.</exception>
    public static string Clean(string? text, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // One character past the cap is enough to know the text was cut; the rest is never looked at.
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        bool pendingSpace = false;
        for (int i = 0; i < text.Length && builder.Length <= maxLength; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                AppendPendingSpace(builder, ref pendingSpace);
                builder.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (IsBreak(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsHidden(c))
            {
                continue;
            }

            AppendPendingSpace(builder, ref pendingSpace);
            builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        if (builder.Length <= maxLength)
        {
            return builder.ToString();
        }

        int cut = maxLength - 1;
        if (char.IsLowSurrogate(builder[cut]))
        {
            // Never keep half of a surrogate pair.
            cut--;
        }

        return builder.ToString(0, cut).TrimEnd() + Ellipsis;
    }

    private static void AppendPendingSpace(StringBuilder builder, ref bool pendingSpace)
    {
        if (pendingSpace)
        {
            builder.Append(' ');
            pendingSpace = false;
        }
    }

    // Any whitespace, including those that start a new line or move the cursor (LF, CR, VT, FF, NEL, U+2028).
    private static bool IsBreak(char c) => char.IsWhiteSpace(c);

    // C0, DEL and C1 controls, and format characters (bidi controls, zero-width characters, soft hyphen).
    private static bool IsHidden(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}
