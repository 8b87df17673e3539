using System.Buffers.Binary;
using System.IO.Compression;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// Undoes a body's content codings in memory, under the same cap as the body as sent: the decoded bytes are read
/// incrementally and decoding stops as soon as they pass the cap, so a decompression bomb costs at most the cap.
/// </summary>
internal static class ContentDecoder
{
    /// <summary>The smallest first buffer for a decoded body whose size is not known.</summary>
    private const int MinimumGuess = 16 * 1024;

    /// <summary>How much larger than the encoded body a decoded body of unknown size is first taken to be.</summary>
    private const int ExpansionGuess = 4;

    /// <summary>
    /// Decodes <paramref name="encoded"/>: the same array when no coding was applied, else a new one.
    /// </summary>
    /// <param name="encoded">The body as sent.</param>
    /// <param name="codings">The codings applied, first applied first (<see cref="ContentCodings.TryParse"/>).</param>
    /// <param name="max">The cap on the decoded body (and on every intermediate one).</param>
    /// <param name="keepPrefix">Whether a body over the cap keeps its first <paramref name="max"/> bytes.</param>
    /// <param name="encodedCut">
    /// Whether <paramref name="encoded"/> is only the start of the body (it passed the cap and its prefix was kept):
    /// then a decoder that meets the cut gives what it decoded before it, as a body over the cap.
    /// </param>
    /// <param name="cancellationToken">Cancels decoding.</param>
    /// <returns>The decoded body, and whether it passed the cap.</returns>
    /// <exception cref="InvalidDataException">The body is not valid in its coding (whichever decoder found it).</exception>
    public static async Task<ResponseBody> DecodeAsync(
        byte[] encoded,
        IReadOnlyList<ContentCoding> codings,
        int max,
        bool keepPrefix,
        bool encodedCut,
        CancellationToken cancellationToken = default)
    {
        var body = new ResponseBody(encoded, encodedCut);
        for (int i = codings.Count - 1; i >= 0 && body.Bytes is { } bytes; i--)
        {
            if (bytes.Length == 0)
            {
                break;
            }

            Stream decoder = Open(codings[i], bytes);
            await using (decoder.ConfigureAwait(false))
            {
                try
                {
                    body = body.OverLimit
                        ? await DecodePrefixAsync(decoder, max, cancellationToken).ConfigureAwait(false)
                        : await ResponseBodyReader.ReadAsync(decoder, Guess(codings[i], bytes, codings.Count == 1), max, keepPrefix, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException ex) when (decoder is BrotliStream)
                {
                    // BrotliStream reports invalid data with this type, the other decoders with InvalidDataException.
                    throw new InvalidDataException(ex.Message, ex);
                }
            }
        }

        return body;
    }

    /// <summary>
    /// Decodes the start of a body that was cut at the cap (only a body that keeps its prefix gets here): up to
    /// <paramref name="max"/> bytes, and whatever decoded before the cut when the decoder stops at it.
    /// </summary>
    private static async Task<ResponseBody> DecodePrefixAsync(Stream decoder, int max, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[max];
        int length = 0;
        try
        {
            int read;
            while (length < max && (read = await decoder.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is InvalidOperationException && decoder is BrotliStream))
        {
            // The input ends where the cap cut it, not where its coding does.
        }

        return new ResponseBody(buffer[..length], OverLimit: true);
    }

    private static Stream Open(ContentCoding coding, byte[] bytes)
    {
        var input = new MemoryStream(bytes, writable: false);
        return coding switch
        {
            ContentCoding.Gzip => new GZipStream(input, CompressionMode.Decompress),
            ContentCoding.Brotli => new BrotliStream(input, CompressionMode.Decompress),

            // RFC 9110 means zlib by "deflate", but servers have long sent raw deflate too; browsers take both, by
            // whether the first two bytes are a zlib header.
            _ when IsZlibHeader(bytes) => new ZLibStream(input, CompressionMode.Decompress),
            _ => new DeflateStream(input, CompressionMode.Decompress),
        };
    }

    /// <summary>Whether <paramref name="bytes"/> start with a zlib header (RFC 1950): method 8, window up to 32 KiB, check bits.</summary>
    private static bool IsZlibHeader(byte[] bytes) =>
        bytes.Length >= 2 && (bytes[0] & 0x0F) == 8 && bytes[0] >> 4 <= 7 && ((bytes[0] << 8) | bytes[1]) % 31 == 0;

    /// <summary>
    /// The expected decoded size: a single gzip member's trailer states it (modulo 4 GiB, and only a hint: the
    /// server may lie, and the cap still holds), other codings are guessed from the encoded size.
    /// </summary>
    private static long Guess(ContentCoding coding, byte[] bytes, bool only) =>
        coding == ContentCoding.Gzip && only && bytes.Length >= 18
            ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4))
            : Math.Max(MinimumGuess, (long)bytes.Length * ExpansionGuess);
}
