using ArticlePipeline.Crawling.Robots;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>The body caps of each kind of request, and the reader that stops as soon as a body passes its cap.</summary>
internal static class ResponseBodyReader
{
    /// <summary>The first buffer of a body whose size is not announced.</summary>
    private const int UnknownLengthBuffer = 16 * 1024;

    /// <summary>
    /// The body cap: robots.txt's own; for a feed or sitemap the sitemap protocol's 50 MiB (a legal sitemap must not
    /// be refused whole), never less than <paramref name="maxBodyBytes"/>; for HTML, articles included,
    /// <paramref name="maxBodyBytes"/>.
    /// </summary>
    /// <param name="kind">What is fetched.</param>
    /// <param name="mediaType">The answer's media type, if it named one.</param>
    /// <param name="maxBodyBytes">The configured <see cref="NetworkOptions.MaxBodyBytes"/>.</param>
    /// <returns>The cap in bytes, both on the body as sent and on the body after decoding.</returns>
    public static int MaxBytes(RequestKind kind, string? mediaType, int maxBodyBytes) => kind switch
    {
        RequestKind.Robots => RobotsParser.MaxBytes,
        RequestKind.Discovery when !ContentTypes.IsHtml(mediaType) => Math.Max(maxBodyBytes, NetworkOptions.MaxDiscoveryDocumentBytes),
        _ => maxBodyBytes,
    };

    /// <summary>
    /// Reads the body as it was sent (still content-encoded, if it was), stopping as soon as it passes
    /// <paramref name="max"/> bytes: then the bytes are <see langword="null"/>, or the first <paramref name="max"/>
    /// of them when <paramref name="keepPrefix"/>.
    /// </summary>
    /// <param name="content">The response content.</param>
    /// <param name="max">The cap in bytes.</param>
    /// <param name="keepPrefix">Whether a body over the cap keeps its first <paramref name="max"/> bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, and whether it passed the cap.</returns>
    public static async Task<ResponseBody> ReadAsync(HttpContent content, int max, bool keepPrefix, CancellationToken cancellationToken = default)
    {
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            long expected = content.Headers.ContentLength ?? UnknownLengthBuffer;
            return await ReadAsync(stream, expected, max, keepPrefix, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end or until it passes <paramref name="max"/> bytes, whichever comes
    /// first; a body over the cap gives <see langword="null"/>, or its first <paramref name="max"/> bytes when
    /// <paramref name="keepPrefix"/>.
    /// </summary>
    /// <param name="stream">The stream: a response body, or a decoder over one.</param>
    /// <param name="expected">How many bytes are expected (a hint; the stream may hold fewer or more).</param>
    /// <param name="max">The cap in bytes.</param>
    /// <param name="keepPrefix">Whether a body over the cap keeps its first <paramref name="max"/> bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, and whether they passed the cap.</returns>
    public static async Task<ResponseBody> ReadAsync(Stream stream, long expected, int max, bool keepPrefix, CancellationToken cancellationToken = default)
    {
        // Sized as expected: when the hint is right, the buffer is the body, with no copy to trim it. A full buffer
        // is followed by a one-byte read that finds the end, or the byte that says the body goes on.
        byte[] buffer = new byte[(int)Math.Clamp(expected, 1, max + 1L)];
        byte[]? probe = null;
        int length = 0;
        while (length <= max)
        {
            if (length == buffer.Length)
            {
                probe ??= new byte[1];
                if (await stream.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, max + 1L));
                buffer[length++] = probe[0];
                continue;
            }

            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > max)
        {
            return new ResponseBody(keepPrefix ? buffer[..max] : null, OverLimit: true);
        }

        return new ResponseBody(length == buffer.Length ? buffer : buffer[..length], OverLimit: false);
    }
}
