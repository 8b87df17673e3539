using ArticlePipeline.Crawling.Robots;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>The body caps of each kind of request, and the reader that stops as soon as a body passes its cap.</summary>
internal static class ResponseBodyReader
{
    /// <summary>
    /// The body cap: robots.txt's own; for a feed or sitemap the sitemap protocol's 50 MiB (a legal sitemap must not
    /// be refused whole), never less than <paramref name="maxBodyBytes"/>; for HTML, articles included,
    /// <paramref name="maxBodyBytes"/>.
    /// </summary>
    /// <param name="kind">What is fetched.</param>
    /// <param name="mediaType">The answer's media type, if it named one.</param>
    /// <param name="maxBodyBytes">The configured <see cref="NetworkOptions.MaxBodyBytes"/>.</param>
    /// <returns>The cap in bytes, after decompression.</returns>
    public static int MaxBytes(RequestKind kind, string? mediaType, int maxBodyBytes) => kind switch
    {
        RequestKind.Robots => RobotsParser.MaxBytes,
        RequestKind.Discovery when !ContentTypes.IsHtml(mediaType) => Math.Max(maxBodyBytes, NetworkOptions.MaxDiscoveryDocumentBytes),
        _ => maxBodyBytes,
    };

    /// <summary>
    /// Reads the (decompressed) body, stopping as soon as it passes <paramref name="max"/> bytes: then the bytes are
    /// <see langword="null"/>, or the first <paramref name="max"/> of them when <paramref name="keepPrefix"/>.
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
            // Sized from Content-Length when the server sent one (not after decompression: .NET drops it then).
            // One byte more than announced, so that the read that finds the end needs no bigger buffer (and no copy of it).
            long declared = content.Headers.ContentLength + 1 ?? 16 * 1024;
            byte[] buffer = new byte[(int)Math.Clamp(declared, 1, max + 1L)];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, max + 1L));
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
}
