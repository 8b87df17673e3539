using System.Net.Http.Headers;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Crawling.Robots;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>One attempt: the host's turn, the request, and the body read under the guards.</summary>
public sealed partial class HttpPageFetcher
{
    /// <summary>The failure reason of a redirect whose <c>Location</c> cannot be followed.</summary>
    internal const string BadRedirect = "bad-redirect";

    private async Task<HttpAttempt> ExecuteAsync(Uri target, FetchValidators? validators, RequestKind kind, CancellationToken cancellationToken) =>
        await PipelineFor(target.Authority)
            .ExecuteAsync(async ct => await AttemptAsync(target, validators, kind, ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);

    private async ValueTask<HttpAttempt> AttemptAsync(Uri target, FetchValidators? validators, RequestKind kind, CancellationToken cancellationToken)
    {
        // Every attempt, retries included, waits for the host's turn; the wait is not part of the attempt's timeout,
        // and the turn lasts until the body has been read.
        using IDisposable turn = await _politeness.EnterAsync(target.Authority, cancellationToken).ConfigureAwait(false);
        return await _attemptTimeout
            .ExecuteAsync(async ct => await SendAndReadAsync(target, validators, kind, ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<HttpAttempt> SendAndReadAsync(Uri target, FetchValidators? validators, RequestKind kind, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = CreateRequest(target, validators, kind);
        using HttpResponseMessage response = await _client
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        int status = (int)response.StatusCode;

        // The reason phrase is the server's own text: cleaned and cut before it can reach a terminal, a log or a record.
        string reasonPhrase = UntrustedText.Clean(response.ReasonPhrase);
        IReadOnlyList<string> locations = response.Headers.NonValidated.TryGetValues("Location", out HeaderStringValues values) ? [.. values] : [];
        if (RedirectTarget.IsRedirect(status, locations.Count > 0))
        {
            return RedirectTarget.Resolve(target, locations, out string? problem) is { } location
                ? new HttpAttempt(status, reasonPhrase) { Location = location }
                : HttpAttempt.Refused(status, BadRedirect, problem!);
        }

        if (status is < 200 or >= 300)
        {
            TimeSpan retryAfter = FetchRetry.RetryAfter(response, _time);
            if (retryAfter > TimeSpan.Zero && status is 429 or 503)
            {
                // The server asked the whole host to wait, not only this URL.
                TimeSpan hold = TimeSpan.FromSeconds(Math.Min(retryAfter.TotalSeconds, _options.MaxRetryAfterSeconds));
                _politeness.Defer(target.Authority, _time.GetUtcNow() + hold);
            }

            return new HttpAttempt(status, reasonPhrase) { RetryAfter = retryAfter };
        }

        HttpContentHeaders headers = response.Content.Headers;
        string? mediaType = headers.ContentType?.MediaType;
        if (kind != RequestKind.Robots &&
            !ContentTypes.IsAcceptable(mediaType, kind == RequestKind.Article ? FetchPurpose.Article : FetchPurpose.Discovery))
        {
            return HttpAttempt.Refused(status, "content-type", $"{target}: content type {UntrustedText.Clean(mediaType, 100)} is not a page");
        }

        int max = MaxBytes(kind, mediaType);
        if (kind != RequestKind.Robots && headers.ContentLength > max)
        {
            return HttpAttempt.Refused(status, "too-large", $"{target}: {headers.ContentLength} bytes, over the {max}-byte limit");
        }

        byte[]? body = await ReadBodyAsync(response.Content, max, keepPrefix: kind == RequestKind.Robots, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return HttpAttempt.Refused(status, "too-large", $"{target}: body over the {max}-byte limit (after decompression)");
        }

        return new HttpAttempt(status, reasonPhrase)
        {
            Body = body,
            ContentType = headers.ContentType?.ToString(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = headers.LastModified,
        };
    }

    /// <summary>
    /// The body cap: robots.txt's own; for a feed or sitemap the sitemap protocol's 50 MiB (a legal sitemap must not
    /// be refused whole), never less than <see cref="NetworkOptions.MaxBodyBytes"/>; for HTML, articles included,
    /// <see cref="NetworkOptions.MaxBodyBytes"/>.
    /// </summary>
    private int MaxBytes(RequestKind kind, string? mediaType) => kind switch
    {
        RequestKind.Robots => RobotsParser.MaxBytes,
        RequestKind.Discovery when !ContentTypes.IsHtml(mediaType) => Math.Max(_options.MaxBodyBytes, NetworkOptions.MaxDiscoveryDocumentBytes),
        _ => _options.MaxBodyBytes,
    };

    /// <summary>
    /// Reads the (decompressed) body, stopping as soon as it passes <paramref name="max"/> bytes: then the result is
    /// <see langword="null"/>, or its first <paramref name="max"/> bytes when <paramref name="keepPrefix"/>.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContent content, int max, bool keepPrefix, CancellationToken cancellationToken)
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
                return keepPrefix ? buffer[..max] : null;
            }

            return length == buffer.Length ? buffer : buffer[..length];
        }
    }

    private HttpRequestMessage CreateRequest(Uri url, FetchValidators? validators, RequestKind kind)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", kind switch
        {
            RequestKind.Article => "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
            RequestKind.Discovery => "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.5",
            _ => "text/plain,*/*;q=0.5",
        });
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
