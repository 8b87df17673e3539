using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArticlePipeline.Output.Warc;

/// <summary>The text of WARC/1.1 records (ISO 28500:2017): header fields, record ids, dates and digests.</summary>
internal static class WarcFormat
{
    /// <summary>The version line every record starts with.</summary>
    public const string Version = "WARC/1.1";

    /// <summary>The Content-Type of a request record's block.</summary>
    public const string RequestContentType = "application/http;msgtype=request";

    /// <summary>The Content-Type of a response record's block.</summary>
    public const string ResponseContentType = "application/http;msgtype=response";

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A new record id, <c>&lt;urn:uuid:...&gt;</c>.</summary>
    /// <returns>The id with its angle brackets, as the field value.</returns>
    public static string NewRecordId() => "<urn:uuid:" + Guid.NewGuid().ToString("D") + ">";

    /// <summary>A WARC-Date value: UTC, with the fraction of a second WARC/1.1 allows.</summary>
    /// <param name="date">The time.</param>
    /// <returns>For example <c>2026-12-07T00:06:53.123456Z</c>.</returns>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a WARC-Date (with or without fraction).</summary>
    /// <param name="value">The field value.</param>
    /// <returns>The time, or <see langword="null"/>.</returns>
    public static DateTimeOffset? ParseDate(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date)
            ? date
            : null;

    /// <summary>The digest of <paramref name="bytes"/> as WARC tools write it: <c>sha1:</c> and base32 (RFC 4648).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>For example <c>sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ</c>.</returns>
    public static string Sha1(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // SHA-1 is what WARC tools write and compare (an identifier of content, not a security check).
        SHA1.HashData(bytes, hash);
#pragma warning restore CA5350
        return "sha1:" + Base32(hash);
    }

    /// <summary>Base32 (RFC 4648 alphabet, no padding needed for 20 bytes).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The text.</returns>
    public static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(((bytes.Length * 8) + 4) / 5);
        int buffer = 0;
        int bits = 0;
        foreach (byte b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    /// <summary>A whole record: version line, fields, Content-Length, blank line, block, and the two CRLFs after it.</summary>
    /// <param name="fields">The fields, in order, without Content-Length.</param>
    /// <param name="block">The record block.</param>
    /// <returns>The uncompressed record.</returns>
    public static byte[] Record(IEnumerable<KeyValuePair<string, string>> fields, ReadOnlySpan<byte> block)
    {
        var head = new StringBuilder(512);
        head.Append(Version).Append("\r\n");
        foreach ((string name, string value) in fields)
        {
            head.Append(name).Append(": ").Append(Clean(value)).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(block.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");

        // WARC fields are UTF-8 (WARC/1.1, 4); a target URI is ASCII once Uri has escaped it.
        int headLength = Encoding.UTF8.GetByteCount(head.ToString());
        byte[] record = new byte[headLength + block.Length + 4];
        Encoding.UTF8.GetBytes(head.ToString(), record);
        block.CopyTo(record.AsSpan(headLength));
        "\r\n\r\n"u8.CopyTo(record.AsSpan(headLength + block.Length));
        return record;
    }

    /// <summary>A field value on one line: line breaks and other control characters become spaces.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value, safe to write between a colon and CRLF.</returns>
    public static string Clean(string value) =>
        value.AsSpan().IndexOfAnyInRange('\0', '\x1f') < 0 && !value.Contains('\x7f', StringComparison.Ordinal)
            ? value
            : string.Create(value.Length, value, static (span, v) =>
            {
                for (int i = 0; i < v.Length; i++)
                {
                    span[i] = v[i] is < ' ' or '\x7f' ? (v[i] == '\t' ? '\t' : ' ') : v[i];
                }
            });
}
