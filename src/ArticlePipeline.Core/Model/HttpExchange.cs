using System.Collections.Immutable;

namespace ArticlePipeline.Core.Model;

/// <summary>One HTTP request and its response as they went over the wire: what a WARC capture keeps.</summary>
/// <param name="TargetUri">The URL requested (the last hop of a redirect chain).</param>
/// <param name="Method">The request method.</param>
/// <param name="RequestHeaders">The request headers as sent, in order.</param>
/// <param name="HttpVersion">The response's protocol version, e.g. <c>1.1</c>.</param>
/// <param name="Status">The response status.</param>
/// <param name="Reason">The response's reason phrase, if any.</param>
/// <param name="ResponseHeaders">The response headers as received, in order (without <c>Transfer-Encoding</c>: the payload is de-chunked).</param>
/// <param name="Payload">The response body as received: still content-encoded (gzip, br) when the server encoded it.</param>
/// <param name="RemoteAddress">The server's IP address, when known.</param>
/// <param name="Date">When the response arrived.</param>
public sealed record HttpExchange(
    Uri TargetUri,
    string Method,
    ImmutableArray<KeyValuePair<string, string>> RequestHeaders,
    string HttpVersion,
    int Status,
    string? Reason,
    ImmutableArray<KeyValuePair<string, string>> ResponseHeaders,
    ReadOnlyMemory<byte> Payload,
    string? RemoteAddress,
    DateTimeOffset Date)
{
    /// <summary>The values of every response header named <paramref name="name"/> (case-insensitively), in order.</summary>
    /// <param name="name">The header name, e.g. <c>Content-Encoding</c>.</param>
    /// <returns>The values; none when the header is absent.</returns>
    public IEnumerable<string> ResponseHeaderValues(string name) =>
        (ResponseHeaders.IsDefault ? [] : ResponseHeaders)
            .Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value);
}
