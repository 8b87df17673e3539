using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ArticlePipeline.Output.Warc;

/// <summary>
/// The HTTP message inside a request or response record: start line, header lines, blank line, body. Header lines
/// are written byte for byte as received: HttpClient hands over each byte as one Latin-1 character, so Latin-1
/// turns them back into the same bytes (UTF-8 file names in Content-Disposition included). A value holding
/// characters above U+00FF (set by code, not received) is written as UTF-8.
/// </summary>
internal static class HttpBlock
{
    /// <summary>The most bytes of start line plus header lines a reader accepts.</summary>
    public const int MaxHeaderBytes = 256 * 1024;

    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>The request as sent: request line and header lines (no body: the fetcher only sends GET and HEAD).</summary>
    /// <param name="method">The method.</param>
    /// <param name="target">The URL.</param>
    /// <param name="version">The HTTP version, e.g. <c>1.1</c>.</param>
    /// <param name="headers">The headers as sent.</param>
    /// <returns>The block.</returns>
    public static byte[] Request(string method, Uri target, string version, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var text = new StringBuilder(256);
        text.Append(Token(method, "GET")).Append(' ').Append(target.PathAndQuery).Append(" HTTP/").Append(Token(version, "1.1")).Append("\r\n");

        // HttpClient adds Host below the layer that sees the headers; an HTTP/1.1 request always carries it.
        if (!headers.Any(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append("Host: ").Append(target.IsDefaultPort ? target.IdnHost : target.IdnHost + ":" + target.Port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return Encode(text, headers, []);
    }

    /// <summary>The response as received: status line, header lines, blank line, payload bytes.</summary>
    /// <param name="version">The HTTP version.</param>
    /// <param name="status">The status code.</param>
    /// <param name="reason">The reason phrase.</param>
    /// <param name="headers">The headers as received.</param>
    /// <param name="payload">The payload, still content-encoded.</param>
    /// <returns>The block.</returns>
    public static byte[] Response(string version, int status, string? reason, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload)
    {
        var text = new StringBuilder(1024);
        text.Append("HTTP/").Append(Token(version, "1.1")).Append(' ').Append(status.ToString("D3", CultureInfo.InvariantCulture));
        text.Append(' ').Append(WarcFormat.Clean(reason ?? string.Empty)).Append("\r\n");
        return Encode(text, headers, payload);
    }

    /// <summary>Splits a block into start line, headers and body.</summary>
    /// <param name="block">The record block.</param>
    /// <returns>The parts.</returns>
    /// <exception cref="InvalidDataException">No blank line within <see cref="MaxHeaderBytes"/>, or a malformed header line.</exception>
    public static (string StartLine, ImmutableArray<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body) Parse(ReadOnlyMemory<byte> block)
    {
        ReadOnlySpan<byte> span = block.Span;
        ReadOnlySpan<byte> window = span[..Math.Min(span.Length, MaxHeaderBytes)];
        int end = window.IndexOf("\r\n\r\n"u8);
        int bodyStart = end + 4;
        if (end < 0)
        {
            // A message without a body may end right after its last header line.
            if (span.Length <= MaxHeaderBytes && span.EndsWith("\r\n"u8))
            {
                end = span.Length - 2;
                bodyStart = span.Length;
            }
            else
            {
                throw new InvalidDataException($"no end of the HTTP header within {MaxHeaderBytes} bytes");
            }
        }

        string[] lines = Latin1.GetString(span[..end]).Split("\r\n");
        var headers = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (string line in lines.AsSpan(1))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && headers.Count > 0)
            {
                // obs-fold (RFC 9112, 5.2): a continuation of the previous value.
                KeyValuePair<string, string> last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"malformed HTTP header line '{Shorten(line)}'");
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return (lines[0], headers.ToImmutable(), block[bodyStart..]);
    }

    /// <summary>Splits a status line <c>HTTP/1.1 200 OK</c>.</summary>
    /// <param name="line">The line.</param>
    /// <returns>Version (<c>1.1</c>), status, reason or <see langword="null"/>.</returns>
    /// <exception cref="InvalidDataException">Not a status line.</exception>
    public static (string Version, int Status, string? Reason) ParseStatusLine(string line)
    {
        string[] parts = line.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            parts[1].Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status))
        {
            throw new InvalidDataException($"not an HTTP status line: '{Shorten(line)}'");
        }

        string? reason = parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null;
        return (parts[0]["HTTP/".Length..], status, reason);
    }

    private static byte[] Encode(StringBuilder text, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload)
    {
        var bytes = new List<byte[]>(headers.Count + 2) { Latin1.GetBytes(text.ToString()) };
        foreach ((string name, string value) in headers)
        {
            if (!IsToken(name))
            {
                // Not a header a server could have sent; a name with a colon or a space would corrupt the message.
                continue;
            }

            string line = name + ": " + WarcFormat.Clean(value) + "\r\n";
            bytes.Add(line.AsSpan().IndexOfAnyInRange('\u0100', '\uffff') < 0 ? Latin1.GetBytes(line) : Encoding.UTF8.GetBytes(line));
        }

        bytes.Add("\r\n"u8.ToArray());
        byte[] block = new byte[bytes.Sum(b => b.Length) + payload.Length];
        int at = 0;
        foreach (byte[] part in bytes)
        {
            part.CopyTo(block, at);
            at += part.Length;
        }

        payload.CopyTo(block.AsSpan(at));
        return block;
    }

    private static string Token(string value, string fallback) => IsToken(value) ? value : fallback;

    private static bool IsToken(string value) =>
        value.Length > 0 && value.All(c => c is > ' ' and < '\x7f' and not (':' or '(' or ')' or '<' or '>' or '@' or ',' or ';' or '\\' or '"' or '[' or ']' or '?' or '=' or '{' or '}'));

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "...";
}
