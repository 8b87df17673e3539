using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Extraction.Decoding;

/// <summary>
/// Turns page bytes into text. A BOM decides first. Then bytes that are UTF-8 are UTF-8, whatever the header or a
/// <c>&lt;meta charset&gt;</c> says: non-ASCII bytes that form valid UTF-8 sequences, with at most one invalid
/// sequence per ten valid ones (those few become U+FFFD). Legacy single-byte text almost never forms UTF-8 by chance
/// (a Vietnamese windows-1258 page: 0 valid, 504 invalid), while stale labels and a few corrupt bytes in a UTF-8 page
/// are common. Otherwise the Content-Type charset, then a <c>&lt;meta charset&gt;</c> in the first 4 KiB, else
/// windows-1258 (a label claiming UTF-8 for bytes that are not is also read as windows-1258).
/// </summary>
internal static partial class PageDecoder
{
    static PageDecoder()
    {
        // windows-1258 (Vietnamese) and the other legacy code pages.
        Core.Text.TextEncodings.EnsureRegistered();
    }

    /// <summary>Decodes <paramref name="body"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(body[3..]);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(body[2..]);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(body[2..]);
        }

        if (LooksLikeUtf8(body))
        {
            return Encoding.UTF8.GetString(body);
        }

        Encoding? encoding = FromName(CharsetInHeader(contentType)) ?? FromName(CharsetInMeta(body));
        if (encoding is null || encoding.CodePage == Encoding.UTF8.CodePage)
        {
            // No label, or one that claims UTF-8 for bytes that are not: Vietnamese windows-1258 reads best.
            encoding = Encoding.GetEncoding(1258);
        }

        return encoding.GetString(body);
    }

    /// <summary>Whether the Content-Type names UTF-16 or UTF-32, whose text is full of NUL bytes.</summary>
    public static bool DeclaresWideCharset(string? contentType)
    {
        string? name = CharsetInHeader(contentType);
        return name is not null &&
            (name.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase) || name.StartsWith("utf-32", StringComparison.OrdinalIgnoreCase) ||
             name.Equals("unicode", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether the bytes are UTF-8 text beyond ASCII: valid multi-byte sequences, and at most one invalid sequence per
    /// ten of them.
    /// </summary>
    internal static bool LooksLikeUtf8(ReadOnlySpan<byte> body)
    {
        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            return !System.Text.Ascii.IsValid(body);
        }

        int valid = 0, invalid = 0;
        while (!body.IsEmpty)
        {
            int nonAscii = body.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (nonAscii < 0)
            {
                break;
            }

            body = body[nonAscii..];
            if (Rune.DecodeFromUtf8(body, out _, out int consumed) == OperationStatus.Done)
            {
                valid++;
            }
            else
            {
                invalid++;
            }

            body = body[consumed..];
        }

        return valid > 0 && invalid * 10 <= valid;
    }

    private static string? CharsetInHeader(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        Match match = HeaderCharset().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string? CharsetInMeta(ReadOnlySpan<byte> body)
    {
        string head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 4096)]);
        Match match = MetaCharset().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Encoding? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w.:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCharset();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([\w.:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
