using System.Text;
using System.Text.RegularExpressions;

namespace ArticlePipeline.Extraction.Decoding;

/// <summary>
/// Turns page bytes into text: the charset comes from the BOM, then the Content-Type header, then a
/// <c>&lt;meta charset&gt;</c> in the first 4 KiB (unless the bytes are valid non-ASCII UTF-8, which wins over a stale
/// meta tag), then UTF-8 if the bytes are valid UTF-8, else windows-1258.
/// </summary>
internal static partial class PageDecoder
{
    static PageDecoder()
    {
        // windows-1258 (Vietnamese) and the other legacy code pages.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
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

        Encoding? encoding = FromName(CharsetInHeader(contentType));
        if (encoding is null)
        {
            // A meta tag is often stale (a page converted to UTF-8 keeps its old charset): bytes that are valid UTF-8
            // and not plain ASCII are UTF-8, since legacy multi-byte text almost never forms valid UTF-8 by chance.
            encoding = FromName(CharsetInMeta(body));
            if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage && !IsAscii(body) && IsValidUtf8(body))
            {
                encoding = Encoding.UTF8;
            }
        }

        if (encoding is null)
        {
            encoding = IsValidUtf8(body) ? Encoding.UTF8 : Encoding.GetEncoding(1258);
        }
        else if (encoding.CodePage == Encoding.UTF8.CodePage && !IsValidUtf8(body))
        {
            // A page that says UTF-8 but is not (a wrong header) reads better as Vietnamese windows-1258.
            encoding = Encoding.GetEncoding(1258);
        }

        return encoding.GetString(body);
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

    private static bool IsAscii(ReadOnlySpan<byte> body) => System.Text.Ascii.IsValid(body);

    private static bool IsValidUtf8(ReadOnlySpan<byte> body) => System.Text.Unicode.Utf8.IsValid(body);

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w.:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCharset();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([\w.:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
