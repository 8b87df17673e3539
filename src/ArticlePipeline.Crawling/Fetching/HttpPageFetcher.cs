using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ArticlePipeline.Core.Abstractions;
using ArticlePipeline.Core.Model;
using ArticlePipeline.Crawling.Policy;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ArticlePipeline.Crawling.Fetching;

/// <summary>
/// The production fetcher: HttpClient behind a Polly pipeline (per-attempt timeout, jittered exponential retries
/// of transient failures honouring Retry-After), per-host politeness, conditional GET, manual redirects with the
/// address policy checked at every hop and at connect time, and caps on body size after decompression.
/// </summary>
public sealed class HttpPageFetcher : IPageFetcher, IDisposable
{
    private readonly NetworkOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly HostPoliteness _politeness;

    /// <summary>Creates the fetcher.</summary>
    /// <param name="options">Network options.</param>
    /// <param name="timeProvider">Clock for delays and timestamps; the system clock when <see langword="null"/>.</param>
    public HttpPageFetcher(NetworkOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _politeness = new HostPoliteness(TimeSpan.FromSeconds(options.DelaySeconds), _time);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 1,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = BuildPipeline(options, _time);
    }

    /// <inheritdoc />
    public async Task<FetchOutcome> FetchAsync(
        Uri url,
        FetchValidators? validators = null,
        FetchPurpose purpose = FetchPurpose.Article,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsFile)
        {
            return _options.AllowFileUrls
                ? await FilePageFetcher.FetchAsync(url, purpose, _options.MaxBodyBytes, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                : FetchOutcome.Refused(url, "scheme", "file URLs are not allowed (set Network:AllowFileUrls=true)");
        }

        Uri current = url;
        for (int hop = 0; hop <= _options.MaxRedirects; hop++)
        {
            string? refusal = CheckTarget(current);
            if (refusal is not null)
            {
                return FetchOutcome.Refused(url, hop == 0 ? "address-policy" : "redirect-refused", refusal);
            }

            using IDisposable turn = await _politeness.EnterAsync(current.Authority, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                Uri target = current;
                FetchValidators? conditional = hop == 0 ? validators : null;
                response = await _pipeline.ExecuteAsync(
                    async ct => await _client.SendAsync(CreateRequest(target, conditional, purpose), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (FindRefusal(ex) is { } refused)
            {
                return FetchOutcome.Refused(url, "address-policy", refused.Message);
            }
            catch (HttpRequestException ex)
            {
                return FetchOutcome.Failed(url, "connection", $"{current}: {ex.Message}");
            }
            catch (TimeoutRejectedException)
            {
                return FetchOutcome.Failed(url, "timeout", $"{current}: no response within {_options.TimeoutSeconds} s");
            }

            using (response)
            {
                int status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && status != 304 && response.Headers.Location is { } location)
                {
                    current = new Uri(current, location);
                    continue;
                }

                if (status == 304)
                {
                    return FetchOutcome.NotModified(url);
                }

                if (!response.IsSuccessStatusCode)
                {
                    return FetchOutcome.Failed(url, $"http-{status}", $"{current}: HTTP {status} {response.ReasonPhrase}");
                }

                string? mediaType = response.Content.Headers.ContentType?.MediaType;
                if (!ContentTypes.IsAcceptable(mediaType, purpose))
                {
                    return FetchOutcome.Failed(url, "content-type", $"{current}: content type {mediaType} is not a page");
                }

                return await ReadBodyAsync(url, current, response, cancellationToken).ConfigureAwait(false);
            }
        }

        return FetchOutcome.Failed(url, "too-many-redirects", $"{url}: more than {_options.MaxRedirects} redirects");
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<FetchOutcome> ReadBodyAsync(Uri url, Uri finalUrl, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int max = _options.MaxBodyBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            return FetchOutcome.Failed(url, "too-large", $"{finalUrl}: {response.Content.Headers.ContentLength} bytes, over the {max}-byte limit");
        }

        // A body that stalls is cut off by the same per-attempt timeout as the headers.
        using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        readTimeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        byte[] body;
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(readTimeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                byte[] chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, readTimeout.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > max)
                    {
                        return FetchOutcome.Failed(url, "too-large", $"{finalUrl}: body over the {max}-byte limit (after decompression)");
                    }

                    buffer.Write(chunk, 0, read);
                }

                body = buffer.ToArray();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchOutcome.Failed(url, "timeout", $"{finalUrl}: body not complete within {_options.TimeoutSeconds} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            return FetchOutcome.Failed(url, "truncated", $"{finalUrl}: body could not be read: {ex.Message}");
        }

        var page = new FetchedPage(
            new PageContent(finalUrl, body, response.Content.Headers.ContentType?.ToString()),
            (int)response.StatusCode,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified,
            _time.GetUtcNow());
        return FetchOutcome.Fetched(url, page);
    }

    private HttpRequestMessage CreateRequest(Uri url, FetchValidators? validators, FetchPurpose purpose)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation(
            "Accept",
            purpose == FetchPurpose.Article
                ? "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"
                : "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.5");
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

    private string? CheckTarget(Uri url)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return $"{url}: only http and https URLs are fetched";
        }

        if (_options.AllowPrivateAddresses)
        {
            return null;
        }

        if (url.IsLoopback || url.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? literal) && AddressPolicy.IsInternal(literal)))
        {
            return $"{url}: {url.Host} is a loopback or private address (set Network:AllowPrivateAddresses=true to allow)";
        }

        return null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // Checked again at connect time, on the resolved addresses, so DNS cannot point us inside.
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (!_options.AllowPrivateAddresses && addresses.FirstOrDefault(AddressPolicy.IsInternal) is { } internalAddress)
        {
            throw new AddressRefusedException(
                $"{context.DnsEndPoint.Host} resolves to {internalAddress}, a loopback or private address (set Network:AllowPrivateAddresses=true to allow)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static AddressRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(NetworkOptions options, TimeProvider time)
    {
        TimeSpan maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>(ex => FindRefusal(ex) is null)
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => FetchRetry.IsTransient(r.StatusCode) && FetchRetry.RetryAfter(r, time) <= maxRetryAfter),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response && FetchRetry.RetryAfter(response, time) is { } retryAfter && retryAfter > TimeSpan.Zero
                        ? (TimeSpan?)retryAfter
                        : null),
            });
        }

        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        return builder.Build();
    }
}
