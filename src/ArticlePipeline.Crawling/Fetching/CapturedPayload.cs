using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// Turns a captured exchange's payload (the body as received) back into the body the page pipeline reads, with the
/// fetcher's own decoder and cap: <c>reprocess</c> sees exactly the bytes a fetch would have given.
/// </summary>
public static class CapturedPayload
{
    /// <summary>Undoes the payload's content codings under <paramref name="maxBytes"/>.</summary>
    /// <param name="exchange">The captured exchange.</param>
    /// <param name="maxBytes">The cap on the decoded body (<c>Network:MaxBodyBytes</c>).</param>
    /// <param name="cancellationToken">Cancels decoding.</param>
    /// <returns>The body, or <see langword="null"/> and why: <c>content-encoding</c>, <c>corrupt</c> or <c>too-large</c>.</returns>
    public static async Task<(byte[]? Body, string? Reason, string? Detail)> DecodeAsync(HttpExchange exchange, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (!ContentCodings.TryParse(exchange.ResponseHeaderValues("Content-Encoding"), out IReadOnlyList<ContentCoding> codings, out string? unknown))
        {
            return (null, ContentCodings.Unsupported, $"content coding {Core.Text.UntrustedText.Clean(unknown, 100)} cannot be decoded");
        }

        byte[] payload = exchange.Payload.ToArray();
        if (payload.Length > maxBytes)
        {
            return (null, "too-large", $"body over the {maxBytes}-byte limit (as sent)");
        }

        try
        {
            ResponseBody body = await ContentDecoder.DecodeAsync(payload, codings, maxBytes, keepPrefix: false, encodedCut: false, cancellationToken).ConfigureAwait(false);
            return body.Bytes is { } bytes
                ? (bytes, null, null)
                : (null, "too-large", $"body over the {maxBytes}-byte limit (after decompression)");
        }
        catch (InvalidDataException ex)
        {
            return (null, "corrupt", "the captured body does not decode: " + ex.Message);
        }
    }
}
