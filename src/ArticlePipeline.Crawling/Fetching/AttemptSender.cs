using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Core.Text;
using ArticlePipeline.Core.Work;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// One request to one URL under the host's resilience pipeline: each attempt waits for the host's turn, runs under
/// the attempt timeout, and reads the answer under the guards (redirect target, content type, content coding, size
/// cap as sent and decoded) before the turn ends, keeping the exchange as it went over the wire.
/// </summary>
/// <param name="client">The fetcher's client.</param>
/// <param name="pipelines">The resilience pipelines.</param>
/// <param name="politeness">The hosts' turns.</param>
/// <param name="options">Network options: User-Agent, body cap, longest Retry-After.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Where bodies over their cap are logged.</param>
internal sealed class AttemptSender(
    HttpClient client, HostPipelines pipelines, HostPoliteness politeness, NetworkOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The failure reason of a redirect whose <c>Location</c> cannot be followed.</summary>
    public const string BadRedirect = "bad-redirect";

    /// <summary>Asks for <paramref name="target"/>, retrying transient failures under the host's pipeline.</summary>
    /// <param name="target">The URL.</param>
    /// <param name="validators">Conditional-GET validators, if any.</param>
    /// <param name="kind">What is fetched.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The last attempt's answer.</returns>
    /// <exception cref="HostBusyException">The host is another than the one this worker holds, and another worker held it for too long.</exception>
    public async Task<HttpAttempt> SendAsync(Uri target, FetchValidators? validators, RequestKind kind, CancellationToken cancellationToken = default)
    {
        // In a cluster, a host other than the worker's own is asked under its lease, retries included.
        IAsyncDisposable? lease = await HostTurns.EnterAsync(target, cancellationToken).ConfigureAwait(false);
        try
        {
            return await pipelines.For(target.Authority)
                .ExecuteAsync(async ct => await AttemptAsync(target, validators, kind, ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<HttpAttempt> AttemptAsync(Uri target, FetchValidators? validators, RequestKind kind, CancellationToken cancellationToken)
    {
        // Every attempt, retries included, waits for the host's turn; the wait is not part of the attempt's timeout,
        // and the turn lasts until the body has been read.
        using IDisposable turn = await politeness.EnterAsync(target.Authority, cancellationToken).ConfigureAwait(false);
        return await pipelines.AttemptTimeout
            .ExecuteAsync(async ct => await SendAndReadAsync(target, validators, kind, ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<HttpAttempt> SendAndReadAsync(Uri target, FetchValidators? validators, RequestKind kind, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = FetchRequest.Create(target, validators, kind, options.UserAgent);
        StrongBox<IPAddress?> remoteAddress = RemoteAddressStream.Watch();
        using HttpResponseMessage response = await client
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
            TimeSpan retryAfter = FetchRetry.RetryAfter(response, time);
            if (retryAfter > TimeSpan.Zero && status is 429 or 503)
            {
                // The server asked the whole host to wait, not only this URL.
                TimeSpan hold = TimeSpan.FromSeconds(Math.Min(retryAfter.TotalSeconds, options.MaxRetryAfterSeconds));
                politeness.Defer(target.Authority, time.GetUtcNow() + hold);
            }

            return new HttpAttempt(status, reasonPhrase) { RetryAfter = retryAfter };
        }

        // Recorded before anything below parses a header: a typed access reformats what the server sent.
        DateTimeOffset arrived = time.GetUtcNow();
        ImmutableArray<KeyValuePair<string, string>> wireHeaders = kind == RequestKind.Robots ? [] : WireExchange.ResponseHeaders(response);
        HttpContentHeaders headers = response.Content.Headers;
        string? mediaType = headers.ContentType?.MediaType;
        if (kind != RequestKind.Robots &&
            !ContentTypes.IsAcceptable(mediaType, kind == RequestKind.Article ? FetchPurpose.Article : FetchPurpose.Discovery))
        {
            return HttpAttempt.Refused(status, "content-type", $"{target}: content type {UntrustedText.Clean(mediaType, 100)} is not a page");
        }

        IEnumerable<string> encodings = headers.NonValidated.TryGetValues("Content-Encoding", out HeaderStringValues sent) ? sent : [];
        if (!ContentCodings.TryParse(encodings, out IReadOnlyList<ContentCoding> codings, out string? unknown))
        {
            return HttpAttempt.Refused(status, ContentCodings.Unsupported, $"{target}: content coding {UntrustedText.Clean(unknown, 100)} cannot be decoded (we ask for {ContentCodings.Accepted})");
        }

        // One cap on the body as sent and the same on the body decoded: a bomb is cut off as it inflates.
        int max = ResponseBodyReader.MaxBytes(kind, mediaType, options.MaxBodyBytes);
        if (kind != RequestKind.Robots && headers.ContentLength > max)
        {
            FetchLog.BodyTooLarge(logger, target, max);
            return HttpAttempt.Refused(status, "too-large", $"{target}: {headers.ContentLength} bytes, over the {max}-byte limit");
        }

        bool keepPrefix = kind == RequestKind.Robots;
        ResponseBody raw = await ResponseBodyReader.ReadAsync(response.Content, max, keepPrefix, cancellationToken).ConfigureAwait(false);
        if (raw.Bytes is not { } payload)
        {
            FetchLog.BodyTooLarge(logger, target, max);
            return HttpAttempt.Refused(status, "too-large", $"{target}: body over the {max}-byte limit (as sent)");
        }

        ResponseBody body = await ContentDecoder.DecodeAsync(payload, codings, max, keepPrefix, raw.OverLimit, cancellationToken).ConfigureAwait(false);
        if (body.Bytes is not { } bytes)
        {
            FetchLog.BodyTooLarge(logger, target, max);
            return HttpAttempt.Refused(status, "too-large", $"{target}: body over the {max}-byte limit (after decompression)");
        }

        if (body.OverLimit)
        {
            FetchLog.BodyCut(logger, target, max);
        }

        return new HttpAttempt(status, reasonPhrase)
        {
            Body = bytes,
            Exchange = kind == RequestKind.Robots ? null : WireExchange.Create(request, response, wireHeaders, payload, remoteAddress.Value, arrived),
            ContentType = headers.ContentType?.ToString(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = headers.LastModified,
        };
    }
}
