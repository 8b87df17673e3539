using System.Net.Http.Headers;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The GET the fetcher sends: our User-Agent, the Accept of the kind of request, the content codings we decode, and
/// conditional headers.
/// </summary>
internal static class FetchRequest
{
    /// <summary>Creates the request for <paramref name="url"/>.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="validators">The validators of a copy already held (first hop only), if any.</param>
    /// <param name="kind">What is fetched; it decides the Accept header.</param>
    /// <param name="userAgent">The configured User-Agent.</param>
    /// <returns>The request.</returns>
    public static HttpRequestMessage Create(Uri url, FetchValidators? validators, RequestKind kind, string userAgent)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("Accept", kind switch
        {
            RequestKind.Article => "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
            RequestKind.Discovery => "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.5",
            _ => "text/plain,*/*;q=0.5",
        });
        request.Headers.TryAddWithoutValidation("Accept-Encoding", ContentCodings.Accepted);
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi,en;q=0.5");
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out EntityTagHeaderValue? parsed))
        {
            request.Headers.IfNoneMatch.Add(parsed);
        }

        if (validators?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        return request;
    }
}
