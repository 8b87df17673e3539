using System.IO.Compression;

namespace ArticlePipeline.Core.Text;

/// <summary>
/// Undoes an HTTP <c>Content-Encoding</c> (gzip, deflate with or without its zlib wrapper, br, identity, and chains of
/// them) with a cap on the decoded size: a body that decodes past the cap is refused, however small it was sent.
/// </summary>
public static class ContentCoding
{
    /// <summary>Decodes <paramref name="payload"/>.</summary>
    /// <param name="payload">The body as received.</param>
    /// <param name="contentEncoding">The Content-Encoding header's value, if any (codings in the order they were applied).</param>
    /// <param name="maxBytes">The largest decoded body accepted.</param>
    /// <returns>
    /// The decoded bytes (the payload itself when nothing was encoded), or <see langword="null"/> and why: <c>content-encoding</c>
    /// (a coding we do not know, or bytes that do not decode) or <c>too-large</c>.
    /// </returns>
    public static (byte[]? Body, string? Reason, string? Detail) Decode(ReadOnlyMemory<byte> payload, string? contentEncoding, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        byte[] body = payload.ToArray();
        string[] codings = (contentEncoding ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Codings are listed in the order they were applied: undone from the last.
        for (int i = codings.Length - 1; i >= 0; i--)
        {
            string coding = codings[i].ToLowerInvariant();
            if (coding is "identity")
            {
                continue;
            }

            if (coding is not ("gzip" or "x-gzip" or "deflate" or "br"))
            {
                return (null, "content-encoding", $"unknown content coding '{UntrustedText.Clean(codings[i], 40)}'");
            }

            try
            {
                byte[]? decoded = Inflate(body, coding, maxBytes);
                if (decoded is null)
                {
                    return (null, "too-large", $"the body decodes to more than {maxBytes} bytes");
                }

                body = decoded;
            }
            catch (InvalidDataException ex)
            {
                return (null, "content-encoding", $"the {coding} body does not decode: {ex.Message}");
            }
        }

        return body.Length > maxBytes ? (null, "too-large", $"the body is larger than {maxBytes} bytes") : (body, null, null);
    }

    private static byte[]? Inflate(byte[] encoded, string coding, int maxBytes)
    {
        using var input = new MemoryStream(encoded, writable: false);
        using Stream decoder = coding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            // "deflate" is meant to be zlib-wrapped, but servers also send raw deflate: the wrapper's first byte tells.
            "deflate" when IsZlib(encoded) => new ZLibStream(input, CompressionMode.Decompress),
            "deflate" => new DeflateStream(input, CompressionMode.Decompress),
            _ => new GZipStream(input, CompressionMode.Decompress),
        };
        using var output = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = decoder.Read(buffer)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                return null;
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    // A zlib header: compression method 8 in the low nibble, and the two bytes a multiple of 31 (RFC 1950).
    private static bool IsZlib(byte[] data) =>
        data.Length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;
}
