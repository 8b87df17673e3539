using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// Records an exchange as it went over the wire (<see cref="HttpExchange"/>): the request headers as sent, with the
/// <c>Host</c> the handler writes itself, and the response headers as received, before any typed access reformats them.
/// </summary>
internal static class WireExchange
{
    /// <summary>
    /// The response's headers, then its content's, in the order the response exposes them; a header received on
    /// several lines gives one entry per line. <c>Transfer-Encoding</c> is left out: the payload kept is de-chunked.
    /// </summary>
    /// <param name="response">The response, read before anything parses its headers (a typed access would reformat them).</param>
    /// <returns>The header lines.</returns>
    public static ImmutableArray<KeyValuePair<string, string>> ResponseHeaders(HttpResponseMessage response)
    {
        ImmutableArray<KeyValuePair<string, string>>.Builder lines = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        Add(lines, response.Headers, skip: "Transfer-Encoding");
        Add(lines, response.Content.Headers, skip: null);
        return lines.DrainToImmutable();
    }

    /// <summary>The exchange of a request and the response it got.</summary>
    /// <param name="request">The request, after it was sent.</param>
    /// <param name="response">The response.</param>
    /// <param name="responseHeaders">The response's headers, from <see cref="ResponseHeaders"/>.</param>
    /// <param name="payload">The body as received, still content-encoded when it was.</param>
    /// <param name="remoteAddress">The server's address the request reached, when known (not through a proxy).</param>
    /// <param name="date">When the response arrived.</param>
    /// <returns>The exchange.</returns>
    public static HttpExchange Create(
        HttpRequestMessage request,
        HttpResponseMessage response,
        ImmutableArray<KeyValuePair<string, string>> responseHeaders,
        ReadOnlyMemory<byte> payload,
        IPAddress? remoteAddress,
        DateTimeOffset date)
    {
        Uri target = request.RequestUri!;
        ImmutableArray<KeyValuePair<string, string>>.Builder lines = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();

        // The handler writes Host first, from the URI, unless the request names one.
        if (request.Headers.Host is null)
        {
            lines.Add(new("Host", Host(target)));
        }

        Add(lines, request.Headers, skip: null);
        if (request.Content is { } content)
        {
            Add(lines, content.Headers, skip: null);
        }

        Version version = response.Version;
        return new HttpExchange(
            target,
            request.Method.Method,
            lines.DrainToImmutable(),
            version.Major >= 2 ? version.Major.ToString(CultureInfo.InvariantCulture) : version.ToString(2),
            (int)response.StatusCode,
            response.ReasonPhrase,
            responseHeaders,
            payload,
            remoteAddress?.ToString(),
            date);
    }

    /// <summary>The <c>Host</c> header of <paramref name="target"/> as the handler writes it: the IDN host, the port unless default.</summary>
    private static string Host(Uri target)
    {
        string host = target.HostNameType == UriHostNameType.IPv6 ? "[" + target.IdnHost + "]" : target.IdnHost;
        return target.IsDefaultPort ? host : host + ":" + target.Port.ToString(CultureInfo.InvariantCulture);
    }

    private static void Add(ImmutableArray<KeyValuePair<string, string>>.Builder lines, HttpHeaders headers, string? skip)
    {
        foreach (KeyValuePair<string, HeaderStringValues> header in headers.NonValidated)
        {
            if (skip is not null && string.Equals(header.Key, skip, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (string value in header.Value)
            {
                lines.Add(new(header.Key, value));
            }
        }
    }
}
