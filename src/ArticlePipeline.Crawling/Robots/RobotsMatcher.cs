using System.Text;

namespace ArticlePipeline.Crawling.Robots;

/// <summary>
/// Path matching of RFC 9309, section 2.2.2 and 2.2.3. Pure: patterns match from the start of the path, <c>*</c>
/// matches any run of characters, a final <c>$</c> matches the end; both sides are compared after the same
/// percent-encoding normalization, so <c>/%7Efoo</c> and <c>/~foo</c>, or <c>/ツ</c> and <c>/%E3%83%84</c>, are equal.
/// </summary>
public static class RobotsMatcher
{
    /// <summary>
    /// Normalizes percent-encoding: escapes of unreserved characters (letters, digits, <c>-._~</c>) are decoded,
    /// other escapes get upper-case hex digits, and non-ASCII characters, spaces and controls are UTF-8
    /// percent-encoded. Reserved characters such as <c>%2F</c> stay encoded, so <c>/a%2Fb</c> is not <c>/a/b</c>.
    /// </summary>
    /// <param name="value">A path (with query) or a rule's pattern.</param>
    /// <returns>The normalized form.</returns>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!NeedsNormalizing(value))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                int octet = (HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]);
                if (IsUnreserved(octet))
                {
                    text.Append((char)octet);
                }
                else
                {
                    AppendEscape(text, (byte)octet);
                }

                i += 2;
            }
            else if (c > 0x20 && c < 0x7F)
            {
                text.Append(c);
            }
            else
            {
                // Non-ASCII (as UTF-8 octets), space and control characters are compared percent-encoded.
                if (Rune.DecodeFromUtf16(value.AsSpan(i), out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                    consumed = 1;
                }

                int length = rune.EncodeToUtf8(utf8);
                foreach (byte octet in utf8[..length])
                {
                    AppendEscape(text, octet);
                }

                i += consumed - 1;
            }
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="pattern"/> matches <paramref name="path"/>; both already normalized.</summary>
    /// <param name="pattern">A normalized rule pattern.</param>
    /// <param name="path">A normalized path and query.</param>
    /// <returns><see langword="true"/> when the pattern matches a prefix of the path (all of it with <c>$</c>).</returns>
    public static bool Matches(string pattern, string path)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(path);

        // The positions in the path that the pattern so far can end at, ascending (Google's robotstxt algorithm):
        // linear in pattern length times path length, with no backtracking blow-up on many wildcards.
        int[] positions = new int[path.Length + 1];
        int count = 1;
        positions[0] = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '$' && i == pattern.Length - 1)
            {
                return positions[count - 1] == path.Length;
            }

            if (c == '*')
            {
                int from = positions[0];
                count = path.Length - from + 1;
                for (int k = 0; k < count; k++)
                {
                    positions[k] = from + k;
                }

                continue;
            }

            int kept = 0;
            for (int k = 0; k < count; k++)
            {
                int p = positions[k];
                if (p < path.Length && path[p] == c)
                {
                    positions[kept++] = p + 1;
                }
            }

            if (kept == 0)
            {
                return false;
            }

            count = kept;
        }

        return true;
    }

    private static bool NeedsNormalizing(string value)
    {
        foreach (char c in value)
        {
            if (c == '%' || c <= 0x20 || c >= 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnreserved(int octet) =>
        octet is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static void AppendEscape(StringBuilder text, byte octet)
    {
        const string Hex = "0123456789ABCDEF";
        text.Append('%').Append(Hex[octet >> 4]).Append(Hex[octet & 0xF]);
    }
}
